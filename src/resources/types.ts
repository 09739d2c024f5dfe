// Types shared by every resource namespace.
import type { CallOptions } from '../transport/transport.js';
import type { FilterKind } from '../params.js';

export type { CallOptions };

/** One page as the Registry sends it (errata §2.1): `next`/`previous` are relative URLs or "". */
export interface ListPage<T> {
  /** Rows matching the filters; may be up to an hour stale (errata §2.3). */
  count: number;
  next: string;
  previous: string;
  results: T[];
}

export interface AllOptions extends CallOptions {
  /**
   * Pages fetched at once. Default 2: the Registry checks the key with bcrypt on every request,
   * so more parallelism mostly costs the server CPU. At most this many pages are in flight or
   * buffered; a slow consumer stops new requests (backpressure).
   */
  concurrency?: number;
}

type DateKey = `${string}__gteq` | `${string}__lteq`;
type SortValue<R> = R extends { readonly sort?: ReadonlyArray<infer S> } ? S : never;

/**
 * A list's params in the Registry's own query names. Dates may be Date objects (sent as UTC);
 * `sort` takes one value or several; `__in` filters take arrays (sent as repeated keys).
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
    ? 'int'
    : [V] extends [ReadonlyArray<unknown> | undefined]
      ? Extract<FilterKind, { listOf: readonly string[] }>
      : 'string' | 'date' | Extract<FilterKind, { oneOf: readonly string[] }>;

/**
 * The filter table a resource must declare for its generated request type: every filter the
 * spec (as fixed) has, no other, each with a kind that fits its type. A regeneration that adds,
 * drops or retypes a filter fails to compile until the table follows.
 */
export type FiltersFor<R> = { readonly [K in Exclude<keyof R, 'page' | 'per_page' | 'sort'>]-?: KindFor<R[K]> };
