// Crawls: every record of a list, in order, pages fetched in a bounded, ordered pool.
//
// all() pages in windows of a timestamp column wherever the order allows (src/crawl/windows.ts);
// this file holds the record iterator, the choice of method, and paging by offset, used when the
// caller sorts by a column windows cannot follow (or asks for it):
//
// - Order: the caller's sort followed by the tie-break columns (id; alerts also user_id) ascending,
//   a total order, so an offset means the same rows on every request.
// - Continuation: keep going while pages come back full, even when `next` is "" (counts can be an
//   hour stale); stop at the first short page. Past the pages the count promised, a full page
//   shows it was stale, and the pool then fetches ahead as far as it may.
// - Duplicates: sorted by the tie-break alone, records are strictly increasing, so anything not
//   above the last record yielded is a repeat (a row inserted before our offset shifted the page):
//   one comparison, no set of seen ids. Under a caller's sort, the previous page's keys catch the
//   same shift at the page boundary, in memory bounded by one page.
// - Concurrency: at most `concurrency` pages in flight or buffered besides the page being consumed,
//   consumed strictly in page order; new requests start only as the consumer pulls (backpressure).
// - Memory: a page waiting in the window is held as the bytes received, in a buffer the crawl
//   reuses (src/transport/page-bytes.ts), and decoded only when its turn comes, so one page at a
//   time exists as text and objects. Decoding on arrival, with axios buffering each body itself,
//   cost some 70 MB more peak RSS at concurrency 2 (bench/RESULTS.md has the figures).
import { InvalidInputError } from './errors.js';
import { registryError } from './transport/normalize.js';
import type { ListPage } from './resources/types.js';
import { createIdSet } from './crawl/id-set.js';
import { compareKeys, keyOf } from './crawl/key-set.js';
import { formatInstant, parseInstant } from './crawl/instant.js';
import type { CrawlPlan } from './crawl/plan.js';
import { newStats, type CrawlStats } from './crawl/stats.js';
import { NOT_WINDOWABLE, windowPages } from './crawl/windows.js';
import { trackPosition, type CrawlCheckpoint, type Resumption } from './crawl/checkpoint.js';

export interface TieBreak<T> {
  /** Columns whose ascending order is total, e.g. ['id']. */
  keys: readonly (keyof T & string)[];
}

/** A page as fetched, not yet decoded. */
export interface FetchedPage<T> {
  decode(): Promise<ListPage<T>>;
}

export interface CrawlOptions<T> {
  query: Record<string, unknown>;
  perPage: number;
  tieBreak: TieBreak<T>;
  concurrency?: number;
  signal?: AbortSignal;
  /** The resource's name, for messages. */
  resource?: string;
  fetchPage: (query: Record<string, unknown>, signal: AbortSignal) => Promise<FetchedPage<T>>;
  /** How to page; by offset when absent. */
  plan?: CrawlPlan;
  /** Where an earlier run of this crawl stopped (windows only; checked by checkResume). */
  resume?: Resumption<T>;
}

/** A crawl: the records, one at a time, and how the crawl went so far. */
export interface Crawl<T> extends AsyncIterableIterator<T> {
  /** Requests, windows, splits and records so far, and the method used. */
  readonly stats: Readonly<CrawlStats>;
  /**
   * Where the crawl has got to, after the last record handed out: a plain JSON object to keep
   * (a file, a database row) and pass back as `all(params, { resume })`, which then continues
   * after that record, none lost and none twice. Undefined for a crawl that pages by offset
   * (sorted by a column other than the window column, or holding records with no value of it),
   * which cannot be resumed exactly.
   */
  checkpoint(): CrawlCheckpoint | undefined;
}

/**
 * How far back the recheck of a crawl sorted by updated_at reaches before the newest updated_at
 * seen at the start: a change is stamped before its transaction commits, so one stamped just
 * before that instant can become visible only later.
 */
const RECHECK_MARGIN_US = 5n * 60n * 1_000_000n;

const DEFAULT_CONCURRENCY = 2;

/** The pages a crawl fetches at once: 1 to 32, default 2. all() checks it before it returns. */
export function checkConcurrency(value: number | undefined): number {
  const concurrency = value ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    throw new InvalidInputError(`concurrency must be an integer from 1 to 32, got ${String(value)}`);
  }
  return concurrency;
}

const aborted = () => registryError({ kind: 'aborted', sent: true, subject: 'the crawl' });

const repeatedPage = (page: number, resource = 'list') => registryError({ kind: 'repeated-page', page, resource });

