import type { Table } from '../data/table.js';
import { shuffleRange } from '../prng.js';
import { LruCache } from './cache.js';
import type { Predicate } from './filters.js';
import { comparatorFor, isIdOrder, type SortKey } from './sort.js';

/** Rows sorted by the keys, plus where each run of equal keys starts (ties are unordered). */
interface SortedRows {
  order: Uint32Array;
  /** Ascending run start positions, with order.length as a final sentinel. */
  runStarts: Uint32Array;
}

export interface QueryCaches {
  matched: LruCache<Uint32Array>;
  sorted: LruCache<SortedRows>;
}

export function createQueryCaches(): QueryCaches {
  return { matched: new LruCache(16), sorted: new LruCache(8) };
}

/** Indices (ascending = id order) of rows passing every predicate. */
export function matchRows(table: Table, predicates: readonly Predicate[], key: string, caches: QueryCaches): Uint32Array {
  const cacheKey = `${table.resource}@${table.version()}:${key}`;
  const hit = caches.matched.get(cacheKey);
  if (hit) return hit;
  const n = table.size();
  const out = new Uint32Array(n);
  let m = 0;
  outer: for (let i = 0; i < n; i++) {
    for (const p of predicates) if (!p(i)) continue outer;
    out[m++] = i;
  }
  const rows = out.slice(0, m);
  caches.matched.set(cacheKey, rows);
  return rows;
}

function sortRows(rows: Uint32Array, keys: readonly SortKey[]): SortedRows {
  const cmp = comparatorFor(keys, rows);
  const perm = new Uint32Array(rows.length);
  for (let p = 0; p < perm.length; p++) perm[p] = p;
  perm.sort(cmp);
  const starts: number[] = [];
  for (let p = 0; p < perm.length; p++) if (p === 0 || cmp(perm[p - 1], perm[p]) !== 0) starts.push(p);
  starts.push(perm.length);
  const order = new Uint32Array(perm.length);
  for (let p = 0; p < perm.length; p++) order[p] = rows[perm[p]];
  return { order, runStarts: Uint32Array.from(starts) };
}

/**
 * The row indices at positions [offset, offset+limit) of the ORDER BY result. Ties come back
 * in a fresh random order on every call, like a database free to return equal rows in any
 * order — naive offset paging over a timestamp sort duplicates and drops rows (errata §2.2).
 * Sorting by id needs no sort at all: index order is id order. `sortKey` must identify both
 * the row set and the ORDER BY (it keys the cached sort).
 */
export function pageOfRows(
  table: Table,
  rows: Uint32Array,
  keys: readonly SortKey[],
  sortKey: string,
  offset: number,
  limit: number | null,
  caches: QueryCaches,
): number[] {
  const end = Math.min(rows.length, limit === null ? rows.length : offset + limit);
  if (offset >= end) return [];
  if (isIdOrder(table, keys)) {
    const out: number[] = [];
    for (let p = offset; p < end; p++) out.push(keys[0].desc ? rows[rows.length - 1 - p] : rows[p]);
    return out;
  }
  const cacheKey = `${table.resource}@${table.version()}:${sortKey}`;
  let sorted = caches.sorted.get(cacheKey);
  if (!sorted || sorted.order.length !== rows.length) {
    sorted = sortRows(rows, keys);
    caches.sorted.set(cacheKey, sorted);
  }
  const { order, runStarts } = sorted;
  // Find the run holding `offset`, then shuffle every run overlapping the window.
  let lo = 0;
  let hi = runStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (runStarts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const out: number[] = [];
  for (let r = lo; r < runStarts.length - 1 && runStarts[r] < end; r++) {
    const run = order.slice(runStarts[r], runStarts[r + 1]);
    shuffleRange(run, 0, run.length);
    for (let p = Math.max(offset, runStarts[r]); p < Math.min(end, runStarts[r + 1]); p++) out.push(run[p - runStarts[r]]);
  }
  return out;
}
