// Where a crawl in windows has got to, as a plain JSON object the caller can keep (a file, a
// database row) and pass back to continue after a kill, a network failure or a reboot.
//
// Why this works: a crawl in windows hands records out in one total order, the window column
// (created_at and the like, which never changes once written) in the crawl's direction, then the
// tie-break ascending. So "everything up to record R" is one boundary: the crawl that resumes
// asks only from R's instant on (one filter the server applies) and skips, in that instant, what
// sorts up to R. A record that matched throughout is after R or was handed out before; none is
// handed out twice. The only records a resumed crawl can miss are ones that came into being
// before the boundary after the first run passed it, which an uninterrupted crawl cannot promise
// either (a record entering the filters during a crawl appears at most once).
import { InvalidInputError } from '../errors.js';
import { compareKeys } from './key-set.js';
import { formatInstant, parseInstant } from './instant.js';
import type { CrawlPlan } from './plan.js';
import type { Direction } from './windows.js';

/** A crawl's position, to resume it: pass it back as `all(params, { resume })`. */
export interface CrawlCheckpoint {
  /** The checkpoint format's version: 1. */
  readonly version: 1;
  /** The resource crawled, e.g. `files`. */
  readonly resource: string;
  /** The crawl's filters and sort, canonical (sorted keys; per_page left out, it changes nothing). */
  readonly query: string;
  /** The window column the order follows, e.g. `created_at`. */
  readonly column: string;
  /** The crawl's direction along it: `asc` or `desc`. */
  readonly direction: 'asc' | 'desc';
  /** The furthest record handed out; absent before the first. */
  readonly after?: {
    /** Its value of the column, in microseconds, as the Registry reads it in a filter. */
    readonly at: string;
    /** Its tie-break values: its id (alerts: id and user_id). */
    readonly keys: readonly (string | number)[];
  };
  /** Records handed out so far, over every run of the crawl. */
  readonly records: number;
}

/** The query as a canonical string: two crawls with the same filters and sort get the same one. */
export function canonicalQuery(query: Record<string, unknown>): string {
  const entries = Object.entries(query)
    .filter(([key, value]) => key !== 'per_page' && key !== 'page' && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** What resuming changes: the query sent, and which records of the boundary instant to skip. */
export interface Resumption<T> {
  query: Record<string, unknown>;
  /** True for a record the first run already handed out (it sorts up to the checkpoint). */
  handedOut(record: T): boolean;
  records: number;
  /** The earlier run's position: still the crawl's until it hands out a record past it. */
  start?: CrawlCheckpoint['after'];
}

const describe = (checkpoint: CrawlCheckpoint) => `${checkpoint.resource} ${checkpoint.query}`;

/** Checks a checkpoint passed back against the crawl it is meant for, before any request. */
export function checkResume<T>(
  checkpoint: unknown,
  resource: string,
  query: Record<string, unknown>,
  plan: CrawlPlan,
  tieBreak: readonly (keyof T & string)[],
): Resumption<T> | undefined {
  if (checkpoint === undefined) return undefined;
  const c = checkpoint as Partial<CrawlCheckpoint> | null;
  if (c === null || typeof c !== 'object' || c.version !== 1 || typeof c.query !== 'string' || typeof c.resource !== 'string') {
    throw new InvalidInputError('resume must be a checkpoint a crawl gave (crawl.checkpoint()), version 1');
  }
  const checked = c as CrawlCheckpoint;
  const mine = canonicalQuery(query);
  if (checked.resource !== resource || checked.query !== mine) {
    throw new InvalidInputError(`this checkpoint is of another crawl (${describe(checked)}), not of ${resource} ${mine}`);
  }
  if (plan.method !== 'windows') {
    throw new InvalidInputError(
      `a ${resource} crawl can be resumed only in windows (unsorted, or sorted by its window column alone); this one ${plan.method === 'offset' ? `pages by offset (${plan.reason})` : `is sorted by ${plan.column}`}`,
    );
  }
  if (checked.column !== plan.column || checked.direction !== plan.direction) {
    throw new InvalidInputError(
      `this checkpoint follows ${checked.column} ${checked.direction}, the crawl ${plan.column} ${plan.direction}`,
    );
  }
  const records = Number.isSafeInteger(checked.records) && checked.records >= 0 ? checked.records : 0;
  if (checked.after === undefined) return { query, handedOut: () => false, records };
  const at = parseInstant(checked.after.at);
  const keys = checked.after.keys;
  if (at === undefined || !Array.isArray(keys) || keys.length !== tieBreak.length) {
    throw new InvalidInputError(`this checkpoint's position is not one a crawl gives: ${JSON.stringify(checked.after)}`);
  }
  const asc = plan.direction === 'asc';
  const bound = asc ? `${plan.column}__gteq` : `${plan.column}__lteq`;
  const theirs = parseInstant(query[bound]);
  const tighter = theirs === undefined || (asc ? at > theirs : at < theirs);
  const boundary = Object.fromEntries(tieBreak.map((k, i) => [k, keys[i]])) as unknown as T;
  return {
    query: tighter ? { ...query, [bound]: formatInstant(at) } : query,
    handedOut(record) {
      const value = parseInstant((record as Record<string, unknown>)[plan.column]);
      // Records of other instants are past the boundary: the filter keeps only its side.
      return value === at && compareKeys(record, boundary, tieBreak) <= 0;
    },
    records,
    start: { at: formatInstant(at), keys: [...keys] },
  };
}

/** Follows the furthest record handed out, one comparison per page, and makes checkpoints of it. */
export interface Position<T> {
  /** A page is about to be handed out; `previousLast` was the last record of the one before. */
  pageDone(previousLast: T | undefined): void;
  checkpoint(current: T | undefined, records: number): CrawlCheckpoint;
}

export function trackPosition<T>(
  resource: string,
  query: Record<string, unknown>,
  column: string,
  direction: Direction,
  tieBreak: readonly (keyof T & string)[],
): Position<T> {
  const canonical = canonicalQuery(query);
  const asc = direction === 'asc';
  const instantOf = (record: T) => parseInstant((record as Record<string, unknown>)[column]) as bigint;
  // Pages come in the crawl's order, and each page is in order within itself, except the second
  // pass over a crowded instant, which hands out what the first pass missed: so the furthest
  // record so far is the furthest of the pages' last records.
  let furthest: T | undefined;
  const later = (a: T, b: T) => {
    const x = instantOf(a);
    const y = instantOf(b);
    if (x !== y) return asc ? x > y : x < y;
    return compareKeys(a, b, tieBreak) > 0;
  };
  const better = (candidate: T | undefined) => {
    if (candidate !== undefined && (furthest === undefined || later(candidate, furthest))) furthest = candidate;
  };
  return {
    pageDone: better,
    checkpoint(current, records) {
      better(current);
      const after =
        furthest === undefined
          ? undefined
          : {
              at: formatInstant(instantOf(furthest)),
              keys: tieBreak.map((k) => (furthest as Record<string, unknown>)[k] as string | number),
            };
      return { version: 1, resource, query: canonical, column, direction, ...(after ? { after } : {}), records };
    },
  };
}
