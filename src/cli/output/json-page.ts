// list without --all, --format json: the page as the Registry sends it, { count, next, previous,
// results }, so a script keeps the count (a hint: it can be out of date) and can tell a page from
// every page (--all prints the array of records alone). Records one per line, as in the array.
import type { Writable } from 'node:stream';
import { writeOut } from '../io.js';
import type { CliRecord } from '../resources.js';
import { project } from './sink.js';

export interface JsonPage {
  count: number;
  next: string;
  previous: string;
  results: readonly CliRecord[];
}

export async function writeJsonPage(out: Writable, page: JsonPage, fields: readonly string[] | undefined): Promise<void> {
  const head = `{"count": ${JSON.stringify(page.count)}, "next": ${JSON.stringify(page.next)}, "previous": ${JSON.stringify(page.previous)}, "results": [`;
  const records = page.results.map((r) => JSON.stringify(project(r, fields)));
  await writeOut(out, records.length === 0 ? `${head}]}\n` : `${head}\n${records.join(',\n')}\n]}\n`);
}
