// Merges crawls that are each in one order into one stream in that order: a report of several
// disjoint queries (problems) comes out newest first as a whole, not query after query. One
// record of each crawl is held at a time, so memory stays flat.
import type { CliRecord } from './resources.js';

export type RecordOrder = (a: CliRecord, b: CliRecord) => number;

/** A timestamp as the Registry sends it (RFC 3339 UTC, 0 to 9 fraction digits) as a key that sorts as the instant. */
function instantKey(value: unknown): string {
  const text = String(value ?? '');
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (m) return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}`;
  const time = Date.parse(text);
  return Number.isNaN(time) ? '' : `${new Date(time).toISOString().slice(0, 23)}000000`;
}

/**
 * The order of a crawl sorted by `sort` (`date_processed__desc`): that timestamp column, then id
 * ascending, the tie-break all() adds to every sort.
 */
export function recordOrder(sort: string): RecordOrder {
  const m = /^(.*?)(?:__(asc|desc))?$/.exec(sort) as RegExpExecArray;
  const column = m[1];
  const sign = m[2] === 'desc' ? -1 : 1;
  return (a, b) => {
    const ka = instantKey(a[column]);
    const kb = instantKey(b[column]);
    if (ka !== kb) return ka < kb ? -sign : sign;
    return Number(a.id) - Number(b.id);
  };
}

/** The records of every source, in `order` (each source already in it). */
export async function* mergeInOrder(sources: readonly AsyncIterable<CliRecord>[], order: RecordOrder): AsyncGenerator<CliRecord> {
  const iterators = sources.map((s) => s[Symbol.asyncIterator]());
  const heads: (CliRecord | undefined)[] = [];
  try {
    for (const it of iterators) heads.push(await next(it));
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i];
        if (head !== undefined && (best < 0 || order(head, heads[best] as CliRecord) < 0)) best = i;
      }
      if (best < 0) return;
      yield heads[best] as CliRecord;
      heads[best] = await next(iterators[best]);
    }
  } finally {
    // Stopped early (an error downstream): end every crawl still running.
    await Promise.all(iterators.map((it) => it.return?.()));
  }
}

async function next(it: AsyncIterator<CliRecord>): Promise<CliRecord | undefined> {
  const r = await it.next();
  return r.done ? undefined : r.value;
}
