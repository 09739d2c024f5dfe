// A crawl in windows of a timestamp column, each window answered by a shallow request.
//
// Why: the Registry pays for OFFSET. Its views compute checksum subqueries for every row up to
// the offset, so page 190 of the files costs 15 times page 1 and an offset crawl costs O(N²).
// And offsets shift: pages fetched at different moments while rows are inserted, updated or
// change state see different shifts, and records are lost.
//
// How: a request filtered to [lo, hi] on the column (both ends inclusive on the server), sorted by
// the column and then the tie-break, is one query, so one consistent snapshot of its window.
// - A short page is the whole window.
// - A full page holds every record of the window before the instant t of its last record (any
//   such record sorts before it): those are yielded, and the rest of the window, from t on, is
//   split into windows sized from the density just seen (and the count, a hint) and queued.
// - A full page of a single instant falls back to offset pages inside that instant, sorted by id.
// The column never changes once written (created_at and the like), so a record belongs to one
// window for the whole crawl: windows are disjoint, nothing is yielded twice, and a record that
// matches the filter for the whole crawl is in the snapshot of its window.
//
// Windows are fetched in a bounded, ordered pool: at most `concurrency` requests in flight and as
// many answered pages waiting (one more when a window splits while the pool is full of later
// windows: its first part must come next), consumed strictly in order. An answer is read as it
// arrives, not when its turn comes, so the parts of a full window are asked for at once instead of
// after everything before it has been consumed. Timestamps are microsecond integers (./instant.ts): a Date would lose the digits that
// tell adjacent windows apart.
import { registryError } from '../transport/normalize.js';
import type { FetchedPage } from '../paginate.js';
import type { ListPage } from '../resources/types.js';
import { formatInstant, parseInstant, ZERO_TIME } from './instant.js';
import { compareKeys, keySet, type KeySet } from './key-set.js';
import type { CrawlStats } from './stats.js';

export type Direction = 'asc' | 'desc';

export interface WindowCrawlOptions<T> {
  /** The timestamp column: the record's field and the filters' prefix (`created_at__gteq`). */
  column: string;
  direction: Direction;
  /** The caller's checked filters; any bounds of theirs on the column stay on the first request. */
  query: Record<string, unknown>;
  perPage: number;
  tieBreak: readonly (keyof T & string)[];
  concurrency: number;
  resource: string;
  stats: CrawlStats;
  signal: AbortSignal;
  fetchPage(query: Record<string, unknown>, signal: AbortSignal): Promise<FetchedPage<T>>;
  /** Told the column's first and last instants at the start, once the first page is full. */
  onBounds?(first: bigint, last: bigint): void;
}

/** Returned when the list holds a NULL of the column (no window can hold it): page by offset instead. */
export const NOT_WINDOWABLE = 'not-windowable';

/** Expected rows per window as a share of a page: most windows come back short, in one request. */
const FILL = 0.75;
/** Windows queued at most: bounds memory whatever the server says. */
const MAX_QUEUED = 100_000;
/** Passes over one instant at most, while its count keeps moving. */
const MAX_PASSES = 4;

/** One reading of an instant, page by page, and whether its count moved meanwhile. */
interface Pass {
  number: number;
  count?: number;
  moved: boolean;
}

type Unit =
  { kind: 'window'; lo?: bigint; hi?: bigint; first?: true } | { kind: 'instant'; at: bigint; page: number; pass: Pass; seen: KeySet };

interface Slot<T> {
  unit: Unit;
  promise?: Promise<FetchedPage<T>>;
  /** Every unit but the first: its fresh records, once answered and read (its parts queued after it). */
  ready?: Promise<T[]>;
  /** Answered and read (or failed), waiting for its turn. */
  settled?: boolean;
}

/** What reading one answer gives: the records to yield, and the units that must come next. */
interface Reading<T> {
  fresh: T[];
  next: Unit[];
}

