// One generic definition that every resource namespace is built from.
import { AbortedError, InvalidInputError, ServerError } from '../errors.js';
import { crawl } from '../paginate.js';
import type { FetchedPage, TieBreak } from '../paginate.js';
import { checkParamsShape, validateListParams } from '../params.js';
import type { FilterTable } from '../params.js';
import { createBytePool, readJsonObject } from '../transport/page-bytes.js';
import type { BytePool } from '../transport/page-bytes.js';
import type { Transport, WireCall } from '../transport/transport.js';
import type { AxiosResponse, RawAxiosRequestConfig } from 'axios';
import type { AllOptions, CallOptions, ListPage } from './types.js';

export interface ResourceSpec<T> {
  /** The resource's name in the API's URLs (items, files, …), for messages. */
  name: string;
  filters: FilterTable;
  sorts: readonly string[];
  /** Columns that make the order total (errata §2.2): id, and for alerts also user_id. */
  tieBreak: TieBreak<T>;
  list: (params: Record<string, unknown>, options: RawAxiosRequestConfig) => ReturnType<WireCall<ListPage<T>>>;
}

/**
 * The two list operations every resource has.
 * @typeParam T - the record type, e.g. {@link WorkItemView}
 * @typeParam P - the list parameters, e.g. {@link WorkItemListParams}
 */
export interface ListOperations<T, P> {
  /**
   * One page, as the server sends it. `per_page` may be 1..1000 (default 20 on the server).
   * Params are checked before anything is sent: an unknown name, a wrongly typed or empty value,
   * or an array on a filter that is not `__in` throws an {@link InvalidInputError}.
   * @example
   * ```ts
   * const page = await client.workItems.list({ status: 'Failed', per_page: 100, sort: 'updated_at__desc' });
   * console.log(`${page.results.length} of ${page.count}`);
   * ```
   */
  list(params?: P, options?: CallOptions): Promise<ListPage<T>>;
  /**
   * Every matching record exactly once, in a deterministic order; pages are fetched as you iterate.
   * Your `sort` is followed by `id__asc` (alerts also `user_id__asc`) so that paging has no ties;
   * `per_page` is clamped to 1..1000 (default 1000) and `page` is refused. Paging continues while
   * pages come back full, even when `next` is `""`, and a record already yielded is skipped.
   * Breaking out of the loop stops the crawl; so does `options.signal`.
   * @example
   * ```ts
   * for await (const file of client.files.all({ intellectual_object_id: 42 }, { concurrency: 4 })) {
   *   console.log(file.identifier, file.size);
   * }
   * ```
   */
  all(params?: P, options?: AllOptions): AsyncIterable<T>;
}

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

/**
 * A call's options, checked before anything is sent: `signal` must be an AbortSignal, and one
 * already aborted rejects the call at once (the transport listens for "abort", which an aborted
 * signal never fires again, so the request would otherwise go out).
 */
export function checkCallOptions<O extends CallOptions>(what: string, options: O | null | undefined, abortNow = true): O {
  if (options === undefined || options === null) return {} as O;
  if (typeof options !== 'object')
    throw new InvalidInputError(`${what}: options must be an object such as { signal }, got ${typeof options}`);
  const { signal } = options;
  if (signal !== undefined) {
    const s = signal as Partial<AbortSignal> | null;
    if (typeof s !== 'object' || s === null || typeof s.aborted !== 'boolean' || typeof s.addEventListener !== 'function') {
      throw new InvalidInputError(`${what}: signal must be an AbortSignal, got ${s === null ? 'null' : typeof s}`);
    }
    if (abortNow && signal.aborted) throw new AbortedError('aborted', `${what} was not sent: its signal was already aborted`);
  }
  return options;
}

export function defineList<T, P>(spec: ResourceSpec<T>, transport: Transport): ListOperations<T, P> {
  const rules = { resource: spec.name, filters: spec.filters, sorts: spec.sorts };
  const fetchPage = async (query: Record<string, unknown>, options: CallOptions) =>
    checkEnvelope<T>(spec.name, await transport.execute((axiosOptions) => spec.list(query, axiosOptions), options));
  // A crawl page stays bytes until its turn (src/paginate.ts, "Memory"). A body that looked whole
  // but does not parse is fetched again then, with the usual retries, rather than failing the crawl.
  const fetchForCrawl =
    (pool: BytePool) =>
    async (query: Record<string, unknown>, signal: AbortSignal): Promise<FetchedPage<T>> => {
      const bytes = await transport.execute((axiosOptions) => spec.list(query, { ...axiosOptions, responseType: 'stream' }), {
        signal,
        read: (response: AxiosResponse<unknown>) => readJsonObject(response, pool),
      });
      return {
        async decode() {
          let body: unknown;
          try {
            body = JSON.parse(bytes.text());
          } catch {
            return fetchPage(query, { signal });
          }
          return checkEnvelope<T>(spec.name, body);
        },
      };
    };
  return {
    async list(params, options) {
      const query = validateListParams(rules, params as Record<string, unknown> | undefined);
      return fetchPage(query, checkCallOptions(`${spec.name} list`, options));
    },
    all(params, options) {
      // all() clamps per_page to 1..1000 instead of refusing (errata §2.2), and pages itself.
      checkParamsShape(spec.name, params); // before the spread below, which would make a Map into {}
      const raw = { ...(params as Record<string, unknown> | undefined) };
      if (raw.page !== undefined) throw new InvalidInputError('all() reads every page itself; do not pass page');
      const given = raw.per_page;
      const numeric = typeof given === 'number' || (typeof given === 'string' && given.trim() !== '');
      const perPage = given === undefined ? 1000 : numeric ? Math.min(1000, Math.max(1, Number(given))) : NaN;
      const query = validateListParams(rules, { ...raw, per_page: Number.isFinite(perPage) ? perPage : given });
      // An aborted signal rejects the crawl's first next() (src/paginate.ts), before any request.
      const { concurrency, signal } = checkCallOptions<AllOptions>(`${spec.name} crawl`, options, false);
      return crawl<T>({
        query,
        perPage: query.per_page as number,
        tieBreak: spec.tieBreak,
        concurrency,
        signal,
        resource: spec.name,
        fetchPage: fetchForCrawl(createBytePool()),
      });
    },
  };
}
