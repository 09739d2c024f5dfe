// CLI output batching: far fewer writes than records, nothing reordered or lost, a slow reader
// holds the producer back, and a failed write is reported rather than swallowed.
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { batchedWriter } from '../../src/cli/output/batched-writer.js';

/** A stream that records each write and accepts it after `delayMs`. */
function sink(options: { delayMs?: number; highWaterMark?: number; fail?: boolean } = {}) {
  const writes: string[] = [];
  const stream = new Writable({
    highWaterMark: options.highWaterMark ?? 16 * 1024,
    decodeStrings: false,
    write(chunk: string, _encoding, done) {
      writes.push(chunk);
      if (options.fail) return done(new Error('EPIPE: the reader went away'));
      setTimeout(done, options.delayMs ?? 0);
    },
  });
  return { stream, writes };
}

const line = (i: number) => `{"id":${i},"name":"${'x'.repeat(100)}"}\n`;

describe('batchedWriter', () => {
  it('writes 10,000 lines in order with a few dozen writes', async () => {
    const { stream, writes } = sink();
    const writer = batchedWriter(stream);
    for (let i = 0; i < 10_000; i += 1) await writer.write(line(i));
    await writer.end();
    expect(writes.join('')).toBe(Array.from({ length: 10_000 }, (_, i) => line(i)).join(''));
    expect(writes.length).toBeLessThan(40);
  });

  it('sends a short burst on the next turn of the event loop, without waiting for more', async () => {
    const { stream, writes } = sink();
    const writer = batchedWriter(stream);
    await writer.write(line(1));
    await writer.write(line(2));
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([line(1) + line(2)]);
  });

  it('holds the producer back while a slow reader drains', async () => {
    // The reader's 20 ms per write run on fake time, which moves only when the producer is stuck
    // waiting for one: elapsed time counts writes waited for one after another, at any machine speed.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { stream, writes } = sink({ delayMs: 20, highWaterMark: 1024 });
      const writer = batchedWriter(stream);
      const started = Date.now();
      let produced = false;
      const producer = (async () => {
        for (let i = 0; i < 3_000; i += 1) await writer.write(line(i));
        produced = true;
      })();
      while (!produced) {
        if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
        else await new Promise(setImmediate); // the batch goes out on the next turn of the loop
      }
      await producer;
      // About six full batches, each written only after the previous one was accepted.
      expect(Date.now() - started).toBeGreaterThanOrEqual(80);
      expect(stream.writableLength).toBeLessThan(128 * 1024);
      const ended = writer.end();
      await vi.runAllTimersAsync();
      await ended;
      expect(writes.join('').split('\n')).toHaveLength(3_001);
    } finally {
      vi.useRealTimers();
    }
  });

  it('reports a failed write on the next call', async () => {
    const { stream } = sink({ fail: true });
    stream.on('error', () => undefined);
    const writer = batchedWriter(stream);
    for (let i = 0; i < 1_000; i += 1) await writer.write(line(i)).catch(() => undefined);
    await expect(writer.end()).rejects.toThrow(/EPIPE/);
  });
});
