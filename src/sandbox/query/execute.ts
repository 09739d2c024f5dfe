import type { Column, Table } from '../data/table.js';
import { shuffleRange } from '../prng.js';
import { LruCache } from './cache.js';
import type { Predicate, TimeBound } from './filters.js';
import { comparatorFor, isIdOrder, type SortKey } from './sort.js';
import { span, TimeIndexes, type TimeIndex } from './time-index.js';

/** Rows sorted by the keys, plus where each run of equal keys starts (ties are unordered). */
interface SortedRows {
  order: Uint32Array;
  /** Ascending run start positions, with order.length as a final sentinel. */
  runStarts: Uint32Array;
}

export interface QueryCaches {
  matched: LruCache<Uint32Array>;
  sorted: LruCache<SortedRows>;
  /** Row sets found through a timestamp index: in ORDER BY order, or in id order (see Selection). */
  selected: LruCache<Uint32Array>;
  indexes: TimeIndexes;
  /** Counts of the pristine tables (frozen counts), by resource and row set; they never change. */
  frozen: Map<string, number>;
}

export function createQueryCaches(): QueryCaches {
  return {
    matched: new LruCache(16),
    sorted: new LruCache(8),
    selected: new LruCache(32),
    indexes: new TimeIndexes(),
    frozen: new Map(),
  };
}

/** Indices (ascending = id order) of rows passing every predicate. */
export function matchRows(table: Table, predicates: readonly Predicate[], key: string, caches: QueryCaches): Uint32Array {
  const cacheKey = `${table.resource}@${table.version()}:${key}`;
  const hit = caches.matched.get(cacheKey);
  if (hit) return hit;
  caches.indexes.stats.fullScans++;
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

/** The rows of a query: `ordered` rows are already in ORDER BY order with no ties; otherwise in id order. */
export interface Selection {
  rows: Uint32Array;
  ordered: boolean;
}

/**
 * ORDER BY <timestamp column> then the row's unique key ascending (id; alerts: id, user_id):
 * exactly the order of a (column, id) index, so it can be read off one. Terms after the key
 * cannot reorder anything; no-op terms (items `user`) are skipped.
 */
function indexOrder(table: Table, keys: readonly SortKey[]): { column: Column; desc: boolean } | null {
  const terms = keys.filter((k) => k.column !== null) as { column: Column; desc: boolean }[];
  const unique = table.uniqueIds ? ['id'] : ['id', 'user_id'];
  if (terms.length < 1 + unique.length || terms[0].column.type !== 'time') return null;
  for (let k = 0; k < unique.length; k++) {
    const t = terms[k + 1];
    if (t.column.name !== unique[k] || t.desc) return null;
  }
  return terms[0];
}

/** The bound column whose index holds the fewest candidates, and their positions. */
function narrowest(
  table: Table,
  bounds: readonly TimeBound[],
  indexes: TimeIndexes,
): { index: TimeIndex; from: number; to: number } | null {
  const byColumn = new Map<Column, { lo: number; hi: number }>();
  for (const b of bounds) {
    const r = byColumn.get(b.column) ?? { lo: -Infinity, hi: Infinity };
    // gt/lt narrow like gteq/lteq: the predicates then drop the equal rows.
    if (b.op !== 'lt' && b.op !== 'lteq') r.lo = Math.max(r.lo, b.value);
    if (b.op !== 'gt' && b.op !== 'gteq') r.hi = Math.min(r.hi, b.value);
    byColumn.set(b.column, r);
  }
  let best: { index: TimeIndex; from: number; to: number } | null = null;
  for (const [column, { lo, hi }] of byColumn) {
    const index = indexes.get(table, column);
    const [from, to] = span(index, lo, hi);
    if (!best || to - from < best.to - best.from) best = { index, from, to };
  }
  return best;
}

/** Rows in (value, row) order → value descending, row ascending within a value. */
function descendingValues(rows: Uint32Array, vals: Float64Array, out: Uint32Array, at: number): number {
  let end = rows.length;
  let w = at;
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && vals[start - 1] === vals[end - 1]) start--;
    for (let k = start; k < end; k++) out[w++] = rows[k];
    end = start;
  }
  return w;
}

function passing(
  predicates: readonly Predicate[],
  rows: Uint32Array,
  vals: Float64Array | null,
): { rows: Uint32Array; vals: Float64Array } {
  const outRows = new Uint32Array(rows.length);
  const outVals = new Float64Array(vals ? rows.length : 0);
  let m = 0;
  outer: for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    for (const p of predicates) if (!p(i)) continue outer;
    if (vals) outVals[m] = vals[k];
    outRows[m++] = i;
  }
  return { rows: outRows.subarray(0, m), vals: outVals.subarray(0, vals ? m : 0) };
}

/**
 * The rows passing every predicate. A bound on a timestamp column takes its candidates from that
 * column's index (binary search) instead of testing every row; ORDER BY a timestamp column then
 * id is read off its index without sorting. Otherwise every row is tested (matchRows). The
 * result is the same set either way: the predicates still decide every row.
 */
export function selectRows(
  table: Table,
  predicates: readonly Predicate[],
  setKey: string,
  bounds: readonly TimeBound[],
  keys: readonly SortKey[],
  caches: QueryCaches,
): Selection {
  const order = indexOrder(table, keys);
  if (bounds.length === 0 && !order) return { rows: matchRows(table, predicates, setKey, caches), ordered: false };
  const { stats } = caches.indexes;
  const range = bounds.length ? narrowest(table, bounds, caches.indexes) : null;
  const ordered = order !== null && (range === null || range.index.column === order.column);
  const how = ordered ? `${(order as { column: Column }).column.name} ${order?.desc ? 'desc' : 'asc'}` : 'id';
  const cacheKey = `${table.resource}@${table.version()}:${setKey}|${how}`;
  const hit = caches.selected.get(cacheKey);
  if (hit) return { rows: hit, ordered };
  let rows: Uint32Array;
  if (range) {
    stats.rangeQueries++;
    const { index, from, to } = range;
    const found = passing(predicates, index.rows.subarray(from, to), ordered && order?.desc ? index.vals.subarray(from, to) : null);
    if (!ordered) rows = found.rows.slice().sort();
    else if (!order?.desc) rows = found.rows.slice();
    else {
      rows = new Uint32Array(found.rows.length);
      descendingValues(found.rows, found.vals, rows, 0);
    }
  } else {
    const { column, desc } = order as { column: Column; desc: boolean };
    const index = caches.indexes.get(table, column);
    const values = passing(predicates, index.rows, desc ? index.vals : null);
    const nulls = passing(predicates, index.nulls, null).rows;
    rows = new Uint32Array(values.rows.length + nulls.length);
    if (desc) {
      rows.set(nulls, 0); // NULLS FIRST when descending
      descendingValues(values.rows, values.vals, rows, nulls.length);
    } else {
      rows.set(values.rows, 0);
      rows.set(nulls, values.rows.length); // NULLS LAST when ascending
    }
  }
  if (ordered) stats.orderedQueries++;
  caches.selected.set(cacheKey, rows);
  return { rows, ordered };
}
