import { formatTime } from '../time.js';

/** A cell: numbers for int and time (µs), strings, booleans; `null` is SQL NULL. */
export type Value = number | string | boolean | null;
export type ColumnType = 'int' | 'text' | 'time' | 'bool';
export type ResourceName = 'alerts' | 'checksums' | 'deletions' | 'files' | 'objects' | 'events' | 'items';

/** One column of a database view. `json` is the JSON field name, or null if not serialised. */
export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  readonly json: string | null;
  get(i: number): Value;
}

export function column(name: string, type: ColumnType, get: (i: number) => Value, json: string | null = name): Column {
  return { name, type, json, get };
}

/**
 * A database view over rows addressed by index. Index order is id order (ascending) for every
 * table, which lets an id-sorted crawl skip sorting entirely.
 */
export interface Table {
  readonly resource: ResourceName;
  readonly columns: readonly Column[];
  readonly byName: ReadonlyMap<string, Column>;
  /** False for alerts_view, where an alert appears once per recipient. */
  readonly uniqueIds: boolean;
  size(): number;
  institutionOf(i: number): number;
  /** Bumped on every mutation so cached query results are dropped. */
  version(): number;
}

export function makeTable(
  resource: ResourceName,
  columns: readonly Column[],
  size: () => number,
  institutionOf: (i: number) => number,
  opts: { uniqueIds?: boolean; version?: () => number } = {},
): Table {
  return {
    resource,
    columns,
    byName: new Map(columns.map((c) => [c.name, c])),
    uniqueIds: opts.uniqueIds ?? true,
    size,
    institutionOf,
    version: opts.version ?? (() => 0),
  };
}

/**
 * Columns over generated rows [0, baseCount) followed by inserted rows kept as records
 * (`extras[i - baseCount]`; a missing field is NULL).
 */
export function withExtraRows(columns: readonly Column[], baseCount: number, extras: readonly Record<string, Value>[]): Column[] {
  return columns.map((c) => {
    const base = c.get;
    const name = c.name;
    return { ...c, get: (i: number): Value => (i < baseCount ? base(i) : (extras[i - baseCount][name] ?? null)) };
  });
}

/** The Go zero value the server sends for a NULL of this type (errata §6.2). */
export function jsonValue(type: ColumnType, v: Value): unknown {
  if (type === 'time') return formatTime(v as number | null);
  if (v !== null) return v;
  return type === 'int' ? 0 : type === 'bool' ? false : '';
}

export function rowJSON(table: Table, i: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of table.columns) if (c.json !== null) out[c.json] = jsonValue(c.type, c.get(i));
  return out;
}

/** Row index for an id, relying on id = index + 1 (true for every table but alerts). */
export function indexForId(table: Table, id: number): number {
  return Number.isSafeInteger(id) && id >= 1 && id <= table.size() ? id - 1 : -1;
}
