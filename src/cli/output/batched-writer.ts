// Output text in batches: one write per ~64 KiB, or per burst of records, rather than one write
// (and one system call) per record. A million-record ndjson export spent more time in per-record
// writes than in the crawl itself (bench/RESULTS.md).
import type { Writable } from 'node:stream';
import { writeOut } from '../io.js';

const BATCH_CHARS = 64 * 1024;

export interface BatchedWriter {
  /** Queues text; resolves at once, or once the stream has room when a full batch had to wait. */
  write(text: string): Promise<void>;
  /** Writes what is queued; resolves when it has been handed to the stream. */
  end(): Promise<void>;
}

/**
 * Batches are written in order, each after the previous one has been accepted (writeOut waits for
 * 'drain'), so a slow reader holds back the producer and memory stays at about one batch. Records
 * handed out in one burst (a page in memory) share a batch; when the burst ends, the batch goes
 * out on the next turn of the event loop, so output is never held waiting for the network.
 */
export function batchedWriter(stream: Writable): BatchedWriter {
  let parts: string[] = [];
  let size = 0;
  let last: Promise<void> = Promise.resolve();
  let failure: { error: unknown } | undefined;
  let timer: NodeJS.Immediate | undefined;

  const flush = (): Promise<void> => {
    if (timer) clearImmediate(timer);
    timer = undefined;
    if (parts.length === 0) return last;
    const text = parts.join('');
    parts = [];
    size = 0;
    last = last.then(() => writeOut(stream, text));
    last.catch((error: unknown) => {
      failure ??= { error };
    });
    return last;
  };

  return {
    async write(text) {
      if (failure) throw failure.error;
      parts.push(text);
      size += text.length;
      if (size >= BATCH_CHARS) await flush();
      else timer ??= setImmediate(() => void flush());
    },
    async end() {
      await flush();
    },
  };
}
