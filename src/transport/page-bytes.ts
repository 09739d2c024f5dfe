// Response bodies as bytes, copied into buffers that a crawl reuses from page to page: the one way
// a success body is read (list(), get() and every crawl page), capped at maxResponseBytes.
//
// Why: axios buffers a body as a list of socket chunks plus a Buffer.concat copy, about twice the
// page in short-lived external memory per request. With pages in flight while the consumer works,
// those buffers outlive young-generation collections, and V8 lets dead external memory pile up
// (some 60 MB at concurrency 2) before it collects. Copying each chunk into a buffer the crawl
// reuses leaves the socket chunks as the only churn. bench/RESULTS.md has the figures.
import type { Readable } from 'node:stream';
import type { AxiosResponse } from 'axios';
import { isOverLimit, limitOf } from './body.js';
import { registryError, requestOf } from './normalize.js';
import type { Failure } from './normalize.js';

/**
 * The buffers one crawl reuses. It needs no cap: a buffer comes back only after it was taken, so
 * the idle ones never outnumber the pages a crawl holds at once (its window plus the page being
 * decoded). list() and get() take a pool of their own per call, which dies with the call.
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

/** A success body held as bytes, with what an error about it needs to say. */
export interface PageBytes {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** Its size in bytes. */
  readonly length: number;
  /** Decodes the bytes (UTF-8), once, and hands the buffer back to the pool. */
  text(): string;
}

const isSpace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/**
 * Reads a streamed success body into a pooled buffer. A broken stream rejects (a cut-off body,
 * retried like a dropped connection). A body past the response's limit (maxResponseBytes, as
 * axios's maxContentLength, counted after decompression) stops the reading at once, destroying
 * the stream, and is not retried. axios enforces the same limit on the stream it hands us; the
 * check here also keeps the buffer itself within the limit, whatever Content-Length claims.
 * With `objectOnly`, a body that cannot be one JSON object (its first and last non-blank bytes
 * are not `{` and `}`: a proxy's HTML page, a body cut short) is refused at once, unparsed.
 */
export async function readBytes(response: AxiosResponse<unknown>, pool: BytePool, objectOnly = false): Promise<PageBytes> {
  const limit = limitOf(response) ?? Number.POSITIVE_INFINITY;
  const declared = Number(response.headers?.['content-length']);
  const { status } = response;
  const { method, path } = requestOf(response.config);
  let buffer = pool.take(Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, limit) : 0);
  let length = 0;
  let failure: Failure | undefined;
  try {
    for await (const chunk of response.data as Readable as AsyncIterable<Buffer>) {
      const end = length + chunk.length;
      if (end > limit) {
        failure = { kind: 'too-large', status, limit };
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
    // axios's own count of the limit fails the stream; anything else broke it off.
    failure = isOverLimit(error, limit) ? { kind: 'too-large', status, limit } : { kind: 'cut-off', status, cause: error };
  }
  if (!failure && objectOnly && !isObjectShaped(buffer, length)) failure = { kind: 'not-json', status, bytes: length };
  if (failure) {
    pool.give(buffer);
    throw registryError(failure, { method, path });
  }
  let held: Buffer | undefined = buffer;
  return {
    status,
    method,
    path,
    length,
    text() {
      if (!held) throw new Error('page bytes already decoded');
      const text = held.toString('utf8', 0, length);
      pool.give(held);
      held = undefined;
      return text;
    },
  };
}

function isObjectShaped(buffer: Buffer, length: number): boolean {
  let start = 0;
  let end = length - 1;
  while (start <= end && isSpace(buffer[start])) start += 1;
  while (end >= start && isSpace(buffer[end])) end -= 1;
  return buffer[start] === 0x7b && buffer[end] === 0x7d;
}

/** A crawl page's bytes, to be held until its turn: refused at once unless shaped as one JSON object. */
export function readJsonObject(response: AxiosResponse<unknown>, pool: BytePool): Promise<PageBytes> {
  return readBytes(response, pool, true);
}

/** The JSON a body holds, or a bad_response (not complete JSON) saying how many bytes came. */
export function parseJson(bytes: PageBytes): unknown {
  const text = bytes.text();
  try {
    return JSON.parse(text);
  } catch {
    throw registryError({ kind: 'not-json', status: bytes.status, bytes: bytes.length }, bytes);
  }
}
