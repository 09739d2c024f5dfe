// How a list page or a record is read from a response: the envelope and record checks, and the
// two ways a page is fetched (list(): parsed at once; all(): kept as bytes until its turn).
import { ServerError } from '../errors.js';
import type { FetchedPage } from '../paginate.js';
import { readJsonObject } from '../transport/page-bytes.js';
import type { BytePool } from '../transport/page-bytes.js';
import type { Transport, WireCall } from '../transport/transport.js';
import type { AxiosResponse, RawAxiosRequestConfig } from 'axios';
import type { CallOptions, ListPage } from './types.js';

/** A generated list operation, as a resource definition names it. */
export type ListCall<T> = (params: Record<string, unknown>, options: RawAxiosRequestConfig) => ReturnType<WireCall<ListPage<T>>>;

/**
 * The list envelope as the server meant it. An empty list arrives as `"results": null` (a Go nil
 * slice: recorded for filters that match nothing and pages past the end), which is an empty page,
 * not a broken answer; only a body with no `results` at all is not a Registry list.
 */
function checkEnvelope<T>(name: string, body: unknown): ListPage<T> {
  const page = body as Partial<ListPage<T>> | null;
  const results = page && typeof page === 'object' ? page.results : undefined;
  if (!page || typeof page !== 'object' || !(Array.isArray(results) || results === null)) {
    throw new ServerError('bad_response', `the ${name} list response has no "results" array; is this an APTrust Registry?`);
  }
  const bad = results?.findIndex((record) => !isRecord(record)) ?? -1;
  if (bad >= 0) {
    throw new ServerError(
      'bad_response',
      `the ${name} list response has ${describeJson(results?.[bad])} at results[${bad}] where a record (a JSON object) should be`,
    );
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
export function checkRecord<T>(what: string, body: T): T {
  if (!isRecord(body)) throw new ServerError('bad_response', `the ${what} response is ${describeJson(body)}, not a record (a JSON object)`);
  return body;
}

/** Fetches pages of one list: `page` for list(), `forCrawl` for all()'s window of pages. */
export function pageReader<T>(name: string, list: ListCall<T>, transport: Transport) {
  const page = async (query: Record<string, unknown>, options: CallOptions) =>
    checkEnvelope<T>(name, await transport.execute((axiosOptions) => list(query, axiosOptions), options));
  // A crawl page stays bytes until its turn (src/paginate.ts, "Memory"). A body that looked whole
  // but does not parse is fetched again then, with the usual retries, rather than failing the crawl.
  const forCrawl =
    (pool: BytePool) =>
    async (query: Record<string, unknown>, signal: AbortSignal): Promise<FetchedPage<T>> => {
      const bytes = await transport.execute((axiosOptions) => list(query, { ...axiosOptions, responseType: 'stream' }), {
        signal,
        read: (response: AxiosResponse<unknown>) => readJsonObject(response, pool),
      });
      return {
        async decode() {
          let body: unknown;
          try {
            body = JSON.parse(bytes.text());
          } catch {
            return page(query, { signal });
          }
          return checkEnvelope<T>(name, body);
        },
      };
    };
  return { page, forCrawl };
}
