// How a report's crawls are made from its definition (src/cli/reports.ts): its window, its
// queries with its sort, and, for several queries, their merge in the report's order. Shared by
// `report <name>` and `report health`, so the health page's problems and failed fixity events are
// the very records those reports print, by construction.
import { DATE_SYNTAX, DAY_MS, isoInstant } from './dates.js';
import type { ResolvedDate } from './dates.js';
import { mergeInOrder, recordOrder } from './merge.js';
import type { ReportArgs, ReportDefinition, ReportQuery } from './reports.js';
import type { CliParams, CliRecord, CliResource } from './resources.js';
import type { RegistryClient } from '../index.js';
import { UsageError } from './usage-error.js';

/** The longest look-back --days takes: a date before year 1 cannot be said. */
export const MAX_DAYS = 1_000 * 365;

export interface WindowFlags {
  since?: ResolvedDate;
  days?: number;
}

/** The window's start (or not-checked-since's cutoff) from --since, --days or the report's default. */
export function resolveWindow(def: ReportDefinition, flags: WindowFlags, now: number): ResolvedDate | undefined {
  if (flags.since) return flags.since;
  const days = flags.days ?? def.window?.defaultDays;
  if (days === undefined) {
    if (def.window === undefined) {
      throw new UsageError(`${def.name} needs --days N or --since WHEN`, `e.g. report ${def.name} --days 90 (${DATE_SYNTAX})`);
    }
    return undefined;
  }
  return daysBefore(days, now);
}

/** `days` days before `now`, as every report's --days computes it. */
export function daysBefore(days: number, now: number): ResolvedDate {
  const time = now - Math.round(days * DAY_MS);
  return { text: isoInstant(time), time, how: `${days} ${days === 1 ? 'day' : 'days'} before now, ${isoInstant(now)}` };
}

export interface CrawlOptions {
  concurrency?: number;
  paging?: 'auto' | 'windows' | 'offset';
}

export interface PlannedCrawl extends ReportQuery {
  params: CliParams;
  records: AsyncIterable<CliRecord>;
}

/** The report's crawls, set up (and their filters checked by the client) before any request. */
export function planCrawls(
  resource: CliResource,
  client: RegistryClient,
  def: ReportDefinition,
  args: ReportArgs,
  now: number,
  options: CrawlOptions,
): PlannedCrawl[] {
  const ops = resource.ops(client);
  return def.queries(args, now).map((q) => {
    const params = def.sort === undefined ? q.params : { ...q.params, sort: [def.sort] };
    return { ...q, params, records: ops.all(params, options) as AsyncIterable<CliRecord> };
  });
}

/** Whether the crawls are merged into the report's order (several disjoint crawls of a sorted report). */
export function merges(def: ReportDefinition, crawls: readonly PlannedCrawl[]): boolean {
  return crawls.length > 1 && def.sort !== undefined;
}

/** Every record of the report, in its order: merged, or crawl after crawl, each filtered by its keep test. */
export async function* reportRecords(def: ReportDefinition, crawls: readonly PlannedCrawl[]): AsyncGenerator<CliRecord> {
  if (merges(def, crawls) && def.sort !== undefined) {
    yield* mergeInOrder(
      crawls.map((c) => c.records),
      recordOrder(def.sort),
    );
    return;
  }
  for (const crawl of crawls) {
    for await (const record of crawl.records) if (crawl.keep === undefined || crawl.keep(record)) yield record;
  }
}
