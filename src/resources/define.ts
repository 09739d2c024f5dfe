// One generic definition that every resource namespace is built from.
import { AbortedError, InvalidInputError } from '../errors.js';
import { crawl } from '../paginate.js';
import type { TieBreak } from '../paginate.js';
import { checkParamsShape, validateListParams } from '../params.js';
import type { FilterTable } from '../params.js';
import { createBytePool } from '../transport/page-bytes.js';
import type { Transport } from '../transport/transport.js';
import { pageReader } from './read-path.js';
import type { ListCall } from './read-path.js';
import type { AllOptions, CallOptions, ListPage } from './types.js';

export interface ResourceSpec<T> {
  /** The resource's name in the API's URLs (items, files, …), for messages. */
  name: string;
  filters: FilterTable;
  sorts: readonly string[];
  /** Columns that make the order total (errata §2.2): id, and for alerts also user_id. */
  tieBreak: TieBreak<T>;
  list: ListCall<T>;
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
  const pages = pageReader<T>(spec.name, spec.list, transport);
  return {
    async list(params, options) {
      const query = validateListParams(rules, params as Record<string, unknown> | undefined);
      return pages.page(query, checkCallOptions(`${spec.name} list`, options));
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
        fetchPage: pages.forCrawl(createBytePool()),
      });
    },
  };
}
