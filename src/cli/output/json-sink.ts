// json: one JSON document. For lists, an array written element by element (so even --all needs
// constant memory); for a single record (get, wait-ingest), the object, indented.
import type { Writable } from 'node:stream';
import { writeOut } from '../io.js';
import type { CliRecord } from '../resources.js';
import { project } from './sink.js';
import type { RecordSink } from './sink.js';

export function jsonArraySink(out: Writable, fields: readonly string[] | undefined): RecordSink {
  let count = 0;
  return {
    async write(record: CliRecord) {
      await writeOut(out, `${count === 0 ? '[\n' : ',\n'}${JSON.stringify(project(record, fields))}`);
      count += 1;
    },
    async end() {
      await writeOut(out, count === 0 ? '[]\n' : '\n]\n');
    },
  };
}

export function jsonObjectSink(out: Writable, fields: readonly string[] | undefined): RecordSink {
  return {
    async write(record: CliRecord) {
      await writeOut(out, `${JSON.stringify(project(record, fields), null, 2)}\n`);
    },
    async end() {},
  };
}

/** ndjson: one compact JSON object per line, written as it arrives. */
export function ndjsonSink(out: Writable, fields: readonly string[] | undefined): RecordSink {
  return {
    async write(record: CliRecord) {
      await writeOut(out, `${JSON.stringify(project(record, fields))}\n`);
    },
    async end() {},
  };
}
