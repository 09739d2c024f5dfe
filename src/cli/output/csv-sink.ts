// csv: csv-stringify in streaming mode, piped to stdout. A header line always (csv-stringify
// writes it even with no records), fixed columns (the resource's fields or --fields), nested values as JSON.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { CliRecord } from '../resources.js';
import { csvCast, UTF8_BOM } from './cell.js';
import type { RecordSink } from './sink.js';

/** `excel`: a BOM first and formula-like cells neutralised (spreadsheetCell); else plain csv, unchanged. */
export function csvSink(out: Writable, columns: readonly string[], excel = false): RecordSink {
  const stringifier = stringify({
    header: true,
    columns: [...columns],
    cast: csvCast(excel),
  });
  // Before the pipe's first write, so it is the file's first bytes.
  if (excel) out.write(UTF8_BOM);
  // end: false, because process.stdout must stay open for the rest of the process.
  stringifier.pipe(out, { end: false });
  const done = once(stringifier, 'end');
  done.catch(() => undefined); // awaited in end(); an early error surfaces from write()
  return {
    async write(record: CliRecord) {
      if (!stringifier.write(record)) await once(stringifier, 'drain');
    },
    async end() {
      stringifier.end();
      await done;
    },
  };
}
