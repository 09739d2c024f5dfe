// --format and --fields → a sink. Checked before any request, so a typo in a field name fails
// at once instead of after a crawl of a million records.
import { colorEnabled, terminalWidth } from '../io.js';
import type { CliIO } from '../io.js';
import { UsageError } from '../usage-error.js';
import { jsonArraySink, jsonObjectSink, ndjsonSink } from './json-sink.js';
import type { Format, RecordSink } from './sink.js';
import { recordTableSink, tableSink } from './table-sink.js';

export interface FormatFlags {
  format?: Format;
  fields?: string;
  /** csv for a spreadsheet (--excel). */
  excel?: boolean;
}

export interface OutputPlan {
  format: Format;
  fields: readonly string[] | undefined;
  excel?: boolean;
}

/** Default: a table for a person at a terminal, ndjson for pipes, files and CI logs. */
export function defaultFormat(io: CliIO): Format {
  return io.stdout.isTTY ? 'table' : 'ndjson';
}

export function planOutput(io: CliIO, flags: FormatFlags, known: readonly string[], what: string): OutputPlan {
  const format = flags.format ?? defaultFormat(io);
  if (flags.excel && format !== 'csv') {
    throw new UsageError(`--excel only applies to csv, not ${format}`, 'add --format csv (or -o csv)');
  }
  const excel = flags.excel ? { excel: true } : {};
  if (flags.fields === undefined) return { format, fields: undefined, ...excel };
  const fields = flags.fields
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '');
  if (fields.length === 0) throw new UsageError('--fields is empty', `name fields separated by commas, e.g. --fields id,name,status`);
  const unknown = fields.filter((f) => !known.includes(f));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((f) => `"${f}"`).join(', ')} for ${what}`,
      `fields of ${what}: ${known.join(', ')}`,
    );
  }
  return { format, fields, ...excel };
}

export interface SinkShape {
  /** Many records (list, report) or one (get, wait-ingest). */
  single: boolean;
  /** Table columns when --fields is not given. */
  defaultColumns: readonly string[];
  /** csv columns when --fields is not given: every field, so the header is fixed up front. */
  allFields: readonly string[];
}

/** Async only so csv-stringify is loaded when csv is asked for, not on every start. */
export async function createSink(io: CliIO, plan: OutputPlan, shape: SinkShape): Promise<RecordSink> {
  const out = io.stdout;
  const table = { width: terminalWidth(io), color: colorEnabled(io, 'stdout') };
  switch (plan.format) {
    case 'json':
      return shape.single ? jsonObjectSink(out, plan.fields) : jsonArraySink(out, plan.fields);
    case 'ndjson':
      return ndjsonSink(out, plan.fields);
    case 'csv': {
      const { csvSink } = await import('./csv-sink.js');
      return csvSink(out, plan.fields ?? shape.allFields, plan.excel === true);
    }
    case 'table':
      return shape.single
        ? recordTableSink(out, plan.fields ?? shape.allFields, table)
        : tableSink(out, plan.fields ?? shape.defaultColumns, table);
  }
}
