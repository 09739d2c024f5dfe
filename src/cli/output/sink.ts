// Where records go. Every format implements the same two calls, so commands stream records
// through without knowing (or buffering for) the format.
import type { CliRecord } from '../resources.js';

export const FORMATS = ['json', 'ndjson', 'csv', 'table'] as const;
export type Format = (typeof FORMATS)[number];

export interface RecordSink {
  /** Resolves when the record is written or buffered within the sink's fixed bound. */
  write(record: CliRecord): Promise<void>;
  /** Flushes; resolves when everything has been handed to stdout. */
  end(): Promise<void>;
}

/** Only the named fields, in that order (absent ones as undefined, so csv/table keep their columns). */
export function project(record: CliRecord, fields: readonly string[] | undefined): CliRecord {
  if (!fields) return record;
  const out: CliRecord = {};
  for (const field of fields) out[field] = record[field];
  return out;
}
