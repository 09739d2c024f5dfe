// Serialised rows, cached. Generating and encoding a row costs far more than the 50 ms of latency
// the benchmark injects allows for at 4–8 pages in flight; a real server answers from a buffer
// cache too. Bounded; a sandbox change drops just the rows it changed, any other change of the
// table (ingest simulation) drops the whole cache.
import { goJSON } from '../gojson.js';
import { rowJSON } from '../data/table.js';
import type { Table } from '../data/table.js';

// Enough for the benchmark's largest crawl (about 520,000 rows visible to one member).
const LIMIT = 1_200_000;

interface Cache {
  version: number;
  rows: Map<number, string>;
}

const caches = new WeakMap<Table, Cache>();

/** The row exactly as goJSON would write it inside the results array. */
export function rowString(table: Table, index: number): string {
  let cache = caches.get(table);
  if (!cache || cache.version !== table.version()) {
    cache = { version: table.version(), rows: new Map() };
    caches.set(table, cache);
  }
  let text = cache.rows.get(index);
  if (text === undefined) {
    text = goJSON(rowJSON(table, index));
    if (cache.rows.size >= LIMIT) cache.rows.delete(cache.rows.keys().next().value as number);
    cache.rows.set(index, text);
  }
  return text;
}

/**
 * `{"count":…,"next":…,"previous":…,"results":[…]}`, byte for byte what goJSON of the object gives.
 * No rows is `"results":null`, never `[]`: the server's slice is a Go nil slice until a row is
 * appended (empty_one.items.empty, paging.files.page_999, links.objects.page_2_per_page_5000).
 */
export function envelopeBody(count: number, next: string, previous: string, rows: readonly string[]): string {
  const results = rows.length === 0 ? 'null' : `[${rows.join(',')}]`;
  return `{"count":${count},"next":${goJSON(next)},"previous":${goJSON(previous)},"results":${results}}`;
}

/**
 * The table went from version `before` to its current one by changing `rows`: a cache that was
 * current at `before` drops just those rows and stays; an older one is dropped whole.
 */
export function forgetRows(table: Table, before: number, rows: readonly number[]): void {
  const cache = caches.get(table);
  if (!cache) return;
  if (cache.version !== before) {
    caches.delete(table);
    return;
  }
  for (const r of rows) cache.rows.delete(r);
  cache.version = table.version();
}