/** The sort we send, and whether it is the tie-break alone (so the monotonic check applies). */
export function crawlOrder(userSort: unknown, keys: readonly string[]): { sort: string[]; monotonic: boolean } {
  const given = userSort === undefined ? [] : (userSort as string[]);
  const tail = keys.map((k) => `${k}__asc`);
  const user = given.filter((s) => !tail.includes(s));
  const monotonic = user.length === 0 && given.every((s) => tail.includes(s));
  return { sort: [...user, ...tail], monotonic };
}

/** Deduplicated offset pages, in order; see the notes at the top of this file. */
async function* offsetPages<T>(options: CrawlOptions<T>, stop: AbortSignal, stats: CrawlStats): AsyncGenerator<T[], void, undefined> {
  const { perPage, tieBreak, signal } = options;
  const concurrency = checkConcurrency(options.concurrency);
  const { sort, monotonic } = crawlOrder(options.query.sort, tieBreak.keys);

  const window: Promise<FetchedPage<T>>[] = [];
  let nextPage = 1;
  let expectedPages = 1; // until the first page tells the count
  const launch = () => {
    stats.requests += 1;
    const promise = options.fetchPage({ ...options.query, page: nextPage, per_page: perPage, sort }, stop);
    promise.catch(() => undefined); // observed when its turn comes; never an unhandled rejection
    window.push(promise);
    nextPage += 1;
  };

  let last: T | undefined;
  let pageNumber = 0; // of the page being consumed
  let previousKeys = new Set<string>();
  launch();
  while (window.length > 0) {
    if (signal?.aborted) throw aborted();
    let page: ListPage<T> | undefined = await (await (window.shift() as Promise<FetchedPage<T>>)).decode();
    pageNumber += 1;
    if (pageNumber === 1) expectedPages = Math.max(1, Math.ceil(page.count / perPage));
    const full = page.results.length >= perPage;
    const keys = new Set<string>();
    const fresh: T[] = [];
    for (const record of page.results) {
      if (monotonic) {
        if (last !== undefined && compareKeys(record, last, tieBreak.keys) <= 0) continue;
        last = record;
      } else {
        const key = keyOf(record, tieBreak.keys);
        if (previousKeys.has(key) || keys.has(key)) continue;
        keys.add(key);
      }
      fresh.push(record);
    }
    // A full page with nothing new: the server (or a proxy's cache) ignores `page`, and every
    // further page would be the same full page, for ever. A real page never repeats all of the
    // previous one (that takes a whole page of rows inserted ahead of us between two requests).
    if (full && fresh.length === 0 && pageNumber > 1) throw repeatedPage(pageNumber, options.resource);
    // Past the pages the count promised, a full page means the count was stale (it can be an
    // hour old): from then on fetch ahead as far as the pool allows, at the price of at most
    // concurrency - 1 requests past the end, rather than one page at a time.
    if (full && pageNumber > expectedPages) expectedPages = Number.POSITIVE_INFINITY;
    if (full) {
      while (window.length < concurrency && (nextPage <= expectedPages || window.length === 0)) launch();
    }
    previousKeys = keys;
    // `fresh` is now the page's only holder, and crawl() lets go of each record as it hands it
    // out: records the consumer is done with die young instead of living as long as the page.
    // eslint-disable-next-line no-useless-assignment -- read by the collector while we wait at yield
    page = undefined;
    yield fresh;
    if (!full) return;
  }
}

/** The pages with only the records `keep` passes (a page left empty is not yielded); returns what `pages` returns. */
async function* kept<T, R>(pages: AsyncGenerator<T[], R, undefined>, keep: (record: T) => boolean) {
  for (;;) {
    const step = await pages.next();
    if (step.done) return step.value;
    const fresh = step.value.filter(keep);
    if (fresh.length > 0) yield fresh;
  }
}

/** Keeps the records whose id is new to `ids`. */
const unseen = <T, R>(pages: AsyncGenerator<T[], R, undefined>, ids: ReturnType<typeof createIdSet>, key: keyof T & string) =>
  kept(pages, (record) => ids.add(record[key] as unknown as number));