const bad = (resource: string, problem: string) => registryError({ kind: 'not-registry', problem: `the ${resource} crawl: ${problem}` });

/** Splits [lo, hi] into `parts` windows in the crawl's order. */
function split(lo: bigint, hi: bigint, parts: number, direction: Direction): Unit[] {
  const span = hi - lo + 1n;
  const n = span < BigInt(parts) ? span : BigInt(parts);
  const out: Unit[] = [];
  for (let k = 0n; k < n; k++) out.push({ kind: 'window', lo: lo + (span * k) / n, hi: lo + (span * (k + 1n)) / n - 1n });
  return direction === 'asc' ? out : out.reverse();
}

/** Pages of fresh records in order; returns NOT_WINDOWABLE, before yielding anything, when the list holds NULLs. */
export async function* windowPages<T>(options: WindowCrawlOptions<T>): AsyncGenerator<T[], 'done' | typeof NOT_WINDOWABLE, undefined> {
  const { column, direction, perPage, tieBreak, concurrency, resource, stats, signal } = options;
  const asc = direction === 'asc';
  // Windows one split makes at most: enough to keep the pool busy.
  const fanOut = Math.max(8, 2 * concurrency);
  const gteq = `${column}__gteq`;
  const lteq = `${column}__lteq`;
  const sortFor = (dir: Direction) => [`${column}__${dir}`, ...tieBreak.map((k) => `${k}__asc`)];
  const { sort: _userSort, ...filters } = options.query;
  void _userSort;

  const instantOf = (record: T): bigint => {
    const value = parseInstant((record as Record<string, unknown>)[column]);
    if (value === undefined) {
      throw bad(
        resource,
        `a record's ${column} is not a timestamp at microsecond resolution: ${JSON.stringify((record as Record<string, unknown>)[column])}`,
      );
    }
    return value;
  };
  const compareTies = (a: T, b: T): number => compareKeys(a, b, tieBreak);

  const request = (query: Record<string, unknown>): Promise<FetchedPage<T>> => {
    stats.requests += 1;
    const promise = options.fetchPage(query, signal);
    promise.catch(() => undefined); // observed when its turn comes
    return promise;
  };
  const queryOf = (unit: Unit): Record<string, unknown> => {
    const q: Record<string, unknown> = { ...filters };
    if (unit.kind === 'instant') {
      q[gteq] = q[lteq] = formatInstant(unit.at);
      return { ...q, page: unit.page, per_page: perPage, sort: sortFor(direction) };
    }
    if (unit.lo !== undefined) q[gteq] = formatInstant(unit.lo);
    if (unit.hi !== undefined) q[lteq] = formatInstant(unit.hi);
    return { ...q, page: 1, per_page: perPage, sort: sortFor(direction) };
  };

  // The far end of the list (its last instant in crawl order), asked with one row once the first
  // page is full: a list that fits one page costs one request.
  const askEdge = () => request({ ...filters, page: 1, per_page: 1, sort: sortFor(asc ? 'desc' : 'asc') });

  const slots: Slot<T>[] = [{ unit: { kind: 'window', first: true } }];
  let closed = false;

  // An instant's page: offset pages inside one instant, by id. A record leaving it (updated, or
  // out of the filter) between two pages shifts the rest back and one would be skipped; the
  // instant's count, live on the server, shows that it moved, and the instant is then read again
  // from page 1, what was yielded skipped. Records cannot come into a past instant by an update (an
  // update stamps the present), so where they can only leave, a pass whose count never moved saw
  // every record that stayed.
  const readInstant = (unit: Extract<Unit, { kind: 'instant' }>, page: ListPage<T>, records: T[]): Reading<T> => {
    const { pass, seen } = unit;
    if (pass.count === undefined) pass.count = page.count;
    else if (page.count !== pass.count) pass.moved = true;
    const fresh: T[] = [];
    for (const record of records) {
      if (instantOf(record) !== unit.at) throw bad(resource, `a page of the instant ${formatInstant(unit.at)} held a record of another`);
      if (seen.add(record)) fresh.push(record);
    }
    if (records.length >= perPage) {
      // A first pass meeting a full page it has seen whole: the server ignores `page`.
      if (fresh.length === 0 && pass.number === 1) throw registryError({ kind: 'repeated-page', page: unit.page, resource });
      return { fresh, next: [{ ...unit, page: unit.page + 1 }] };
    }
    if (pass.moved && pass.number < MAX_PASSES) {
      return { fresh, next: [{ kind: 'instant', at: unit.at, page: 1, seen, pass: { number: pass.number + 1, moved: false } }] };
    }
    return { fresh, next: [] };
  };

  // A window's page, checked against the window and the order, since everything rests on both.
  // A NULL (the zero time) can only be a broken server here: the first page and the edge, where a
  // NULL of the list shows, are looked at before any window is read.
  const readWindow = (unit: Extract<Unit, { kind: 'window' }>, page: ListPage<T>, records: T[], far?: bigint): Reading<T> => {
    let previous: bigint | undefined;
    let previousRecord: T | undefined;
    for (const record of records) {
      const at = instantOf(record);
      if (at === ZERO_TIME) throw bad(resource, `a window held a record with no ${column}`);
      if ((unit.lo !== undefined && at < unit.lo) || (unit.hi !== undefined && at > unit.hi)) {
        throw bad(
          resource,
          `the server answered the window ${formatInstant(unit.lo ?? at)}..${formatInstant(unit.hi ?? at)} with a record at ${formatInstant(at)}; it does not filter ${column} as the Registry does`,
        );
      }
      if (previous !== undefined) {
        const backwards = asc ? at < previous : at > previous;
        if (backwards || (at === previous && compareTies(record, previousRecord as T) <= 0)) {
          throw bad(resource, `the server did not sort by ${column} and ${tieBreak.join(', ')} as asked`);
        }
      }
      previous = at;
      previousRecord = record;
    }
    if (records.length < perPage) return { fresh: records, next: [] };

    // Full: everything before the last instant is complete; the rest of the window comes next.
    const last = instantOf(records[records.length - 1]);
    const head = instantOf(records[0]);
    const lo = unit.lo ?? (far as bigint);
    const hi = unit.hi ?? (far as bigint);
    if (head === last) {
      // One instant holds a page or more: read by itself, page by page (above), from page 1 so
      // that every page's count is the instant's.
      stats.instants += 1;
      const next: Unit[] = [{ kind: 'instant', at: last, page: 1, seen: keySet(tieBreak, resource), pass: { number: 1, moved: false } }];
      if (asc ? last < hi : last > lo) next.push({ kind: 'window', lo: asc ? last + 1n : lo, hi: asc ? hi : last - 1n });
      return { fresh: [], next };
    }
    let cut = records.length;
    while (instantOf(records[cut - 1]) === last) cut -= 1;
    const fresh = records.slice(0, cut);
    // How many records the rest holds: a window's count is live on the server (a range filter
    // is never counted from a view), so count minus what was yielded. The first request's count
    // can be stale, so there the density just seen counts too. Either may be far off where
    // records cluster in time; the fan-out is bounded, so an overestimate costs a few empty
    // windows, and an underestimate a window that comes back full and splits again.
    let remaining = Number.isFinite(page.count) ? page.count - fresh.length : 0; // a count is a hint, whatever it says
    if (unit.first) {
      const rest = asc ? hi - last + 1n : last - lo + 1n;
      const seen = asc ? last - head : head - last;
      remaining = Math.max(remaining, (Number(rest) * fresh.length) / Number(seen));
    }
    const room = Math.max(1, MAX_QUEUED - slots.length);
    const parts = Math.max(1, Math.min(fanOut, room, Math.ceil(remaining / (FILL * perPage))));
    stats.splits += 1;
    return { fresh, next: split(asc ? last : lo, asc ? hi : last, parts, direction) };
  };

  // Decodes an answer, leaving only `records` to hold the page: the arrays yielded are cleared by
  // crawl() as it hands their records out.
  const recordsOf = (page: ListPage<T>): T[] => {
    const records = page.results;
    page.results = [];
    return records;
  };

  const launch = (slot: Slot<T>) => {
    const promise = request(queryOf(slot.unit));
    slot.promise = promise;
    const { unit } = slot;
    if (unit.kind === 'window') stats.windows += 1;
    else stats.instantPages += 1;
    const settle = () => {
      slot.settled = true;
    };
    if (unit.kind === 'window' && unit.first) {
      promise.then(settle, settle);
      return;
    }
    // Read on arrival; what must come next goes right after this slot, and may go out at once.
    slot.ready = promise
      .then((fetched) => fetched.decode())
      .then((page) => {
        const reading = unit.kind === 'instant' ? readInstant(unit, page, recordsOf(page)) : readWindow(unit, page, recordsOf(page));
        slots.splice(slots.indexOf(slot) + 1, 0, ...reading.next.map((u) => ({ unit: u })));
        settle();
        if (!closed) topUp();
        return reading.fresh;
      });
    slot.ready.catch(settle); // observed when its turn comes
  };
  // At most `concurrency` requests in flight, and at most as many answered pages waiting for their
  // turn. Counting the waiting ones against the requests would stall the crawl: when a window
  // comes back full, its parts come first, and a later window already answered would hold a slot
  // until all of them are read.
  const topUp = () => {
    let inFlight = 0;
    let waiting = 0;
    for (const slot of slots) {
      if (slot.promise && !slot.settled) inFlight += 1;
      else if (slot.settled) waiting += 1;
    }
    for (const slot of slots) {
      if (inFlight >= concurrency || inFlight + waiting >= 2 * concurrency) break;
      if (!slot.promise) {
        launch(slot);
        inFlight += 1;
      }
    }
  };

  try {
    // The first request, unbounded: a short page is the whole list; a full one needs the far end.
    const first = slots[0];
    launch(first);
    const page = await (await (first.promise as Promise<FetchedPage<T>>)).decode();
    const records = recordsOf(page);
    // A short first page is the whole list, one snapshot: nothing to window, nothing to check.
    if (records.length < perPage) {
      if (records.length > 0) yield records;
      return 'done';
    }
    // A NULL sorts last ascending and first descending, so this page or the edge shows one. Its
    // timestamps first: a page that cannot be windowed needs no second request.
    for (const record of records) if (instantOf(record) === ZERO_TIME) return NOT_WINDOWABLE;
    const edgePage = await (await askEdge()).decode();
    const end = edgePage.results[0];
    const head = instantOf(records[0]);
    const last = instantOf(records[records.length - 1]);
    const endAt = end === undefined ? last : instantOf(end);
    if (endAt === ZERO_TIME) return NOT_WINDOWABLE;
    const far = asc ? (endAt > last ? endAt : last) : endAt < last ? endAt : last;
    const reading = readWindow(first.unit as Extract<Unit, { kind: 'window' }>, page, records, far);
    slots.shift();
    slots.unshift(...reading.next.map((u) => ({ unit: u })));
    options.onBounds?.(asc ? head : far, asc ? far : head);
    topUp();
    if (reading.fresh.length > 0) yield reading.fresh;

    while (slots.length > 0) {
      if (signal.aborted) throw registryError({ kind: 'aborted', sent: true, subject: 'the crawl' });
      const slot = slots[0];
      if (!slot.promise) launch(slot); // the next in order goes out even when later ones fill the pool
      topUp();
      const fresh = await (slot.ready as Promise<T[]>);
      slots.shift();
      topUp();
      if (fresh.length > 0) yield fresh;
    }
    return 'done';
  } finally {
    closed = true;
  }
}
