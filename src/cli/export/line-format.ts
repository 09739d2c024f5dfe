// An export's text, record by record, in the same bytes as the streaming sinks write to stdout
// (src/cli/output/), but as strings the export file can count, flush and cut at a checkpoint:
// a resumed export starts again from a byte offset and a record count, and nothing else.
import { stringify } from 'csv-stringify/sync';
import type { CliRecord } from '../resources.js';
import { csvCast, UTF8_BOM } from '../output/cell.js';
import { project } from '../output/sink.js';

import type { ExportFormat } from './formats.js';

export interface LineFormat {
  /** Text before the first record: a csv header, a json array's bracket. */
  header(): string;
  /** The record's text; `index` counts records from 0 over every run of the export. */
  line(record: CliRecord, index: number): string;
  /** Text after the last record, given how many there were. */
  footer(count: number): string;
}

/** `excel` (csv only): a BOM before the header and formula-like cells neutralised, as csv-sink.ts. */
export function lineFormat(
  format: ExportFormat,
  columns: readonly string[],
  fields: readonly string[] | undefined,
  excel = false,
): LineFormat {
  switch (format) {
    case 'ndjson':
      return { header: () => '', line: (record) => `${JSON.stringify(project(record, fields))}\n`, footer: () => '' };
    case 'json':
      // The array the json sink writes: "[]\n" when empty, else "[\n" records joined by ",\n" and "\n]\n".
      return {
        header: () => '[',
        line: (record, index) => `${index === 0 ? '\n' : ',\n'}${JSON.stringify(project(record, fields))}`,
        footer: (count) => (count === 0 ? ']\n' : '\n]\n'),
      };
    case 'csv': {
      const cast = csvCast(excel);
      const cols = [...columns];
      return {
        header: () => `${excel ? UTF8_BOM : ''}${stringify([], { header: true, columns: cols, cast })}`,
        line: (record) => stringify([record], { columns: cols, cast }),
        footer: () => '',
      };
    }
  }
}
