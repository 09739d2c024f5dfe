import type { Column, Table } from '../data/table.js';

/**
 * The rows of one timestamp column in (value, row index) order, like a btree index on
 * (column, id): index order is id order in every table (alerts: id, then user_id). NULLs are
 * kept apart, in row order: a range never matches them, and ORDER BY puts them last ascending
 * and first descending (Postgres' default NULLS LAST / NULLS FIRST).
 */
export interface TimeIndex {
  readonly column: Column;
  /** The table version the index reflects. */
  version: number;
  /** Non-NULL rows in (value, row) order, and their values. */
  rows: Uint32Array;
  vals: Float64Array;
  /** Rows whose value is NULL, ascending. */
  nulls: Uint32Array;
}

/** How often each path ran: tests assert the index is used instead of timing it. */
export interface IndexStats {
  /** Indexes built from scratch. */
  builds: number;
  /** Indexes brought up to date after a change without a rebuild. */
  patches: number;
  /** Queries whose candidates came from a range on an index. */
  rangeQueries: number;
  /** Queries served in index order (ORDER BY the column, then id), no sort. */
  orderedQueries: number;
  /** Queries answered by testing every row of the table. */
  fullScans: number;
}

/** First position whose value is >= v. */
function lowerBound(vals: Float64Array, v: number): number {
  let lo = 0;
  let hi = vals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vals[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First position whose value is > v. */
function upperBound(vals: Float64Array, v: number): number {
  let lo = 0;
  let hi = vals.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vals[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The positions [from, to) of rows with lo <= value <= hi. */
export function span(index: TimeIndex, lo: number, hi: number): [number, number] {
  const from = lowerBound(index.vals, lo);
  const to = Math.max(from, upperBound(index.vals, hi));
  return [from, to];
}

function build(table: Table, column: Column): TimeIndex {
  const n = table.size();
  const values = new Float64Array(n);
  let nonNull = 0;
  let sorted = true;
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = column.get(i);
    if (v === null) {
      values[i] = NaN;
      continue;
    }
    const x = v as number;
    values[i] = x;
    nonNull++;
    if (x < previous) sorted = false;
    previous = x;
  }
  const rows = new Uint32Array(nonNull);
  const nulls = new Uint32Array(n - nonNull);
  for (let i = 0, r = 0, z = 0; i < n; i++) {
    if (Number.isNaN(values[i])) nulls[z++] = i;
    else rows[r++] = i;
  }
  // Generated creation times mostly grow with the id: then row order already is index order.
  if (!sorted) rows.sort((a, b) => values[a] - values[b] || a - b);
  const vals = new Float64Array(nonNull);
  for (let k = 0; k < nonNull; k++) vals[k] = values[rows[k]];
  return { column, version: table.version(), rows, vals, nulls };
}

/**
 * Lazily built indexes per (table, timestamp column), valid for one table version. After a
 * sandbox change the changed rows are re-placed (one pass over the index) instead of rebuilding;
 * any other change of version (a simulated ingest) rebuilds on next use.
 */
export class TimeIndexes {
  private readonly byTable = new WeakMap<Table, Map<string, TimeIndex>>();
  readonly stats: IndexStats = { builds: 0, patches: 0, rangeQueries: 0, orderedQueries: 0, fullScans: 0 };

  get(table: Table, column: Column): TimeIndex {
    let map = this.byTable.get(table);
    if (!map) {
      map = new Map();
      this.byTable.set(table, map);
    }
    let index = map.get(column.name);
    if (!index || index.version !== table.version()) {
      index = build(table, column);
      this.stats.builds++;
      map.set(column.name, index);
    }
    return index;
  }

  /**
   * The table went from `before` to its current version by changing `rows` (rows appended since
   * included): indexes that were current at `before` re-place those rows, older ones are dropped.
   * `columns` names the columns whose values may have changed for the existing rows (undefined:
   * any); an index of another column only takes the appended rows.
   */
  patch(table: Table, before: number, rows: readonly number[], sizeBefore: number, columns?: ReadonlySet<string>): void {
    const map = this.byTable.get(table);
    if (!map) return;
    for (const [name, index] of map) {
      if (index.version !== before) {
        map.delete(name);
        continue;
      }
      const existing = columns === undefined || columns.has(name) ? rows.filter((r) => r < sizeBefore) : [];
      const appended = rows.filter((r) => r >= sizeBefore);
      if (existing.length + appended.length > 0) replace(table, index, existing, appended);
      index.version = table.version();
      this.stats.patches++;
    }
  }
}

/** Removes `existing` rows from the index (wherever they were) and inserts them and `appended` at their current values. */
function replace(table: Table, index: TimeIndex, existing: readonly number[], appended: readonly number[]): void {
  const n = table.size();
  const fresh: number[] = [];
  const freshNull: number[] = [];
  let mark: Uint8Array | null = null;
  if (existing.length > 0) {
    mark = new Uint8Array(n);
    for (const r of existing) mark[r] = 1;
  }
  const seen = new Set<number>();
  for (const r of [...existing, ...appended]) {
    if (seen.has(r)) continue; // each row once, however often it was listed
    seen.add(r);
    if (index.column.get(r) === null) freshNull.push(r);
    else fresh.push(r);
  }
  // Keep what did not change, in order.
  let rows = index.rows;
  let vals = index.vals;
  let kept = rows.length;
  if (mark) {
    const keptRows = new Uint32Array(rows.length);
    const keptVals = new Float64Array(rows.length);
    let w = 0;
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      if (mark[r] === 0) {
        keptRows[w] = r;
        keptVals[w++] = vals[k];
      }
    }
    rows = keptRows;
    vals = keptVals;
    kept = w;
  }
  const value = new Map(fresh.map((r) => [r, index.column.get(r) as number]));
  fresh.sort((a, b) => (value.get(a) as number) - (value.get(b) as number) || a - b);
  const outRows = new Uint32Array(kept + fresh.length);
  const outVals = new Float64Array(kept + fresh.length);
  const lastVal = kept > 0 ? vals[kept - 1] : -Infinity;
  const lastRow = kept > 0 ? rows[kept - 1] : -1;
  const v0 = fresh.length ? (value.get(fresh[0]) as number) : Infinity;
  if (fresh.length === 0 || v0 > lastVal || (v0 === lastVal && fresh[0] > lastRow)) {
    // The usual case: rows written "now" go after everything.
    outRows.set(rows.subarray(0, kept), 0);
    outVals.set(vals.subarray(0, kept), 0);
    for (let j = 0; j < fresh.length; j++) {
      outRows[kept + j] = fresh[j];
      outVals[kept + j] = value.get(fresh[j]) as number;
    }
  } else {
    let k = 0;
    let w = 0;
    for (const r of fresh) {
      const v = value.get(r) as number;
      while (k < kept && (vals[k] < v || (vals[k] === v && rows[k] < r))) {
        outRows[w] = rows[k];
        outVals[w++] = vals[k++];
      }
      outRows[w] = r;
      outVals[w++] = v;
    }
    outRows.set(rows.subarray(k, kept), w);
    outVals.set(vals.subarray(k, kept), w);
  }
  index.rows = outRows;
  index.vals = outVals;
  if (mark || freshNull.length > 0) {
    const nulls: number[] = [];
    for (const r of index.nulls) if (!mark || mark[r] === 0) nulls.push(r);
    for (const r of freshNull) nulls.push(r);
    index.nulls = Uint32Array.from(nulls).sort();
  }
}
