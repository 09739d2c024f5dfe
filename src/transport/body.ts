// Response bodies: what a success body becomes, and the text of an error body that arrived as a stream.
import { Readable } from 'node:stream';
import type { AxiosResponse } from 'axios';
import { ServerError } from '../errors.js';

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
 * server; at most 64 KiB is kept, the rest is read and dropped so the connection can be reused.
 */
export async function errorBodyText(stream: Readable): Promise<string> {
  const kept: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (size < ERROR_BODY_LIMIT) kept.push(chunk);
      size += chunk.length;
    }
  } catch {
    // A body that broke off: the status alone still tells what happened.
  }
  return Buffer.concat(kept).toString('utf8', 0, Math.min(size, ERROR_BODY_LIMIT));
}
