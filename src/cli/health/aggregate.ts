// Small aggregators the crawls stream records into: each keeps a few numbers per key, never the
// records, so a million files take the same memory as ten. Keys come from the server (storage
// options, statuses), so each tally holds at most MAX_KEYS of them and counts any further one
// under OTHER: a broken or hostile server cannot grow memory without bound.
import { DAY_MS } from '../dates.js';
import type { FixityBucket, MonthRow, StorageRow, WorkPeriod } from './model.js';

const DAY_US = DAY_MS * 1000;

/** The most distinct keys (storage options, statuses, months) one tally keeps. */
export const MAX_KEYS = 1_000;
/** Where values past MAX_KEYS are counted. */
export const OTHER = '(other)';

/** A byte count as the server sent it: a non-negative integer, else 0 (a missing size is 0 on the server too). */
function bytesOf(size: unknown): bigint {
  return typeof size === 'number' && Number.isSafeInteger(size) && size > 0 ? BigInt(size) : 0n;
}

function textOf(value: unknown, empty: string): string {
  return typeof value === 'string' && value !== '' ? value : empty;
}

class Tally<V> {
  readonly map = new Map<string, V>();
  constructor(private readonly make: () => V) {}
  at(key: string): V {
    let value = this.map.get(key);
    if (value === undefined) {
      const kept = this.map.size < MAX_KEYS ? key : OTHER;
      value = this.map.get(kept);
      if (value === undefined) {
        value = this.make();
        this.map.set(kept, value);
      }
    }
    return value;
  }
}

// ---- timestamps at the Registry's resolution ----

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * A Registry timestamp in microseconds since the epoch (the server keeps microseconds; a Date
 * keeps milliseconds, and a file checked 0.4 ms after a cutoff must stay after it, as it is for
 * the server's last_fixity_check__lteq). Other date forms are read by Date.parse. Exact for
 * dates after 1685 (below 2^53 µs); undefined when it is not a date.
 */
export function microsOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = RFC3339.exec(value);
  if (!m) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? undefined : t * 1000;
  }
  const seconds = Date.parse(`${m[1]}Z`);
  if (Number.isNaN(seconds)) return undefined;
  return seconds * 1000 + Number((m[2] ?? '').slice(0, 6).padEnd(6, '0'));
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
/** YYYY-MM-DD (UTC) of a time in ms. */
export function dayOf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

// ---- storage: active files by storage option ----

export class StorageTally {
  private readonly tally = new Tally(() => ({ files: 0, bytes: 0n }));
  files = 0;
  bytes = 0n;

  add(file: { storage_option?: unknown; size?: unknown }): void {
    const row = this.tally.at(textOf(file.storage_option, '(none)'));
    const bytes = bytesOf(file.size);
    row.files += 1;
    row.bytes += bytes;
    this.files += 1;
    this.bytes += bytes;
  }

  /** Most bytes first, then most files, then by name. */
  rows(): StorageRow[] {
    return [...this.tally.map]
      .map(([storage_option, { files, bytes }]) => ({ storage_option, files, bytes }))
      .sort((a, b) =>
        a.bytes !== b.bytes
          ? a.bytes > b.bytes
            ? -1
            : 1
          : b.files - a.files || (a.storage_option < b.storage_option ? -1 : a.storage_option > b.storage_option ? 1 : 0),
      );
  }
}

// ---- ingests: active objects by month of created_at ----

export class MonthTally {
  private readonly tally = new Tally(() => ({ objects: 0, bytes: 0n }));
  objects = 0;
  bytes = 0n;

  add(object: { created_at?: unknown; size?: unknown }): void {
    const t = microsOf(object.created_at);
    const month = t === undefined ? 'unknown' : dayOf(Math.floor(t / 1000)).slice(0, 7);
    const row = this.tally.at(month);
    const bytes = bytesOf(object.size);
    row.objects += 1;
    row.bytes += bytes;
    this.objects += 1;
    this.bytes += bytes;
  }

  /** Oldest first (YYYY-MM sorts as text); months without objects are left out. */
  rows(): MonthRow[] {
    return [...this.tally.map]
      .map(([month, { objects, bytes }]) => ({ month, objects, bytes }))
      .sort((a, b) => (a.month < b.month ? -1 : 1));
  }
}

// ---- work queue: items by period of date_processed and status ----

/** The Registry's statuses, in the order an item passes through them; others sort after, by name. */
export const STATUS_ORDER = ['Pending', 'Started', 'Success', 'Failed', 'Cancelled', 'Suspended'];

function statusRank(status: string): number {
  const at = STATUS_ORDER.indexOf(status);
  return at < 0 ? STATUS_ORDER.length : at;
}

