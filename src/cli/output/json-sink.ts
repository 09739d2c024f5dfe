// json: one JSON document. For lists, an array written element by element (so even --all needs
// constant memory); for a single record (get, wait-ingest), the object, indented.
import type { Writable } from 'node:stream';
import { writeOut } from '../io.js';
import type { CliRecord } from '../resources.js';
import { batchedWriter } from './batched-writer.js';
import { project } from './sink.js';
import type { RecordSink } from './sink.js';

export function jsonArraySink(out: Writable, fields: readonly string[] | undefined): RecordSink {
  const writer = batchedWriter(out);
  let count = 0;
  return {
    async write(record: CliRecord) {
      await writer.write(`${count === 0 ? '[\n' : ',\n'}${JSON.stringify(project(record, fields))}`);
      count += 1;
    },
    async end() {
      await writer.write(count === 0 ? '[]\n' : '\n]\n');
      await writer.end();
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

/** ndjson: one compact JSON object per line, written in batches as records arrive. */
export function ndjsonSink(out: Writable, fields: readonly string[] | undefined): RecordSink {
  const writer = batchedWriter(out);
  return {
    async write(record: CliRecord) {
      await writer.write(`${JSON.stringify(project(record, fields))}\n`);
    },
    end: () => writer.end(),
  };
}
