// Exactly-once crawls over offset pages whose default order has ties (errata §2.2, §2.3, §4).
//
// - Order: the caller's sort followed by the tie-break columns (id; alerts also user_id) ascending,
//   a total order, so an offset means the same rows on every request.
// - Continuation: keep going while pages come back full, even when `next` is "" (counts can be an
//   hour stale); stop at the first short page.
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
}

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

function compareKeys<T>(a: T, b: T, keys: readonly (keyof T & string)[]): number {
  for (const key of keys) {
    const x = a[key] as unknown as number;
    const y = b[key] as unknown as number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** The sort we send, and whether it is the tie-break alone (so the monotonic check applies). */
export function crawlOrder(userSort: unknown, keys: readonly string[]): { sort: string[]; monotonic: boolean } {
  const given = userSort === undefined ? [] : (userSort as string[]);
  const tail = keys.map((k) => `${k}__asc`);
  const user = given.filter((s) => !tail.includes(s));
  const monotonic = user.length === 0 && given.every((s) => tail.includes(s));
  return { sort: [...user, ...tail], monotonic };
}

/** Deduplicated pages, in order; see the notes at the top of this file. */
async function* crawlPages<T>(options: CrawlOptions<T>): AsyncGenerator<T[], void, undefined> {
  const { perPage, tieBreak, signal } = options;
  const concurrency = checkConcurrency(options.concurrency);
  const { sort, monotonic } = crawlOrder(options.query.sort, tieBreak.keys);
  const keyOf = (record: T) => tieBreak.keys.map((k) => String(record[k])).join('\u0000');

  // Our own controller: stops in-flight pages when the crawl ends early (break, error, short page).
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });

  const window: Promise<FetchedPage<T>>[] = [];
  let nextPage = 1;
  let expectedPages = 1; // until the first page tells the count
  const launch = () => {
    const promise = options.fetchPage({ ...options.query, page: nextPage, per_page: perPage, sort }, stop.signal);
    promise.catch(() => undefined); // observed when its turn comes; never an unhandled rejection
    window.push(promise);
    nextPage += 1;
  };

  let last: T | undefined;
  let pageNumber = 0; // of the page being consumed
  let previousKeys = new Set<string>();
  try {
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
          const key = keyOf(record);
          if (previousKeys.has(key) || keys.has(key)) continue;
          keys.add(key);
        }
        fresh.push(record);
      }
      // A full page with nothing new: the server (or a proxy's cache) ignores `page`, and every
      // further page would be the same full page, for ever. A real page never repeats all of the
      // previous one (that takes a whole page of rows inserted ahead of us between two requests).
      if (full && fresh.length === 0 && pageNumber > 1) throw repeatedPage(pageNumber, options.resource);
      // Top up the window: pages the count promises, and past it one at a time (stale counts).
      if (full) {
        while (window.length < concurrency && (nextPage <= expectedPages || window.length === 0)) launch();
      }
      previousKeys = keys;
      // `fresh` is now the page's only holder, and crawl() lets go of each record as it hands it
      // out: records the consumer is done with die young instead of living as long as the page.
      page = undefined;
      yield fresh;
      if (!full) return;
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
export function crawl<T>(options: CrawlOptions<T>): AsyncIterableIterator<T> {
  const pages = crawlPages(options);
  const { signal } = options;
  let buffer: (T | undefined)[] = [];
  let index = 0;
  const iterator: AsyncIterableIterator<T> = {
    next(): Promise<IteratorResult<T>> {
      if (signal?.aborted) return pages.return(undefined).then(() => Promise.reject(aborted()));
      if (index < buffer.length) {
        const value = buffer[index] as T;
        buffer[index++] = undefined;
        return Promise.resolve({ done: false, value });
      }
      return pages.next().then((step) => {
        if (step.done) return { done: true, value: undefined };
        buffer = step.value;
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