/** The pages of the crawl by its plan, falling back to offset pages where windows cannot hold every record. */
async function* crawlPages<T>(options: CrawlOptions<T>, stats: CrawlStats): AsyncGenerator<T[], void, undefined> {
  const { signal, tieBreak, perPage } = options;
  const plan = options.plan ?? { method: 'offset', reason: 'no plan' };
  // Our own controller: stops in-flight pages when the crawl ends early (break, error, short page).
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  const resource = options.resource ?? 'list';
  const byOffset = (reason: string) => {
    stats.method = 'offset';
    stats.reason = reason;
    return offsetPages(options, stop.signal, stats);
  };
  const windows = (
    column: string,
    direction: 'asc' | 'desc',
    query: Record<string, unknown>,
    onBounds?: (lowest: bigint, highest: bigint) => void,
  ) =>
    windowPages<T>({
      column,
      direction,
      query,
      perPage,
      tieBreak: tieBreak.keys,
      concurrency: checkConcurrency(options.concurrency),
      resource,
      stats,
      signal: stop.signal,
      fetchPage: options.fetchPage,
      onBounds,
    });
  const noValue = (column: string) => `some ${resource} have no ${column}, which no window holds`;
  try {
    if (plan.method === 'offset') {
      stats.reason = plan.reason;
      yield* offsetPages(options, stop.signal, stats);
    } else if (plan.method === 'windows') {
      const { resume } = options;
      // Resumed: the query starts at the checkpoint's instant; what of it the earlier run handed out is skipped.
      const pages = windows(plan.column, plan.direction, resume?.query ?? options.query);
      const end = resume ? yield* kept(pages, (record) => !resume.handedOut(record)) : yield* pages;
      if (end === NOT_WINDOWABLE) yield* byOffset(noValue(plan.column));
    } else {
      // Sorted by updated_at: windows of it are exact for the records that do not change. One that
      // changes meanwhile moves past the newest updated_at seen at the start, out of every window
      // still to come, so the recheck reads, after the windows, every record changed since then
      // (windows of the unchanging column), skipping ids already yielded.
      const ids = createIdSet(resource);
      const key = tieBreak.keys[0];
      let newest: bigint | undefined;
      const main = yield* unseen(
        windows(plan.column, plan.direction, options.query, (_low, high) => (newest = high)),
        ids,
        key,
      );
      if (main === NOT_WINDOWABLE) {
        yield* byOffset(noValue(plan.column));
        return;
      }
      if (newest === undefined) return; // one page held everything: a single snapshot
      const gteq = `${plan.column}__gteq`;
      const theirs = parseInstant(options.query[gteq]);
      let from = newest - RECHECK_MARGIN_US;
      if (theirs !== undefined && theirs > from) from = theirs;
      const recheck = { ...options.query, [gteq]: formatInstant(from) };
      delete recheck.sort;
      const rest = yield* unseen(windows(plan.window, 'asc', recheck), ids, key);
      if (rest === NOT_WINDOWABLE) throw registryError({ kind: 'not-registry', problem: `the ${resource} crawl: ${noValue(plan.window)}` });
    }
  } finally {
    stop.abort();
    signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * Every record of the crawl, one at a time. Hand-written rather than an async generator: records
 * of a page already in memory are handed out with one resolved promise each, without a generator
 * step per record (the client's CPU per record is what a large crawl pays; see bench/).
 */
export function crawl<T>(options: CrawlOptions<T>): Crawl<T> {
  const stats = newStats(options.plan?.method ?? 'offset');
  const pages = crawlPages(options, stats);
  const { signal, plan, resume } = options;
  // Only a crawl in windows hands records out in one order a position can say.
  const position =
    plan?.method === 'windows'
      ? trackPosition<T>(options.resource ?? 'list', options.query, plan.column, plan.direction, options.tieBreak.keys)
      : undefined;
  const earlier = resume?.records ?? 0;
  let buffer: (T | undefined)[] = [];
  let index = 0;
  let handed: T | undefined;
  // Records handed out (stats.records also counts those of the page buffered).
  let handedOut = 0;
  const iterator: Crawl<T> = {
    stats,
    checkpoint() {
      if (!position || stats.method !== 'windows') return undefined;
      const checkpoint = position.checkpoint(handed, earlier + handedOut);
      if (checkpoint.after === undefined && resume?.start) return { ...checkpoint, after: resume.start };
      return checkpoint;
    },
    next(): Promise<IteratorResult<T>> {
      if (signal?.aborted) return pages.return(undefined).then(() => Promise.reject(aborted()));
      if (index < buffer.length) {
        const value = buffer[index] as T;
        handed = value;
        handedOut += 1;
        buffer[index++] = undefined;
        return Promise.resolve({ done: false, value });
      }
      return pages.next().then((step) => {
        if (step.done) return { done: true, value: undefined };
        position?.pageDone(handed);
        buffer = step.value;
        stats.records += buffer.length;
        index = 0;
        return iterator.next();
      });
    },
    return(value?: unknown): Promise<IteratorResult<T>> {
      buffer = [];
      return pages.return(undefined).then(() => ({ done: true, value: value as undefined }));
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
