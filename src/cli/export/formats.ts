// The formats an export file can take, and the one its name suggests. Apart from line-format.ts
// so that `list` can check --output at start without loading csv-stringify.
export type ExportFormat = 'json' | 'ndjson' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'ndjson', 'csv'];

/** The format an export file's name suggests: .csv, .json, else ndjson (.ndjson, .jsonl, anything). */
export function formatForFile(file: string): ExportFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.json')) return 'json';
  return 'ndjson';
}
