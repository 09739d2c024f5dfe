// How a list page or a record is read from a response. One path for every response: the body is
// streamed into a pooled buffer (capped at maxResponseBytes), decoded, and checked (the list
// envelope, the record), all inside the attempt, so a bad body is retried like a dropped
// connection and its error carries method, path and attempts. A crawl page alone stops at the
// bytes and is decoded at its turn (src/paginate.ts, "Memory").
import type { RegistryError } from '../errors.js';
import type { FetchedPage } from '../paginate.js';
import { createBytePool, parseJson, readBytes, readJsonObject } from '../transport/page-bytes.js';
import type { BytePool, PageBytes } from '../transport/page-bytes.js';
import { registryError } from '../transport/normalize.js';
import type { RetryBudget, Transport, WireCall } from '../transport/transport.js';
import type { AxiosResponse, RawAxiosRequestConfig } from 'axios';
import type { CallOptions, ListPage } from './types.js';

/** A generated list operation, as a resource definition names it. */
export type ListCall<T> = (params: Record<string, unknown>, options: RawAxiosRequestConfig) => ReturnType<WireCall<ListPage<T>>>;

/** Makes the bad_response for JSON that is not the Registry answer it should be, given what is wrong. */
type NotRegistry = (problem: string) => RegistryError;

/**
 * The error for what is wrong with a body, made only when something is: by registryError inside
 * an attempt (the transport makes it again with the key masked and the attempts counted), by the
 * transport's `fail` for a crawl page checked at its turn.
 */
const notRegistry =
  (bytes?: PageBytes, attempts?: number, make = registryError): NotRegistry =>
  (problem) =>
    make({ kind: 'not-registry', status: bytes?.status, problem }, bytes && { method: bytes.method, path: bytes.path, attempts });

/**
 * The list envelope as the server meant it. An empty list arrives as `"results": null` (a Go nil
 * slice: recorded for filters that match nothing and pages past the end), which is an empty page,
 * not a broken answer; only a body with no `results` at all is not a Registry list.
 */
function checkEnvelope<T>(name: string, body: unknown, fail: NotRegistry): ListPage<T> {
  const page = body as Partial<ListPage<T>> | null;
  const results = page && typeof page === 'object' ? page.results : undefined;
  if (!page || typeof page !== 'object' || !(Array.isArray(results) || results === null)) {
    throw fail(`the ${name} list response has no "results" array; is this an APTrust Registry?`);
  }
  const bad = results?.findIndex((record) => !isRecord(record)) ?? -1;
  if (bad >= 0) {
    throw fail(`the ${name} list response has ${describeJson(results?.[bad])} at results[${bad}] where a record (a JSON object) should be`);
  }
  return {
    count: typeof page.count === 'number' ? page.count : 0,
    next: typeof page.next === 'string' ? page.next : '',
    previous: typeof page.previous === 'string' ? page.previous : '',
    results: results ?? [],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `${typeof value} ${JSON.stringify(value)?.slice(0, 40) ?? ''}`.trim();
}

/** A show route's body: one record, a JSON object; anything else (null, 42, a list) is not a record. */
function checkRecord<T>(what: string, body: T, fail: NotRegistry): T {
  if (!isRecord(body)) throw fail(`the ${what} response is ${describeJson(body)}, not a record (a JSON object)`);
  return body;
}

/**
 * `read` for a show route (`transport.execute(call, { signal, read: recordReader('work item') })`):
 * the body read, parsed and checked to be a record inside the attempt, so a `null` is retried.
 */
export function recordReader<T>(what: string): (response: AxiosResponse<unknown>) => Promise<T> {
  return async (response) => {
    const bytes = await readBytes(response, createBytePool());
    return checkRecord(what, parseJson(bytes) as T, notRegistry(bytes));
  };
}

/** Fetches pages of one list: `page` for list(), `forCrawl` for all()'s window of pages. */
export function pageReader<T>(name: string, list: ListCall<T>, transport: Transport) {
  const call = (query: Record<string, unknown>) => (axiosOptions: RawAxiosRequestConfig) => list(query, axiosOptions);
  /** One page, read, decoded and checked inside the attempt: list(), and a crawl page fetched again. */
  const page = (query: Record<string, unknown>, options: CallOptions & { budget?: RetryBudget }, pool: BytePool = createBytePool()) =>
    transport.execute(call(query), {
      ...options,
      read: async (response: AxiosResponse<unknown>) => {
        const bytes = await readBytes(response, pool);
        return checkEnvelope<T>(name, parseJson(bytes), notRegistry(bytes));
      },
    });
  // A crawl page stays bytes until its turn. A body that looked whole but does not parse is
  // fetched again then, through page() with the crawl's pool and the crawl's retries, rather than
  // failing the crawl. One that parses but is not a list is a bad_response at once, as it was.
  // Both requests get the crawl's retry budget (crawlMaxAttempts, crawlMaxRetryTimeMs): one page
  // out of retries ends the whole crawl, which may have run for an hour.
  const forCrawl =
    (pool: BytePool) =>
    async (query: Record<string, unknown>, signal: AbortSignal): Promise<FetchedPage<T>> => {
      let attempts = 1;
      const bytes = await transport.execute(call(query), {
        signal,
        budget: 'crawl',
        read: (response: AxiosResponse<unknown>, attempt: number) => {
          attempts = attempt;
          return readJsonObject(response, pool);
        },
      });
      return {
        async decode() {
          let body: unknown;
          try {
            body = JSON.parse(bytes.text());
          } catch {
            return page(query, { signal, budget: 'crawl' }, pool);
          }
          return checkEnvelope<T>(name, body, notRegistry(bytes, attempts, transport.fail));
        },
      };
    };
  return { page, forCrawl };
}
