// Response bodies: what a success body becomes, and the text of an error body that arrived as a stream.
import { Readable } from 'node:stream';
import { isAxiosError } from 'axios';
import type { AxiosResponse } from 'axios';
import { ServerError } from '../errors.js';
import { doNotRetry } from './retry-policy.js';

/** The error for a success status whose body is not (complete) JSON: retried like a dropped connection. */
export function notJson(response: AxiosResponse<unknown>, length: number): ServerError {
  const method = (response.config?.method ?? 'GET').toUpperCase();
  const path = response.config?.url ?? '';
  return new ServerError('bad_response', `${method} ${path}: the response body is not complete JSON (${length} bytes)`, {
    status: response.status,
    method,
    path,
  });
}

/**
 * The error for a body that went past maxResponseBytes once decompressed (a compression bomb, a
 * body that never ends, a page far larger than any Registry page). Code bad_response, like any body
 * the client will not take, so scripts and the CLI (exit 5) need nothing new; but not retried:
 * the same request gets the same body, and each attempt would cost the cap again.
 */
export function tooLarge(method: string, path: string, limit: number, status?: number): ServerError {
  return doNotRetry(
    new ServerError(
      'bad_response',
      `${method} ${path}: the response body is larger than maxResponseBytes (${limit} bytes, counted after decompression); stopped reading`,
      {
        status,
        method,
        path,
        hint: 'No Registry page comes near this size: a proxy or server is sending something else. If the records really are that large, ask for fewer per page (per_page) or raise maxResponseBytes (APTRUST_REGISTRY_MAX_RESPONSE_BYTES).',
      },
    ),
  );
}

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
  return isAxiosError(error) && error.code === 'ERR_BAD_RESPONSE' && error.message === `maxContentLength size of ${limit} exceeded`;
}

/** The parsed body, or a bad_response error. */
export function parseJsonBody(response: AxiosResponse<unknown>): unknown {
  const { data } = response;
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    throw notJson(response, data.length);
  }
}

/** Whether a body arrived as a stream (responseType 'stream'), tested as axios itself tests it. */
export function isReadable(data: unknown): data is Readable {
  return data instanceof Readable;
}

const ERROR_BODY_LIMIT = 64 * 1024;

/**
 * A streamed error body (crawl pages are requested as streams) as text, so the error can quote the
 * server. A body of up to 64 KiB is read to its end, so the connection can be reused; past that,
 * reading stops and the stream (and with it the socket) is destroyed: only 64 KiB would be kept.
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
