// Crawl pages as bytes, copied into buffers that are reused from page to page.
//
// Why: axios buffers a body as a list of socket chunks plus a Buffer.concat copy, about twice the
// page in short-lived external memory per request. With pages in flight while the consumer works,
// those buffers outlive young-generation collections, and V8 lets dead external memory pile up
// (some 60 MB at concurrency 2) before it collects. Copying each chunk into a buffer the crawl
// reuses leaves the socket chunks as the only churn. bench/RESULTS.md has the figures.
import type { Readable } from 'node:stream';
import { AxiosError } from 'axios';
import type { AxiosResponse } from 'axios';
import { limitOf, notJson, tooLarge } from './body.js';

/**
 * The buffers one crawl reuses. It needs no cap: a buffer comes back only after it was taken, so
 * the idle ones never outnumber the pages a crawl holds at once (its window plus the page being
 * decoded).
 */
export interface BytePool {
  take(size: number): Buffer;
  give(buffer: Buffer): void;
}

export function createBytePool(): BytePool {
  const idle: Buffer[] = [];
  return {
    take(size) {
      const buffer = idle.pop();
      return buffer && buffer.length >= size ? buffer : Buffer.allocUnsafeSlow(Math.max(size, 64 * 1024));
    },
    give(buffer) {
      idle.push(buffer);
    },
  };
}

/** A body held as bytes; `text()` decodes it once and hands the buffer back to the pool. */
export interface PageBytes {
  text(): string;
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * Reads a streamed body into a pooled buffer. A body that cannot be one JSON object (first and
 * last non-blank bytes are not `{` and `}`: a proxy's HTML page, a body cut short) is refused here,
 * inside the attempt, so it is retried; a broken stream rejects and is retried the same way.
 * A body past the response's limit (maxResponseBytes, as axios's maxContentLength, counted after
 * decompression) stops the reading at once, destroying the stream, and is not retried. axios
 * enforces the same limit on the stream it hands us; the check here also keeps the buffer itself
 * within the limit, whatever the Content-Length header claims.
 */
export async function readJsonObject(response: AxiosResponse<unknown>, pool: BytePool): Promise<PageBytes> {
  const limit = limitOf(response) ?? Number.POSITIVE_INFINITY;
  const declared = Number(response.headers?.['content-length']);
  let buffer = pool.take(Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, limit) : 0);
  let length = 0;
  let over = false;
  try {
    for await (const chunk of response.data as Readable as AsyncIterable<Buffer>) {
      const end = length + chunk.length;
      if (end > limit) {
        over = true;
        break; // leaving the loop destroys the stream, and with it the socket
      }
      if (end > buffer.length) {
        const larger = Buffer.allocUnsafeSlow(Math.min(Math.max(buffer.length * 2, end), limit));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      chunk.copy(buffer, length);
      length = end;
    }
  } catch (error) {
    pool.give(buffer);
    // As axios reports a body that broke off, so it is told apart from a refused connection.
    throw AxiosError.from(error as Error, (error as { code?: string }).code, response.config, response.request, response);
  }
  if (over) {
    pool.give(buffer);
    const method = (response.config?.method ?? 'GET').toUpperCase();
    throw tooLarge(method, response.config?.url ?? '', limit, response.status);
  }
  let start = 0;
  let end = length - 1;
  while (start <= end && isSpace(buffer[start])) start += 1;
  while (end >= start && isSpace(buffer[end])) end -= 1;
  if (buffer[start] !== 0x7b || buffer[end] !== 0x7d) {
    pool.give(buffer);
    throw notJson(response, length);
  }
  let held: Buffer | undefined = buffer;
  return {
    text() {
      if (!held) throw new Error('page bytes already decoded');
      const text = held.toString('utf8', 0, length);
      pool.give(held);
      held = undefined;
      return text;
    },
  };
}