export function compareStatuses(a: string, b: string): number {
  return statusRank(a) - statusRank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Day periods for windows of up to this many days, weeks beyond. */
export const DAILY_UP_TO_DAYS = 31;

export class WorkQueueTally {
  readonly period: 'day' | 'week';
  /** Start (ms, UTC midnight) of each period, oldest first. */
  private readonly starts: number[] = [];
  private readonly counts: Tally<{ n: number }>[] = [];
  private readonly totals = new Tally(() => ({ n: 0 }));
  total = 0;

  /** Periods covering [from, now]: days, or weeks from Monday (UTC), the first and last cut by the window. */
  constructor(from: number, now: number, days: number) {
    this.period = days <= DAILY_UP_TO_DAYS ? 'day' : 'week';
    const midnight = Math.floor(from / DAY_MS) * DAY_MS;
    // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
    const sinceMonday = (((Math.floor(midnight / DAY_MS) + 3) % 7) + 7) % 7;
    const first = this.period === 'day' ? midnight : midnight - sinceMonday * DAY_MS;
    const step = this.period === 'day' ? DAY_MS : 7 * DAY_MS;
    for (let start = first; start <= Math.max(now, from); start += step) {
      this.starts.push(start);
      this.counts.push(new Tally(() => ({ n: 0 })));
    }
  }

  add(item: { date_processed?: unknown; status?: unknown }): void {
    const t = microsOf(item.date_processed);
    const ms = t === undefined ? this.starts[0] : Math.floor(t / 1000);
    // The server selected the item by date_processed__gteq, so it is in the window; a date after
    // "now" (a clock ahead of ours) counts in the last period rather than nowhere.
    let at = this.starts.length - 1;
    while (at > 0 && this.starts[at] > ms) at -= 1;
    const status = textOf(item.status, '(none)');
    this.counts[at].at(status).n += 1;
    this.totals.at(status).n += 1;
    this.total += 1;
  }

  statuses(): string[] {
    return [...this.totals.map.keys()].sort(compareStatuses);
  }

  totalsByStatus(): Record<string, number> {
    return Object.fromEntries(this.statuses().map((s) => [s, this.totals.map.get(s)?.n ?? 0]));
  }

  periods(): WorkPeriod[] {
    const step = this.period === 'day' ? DAY_MS : 7 * DAY_MS;
    return this.starts.map((start, i) => {
      const counts = this.counts[i].map;
      const statuses = Object.fromEntries([...counts.keys()].sort(compareStatuses).map((s) => [s, counts.get(s)?.n ?? 0]));
      const total = [...counts.values()].reduce((sum, c) => sum + c.n, 0);
      return { start: dayOf(start), end: dayOf(start + step - DAY_MS), statuses, total };
    });
  }
}

// ---- fixity: active files by days since the last check ----

/** Bucket edges in days: [0,30), [30,60), [60,90), [90,180), [180,365), [365,∞), then never. */
export const FIXITY_EDGES = [0, 30, 60, 90, 180, 365];

/**
 * A last_fixity_check on or before this means never checked: the schema's default for a new file
 * is 2000-01-01T00:00:00Z, and a missing time reads 0001-01-01T00:00:00Z.
 */
export const NEVER_CHECKED_MS = Date.UTC(2000, 0, 1);

export class FixityTally {
  private readonly counts = new Array<number>(FIXITY_EDGES.length + 1).fill(0);
  files = 0;

  constructor(private readonly now: number) {}

  add(file: { last_fixity_check?: unknown }): void {
    const t = microsOf(file.last_fixity_check);
    let at: number;
    if (t === undefined || t <= NEVER_CHECKED_MS * 1000) at = FIXITY_EDGES.length;
    else {
      // Whole days, at microseconds: exactly N days ago is N days (so ">= 90 days" is on or before now - 90d).
      const days = Math.max(0, Math.floor((this.now * 1000 - t) / DAY_US));
      at = FIXITY_EDGES.length - 1;
      while (at > 0 && days < FIXITY_EDGES[at]) at -= 1;
    }
    this.counts[at] += 1;
    this.files += 1;
  }

  buckets(): FixityBucket[] {
    const out: FixityBucket[] = FIXITY_EDGES.map((min, i) => {
      const next = FIXITY_EDGES[i + 1];
      const label = i === 0 ? `under ${next} days` : next === undefined ? `${min} days or more` : `${min}–${next - 1} days`;
      return { label, min_days: min, max_days: next === undefined ? null : next - 1, files: this.counts[i] };
    });
    out.push({ label: 'never checked', min_days: null, max_days: null, files: this.counts[FIXITY_EDGES.length] });
    return out;
  }
}

// ---- tables: the first rows, and how many there were ----

/** The first `limit` rows (projected to `fields`), and the count of all. */
export class RowKeeper<Row extends Record<string, unknown>> {
  readonly rows: Row[] = [];
  total = 0;
  constructor(
    private readonly fields: readonly string[],
    private readonly limit: number,
  ) {}

  add(record: Record<string, unknown>): void {
    this.total += 1;
    if (this.rows.length >= this.limit) return;
    const row: Record<string, unknown> = {};
    for (const field of this.fields) row[field] = record[field];
    this.rows.push(row as Row);
  }

  get truncated(): boolean {
    return this.total > this.rows.length;
  }
}
