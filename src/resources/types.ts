// Types shared by every resource namespace.
import type { CallOptions } from '../transport/transport.js';
import type { FilterKind } from '../params.js';
import type { CrawlCheckpoint } from '../crawl/checkpoint.js';
import type { Paging } from '../crawl/plan.js';

/** Options for one call: `signal` cancels it (and any retry wait). */
export type { CallOptions };

/**
 * One page as the Registry sends it, from `list()`. To read every page, use `all()` instead of
 * following `next`: `next` can be `""` while more records remain, and `count` can be stale.
 * @typeParam T - the record type, e.g. {@link WorkItemView}
 */
export interface ListPage<T> {
  /**
   * Rows matching the filters, as a hint only: the server counts some lists from a view refreshed
   * at most hourly, so `count` can be far below the real number (it said 18 for 200,038 files).
   * A full page means more records may follow, whatever `count` says.
   */
  count: number;
  /** The next page as a URL relative to the server (path and query), or `""` when the server thinks there is none. */
  next: string;
  /** The previous page as a URL relative to the server, or `""` on the first page. */
  previous: string;
  /** The records of this page, at most `per_page` (default 20 on the server). */
  results: T[];
}

/** Options for `all()`: the call options plus how many pages to fetch at once. */
export interface AllOptions extends CallOptions {
  /**
   * Pages fetched at once, 1 to 32. Default 2: the Registry checks the key with bcrypt on every request,
   * so more parallelism mostly costs the server CPU. At most this many pages are in flight or
   * buffered; a slow consumer stops new requests (backpressure).
   */
  concurrency?: number;
  /**
   * How to page. `auto` (default): in windows of a timestamp column that never changes (files and
   * objects `created_at`, events `date_time`, checksums `datetime`, alerts `created_at`, deletion
   * requests `requested_at`), each window one shallow request, whenever the crawl is unsorted or
   * sorted by that column or by `updated_at`; by offset otherwise. `windows`: refuse a sort that
   * needs offsets. `offset`: always page by offset. The README's "Crawls" section says what each
   * guarantees while the data changes.
   */
  paging?: Paging;
  /**
   * Continue a crawl where an earlier run of it stopped: a checkpoint its `checkpoint()` gave,
   * as it was (JSON round trips are fine). The crawl must be the same (resource, filters, sort;
   * `per_page` may differ) and page in windows; anything else is refused before any request.
   * @example
   * ```ts
   * const { appendFile, readFile, writeFile } = await import('node:fs/promises');
   * const saved = JSON.parse(await readFile('files.checkpoint', 'utf8'));
   * const crawl = client.files.all({ state: 'A' }, { resume: saved });
   * for await (const file of crawl) {
   *   await appendFile('files.ndjson', `${JSON.stringify(file)}\n`);
   *   await writeFile('files.checkpoint', JSON.stringify(crawl.checkpoint()));
   * }
   * ```
   */
  resume?: CrawlCheckpoint;
}

type DateKey = `${string}__gteq` | `${string}__lteq`;
type SortValue<R> = R extends { readonly sort?: ReadonlyArray<infer S> } ? S : never;

/**
 * A list's params in the Registry's own query names, derived from the generated request type `R`.
 * Dates may be Date objects (sent as UTC); `sort` takes one value or several; `__in` filters take
 * arrays (sent as repeated keys). The per-resource aliases, e.g. {@link WorkItemListParams}, list
 * every name.
 * @typeParam R - the generated request type of one list operation
 */
export type ListParams<R> = {
  -readonly [K in keyof R]?: K extends 'sort'
    ? SortValue<R> | SortValue<R>[]
    : K extends DateKey
      ? NonNullable<R[K]> extends string
        ? string | Date
        : R[K]
      : NonNullable<R[K]> extends ReadonlyArray<infer E>
        ? E[] | readonly E[]
        : R[K];
};

type KindFor<V> = [V] extends [boolean | undefined]
  ? 'bool'
  : [V] extends [number | undefined]
    ? 'int' | 'int64'
    : [V] extends [ReadonlyArray<unknown> | undefined]
      ? Extract<FilterKind, { listOf: readonly string[] }>
      : 'string' | 'date' | Extract<FilterKind, { oneOf: readonly string[] }>;

/**
 * The filter table a resource must declare for its generated request type: every filter the
 * spec (as fixed) has, no other, each with a kind that fits its type. A regeneration that adds,
 * drops or retypes a filter fails to compile until the table follows.
 */
export type FiltersFor<R> = { readonly [K in Exclude<keyof R, 'page' | 'per_page' | 'sort'>]-?: KindFor<R[K]> };
