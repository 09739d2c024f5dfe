// What a response carries besides a success body: its limit, axios refusing a body past it, and
// the text of an error body (every body arrives as a stream).
import { Readable } from 'node:stream';
import type { AxiosResponse } from 'axios';
import { isAxiosError } from './normalize.js';

/** The limit axios was given for a response (maxContentLength), if any. */
export function limitOf(response: AxiosResponse<unknown> | undefined): number | undefined {
  const limit = response?.config?.maxContentLength;
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/**
 * Whether an error is axios refusing a body past maxContentLength, which it counts after
 * decompression for buffered and streamed bodies alike (axios 1.x, lib/adapters/http.js), and at
 * which it destroys the response stream and the request (so the socket). axios gives the error no
 * other mark than its message; matching the exact message for our own limit leaves no doubt.
 */
export function isOverLimit(error: unknown, limit: number): boolean {
  return (
    isAxiosError(error) &&
    (error as { code?: unknown }).code === 'ERR_BAD_RESPONSE' &&
    (error as { message?: unknown }).message === `maxContentLength size of ${limit} exceeded`
  );
}

/** Whether a body arrived as a stream (responseType 'stream'), tested as axios itself tests it. */
export function isReadable(data: unknown): data is Readable {
  return data instanceof Readable;
}

const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * A streamed error body as text, so the error can quote the server. A body of up to 64 KiB is
 * read to its end, so the connection can be reused; past that, reading stops and the stream (and
 * with it the socket) is destroyed: only 64 KiB would be kept.
 */
export async function errorBodyText(stream: Readable): Promise<string> {
  const kept: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      kept.push(chunk);
      size += chunk.length;
      if (size > ERROR_BODY_LIMIT) break; // leaving the loop destroys the stream
    }
  } catch {
    // A body that broke off: the status alone still tells what happened.
  }
  return Buffer.concat(kept).toString('utf8', 0, Math.min(size, ERROR_BODY_LIMIT));
}
