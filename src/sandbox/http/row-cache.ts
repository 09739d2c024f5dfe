// Serialised rows, cached. Generating and encoding a row costs far more than the 50 ms of latency
// the benchmark injects allows for at 4–8 pages in flight; a real server answers from a buffer
// cache too. Bounded, and dropped whenever the table changes (ingest simulation).
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
