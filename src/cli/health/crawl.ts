// The crawls behind `report health`, and the HealthReport they add up to. Five crawls, one after
// another, each `concurrency` pages at a time (so the server never sees more than that many
// requests at once from this run: it checks the key with bcrypt on every one):
//
//   files      state=A                            → storage by option, fixity histogram (one crawl, both)
//   objects    state=A                            → objects and bytes by month of created_at
//   items      date_processed__gteq=<work window> → work queue by period and status
//   events     REPORTS' failed-fixity, its window → the failed fixity table
//   items      REPORTS' problems, its window      → the problems table
//
// The first three are unsorted, so the library crawls them in windows of a column that never
// changes (created_at, bag_date): exactly once and cheap at any depth. The last two are the
// reports themselves (report-crawl.ts), with their queries, sort and merge, so they cannot drift.
// Records stream into the aggregators (aggregate.ts) and are dropped: memory is flat in the size
// of the holding.
import type { RegistryClient } from '../../index.js';
import type { Clock } from '../clock.js';
import type { CliIO } from '../io.js';
import { countInto } from '../pump.js';
import { progressMode, startProgress } from '../progress.js';
import type { ProgressMode } from '../progress.js';
import { daysBefore, planCrawls, reportRecords } from '../report-crawl.js';
import type { CrawlOptions } from '../report-crawl.js';
import { REPORTS } from '../reports.js';
import type { ReportDefinition } from '../reports.js';
import { findResource } from '../resources.js';
import type { CliParams, CliRecord } from '../resources.js';
import { FixityTally, MonthTally, RowKeeper, StorageTally, WorkQueueTally } from './aggregate.js';
import { HEALTH_SCHEMA } from './model.js';
import type { FixityEventRow, HealthReport, HealthWindow, ProblemRow } from './model.js';

/** The work-queue chart's window when --days is not given. */
export const DEFAULT_WORK_DAYS = 90;
/** Rows kept for each table (problems, failed fixity); the totals count every one. */
export const DEFAULT_MAX_ROWS = 1_000;

export interface HealthOptions extends CrawlOptions {
  /** The work-queue window, in days. */
  workDays: number;
  /** The window of the problems and failed fixity tables, in days (as the reports' --days). */
  problemDays: number;
  /** Rows kept per table. */
  maxRows: number;
}

export interface HealthRun {
  io: CliIO;
  clock: Pick<Clock, 'now'>;
  quiet: boolean;
}

function report(name: string): ReportDefinition {
  const def = REPORTS.find((r) => r.name === name);
  if (!def) throw new Error(`no report named ${name}`);
  return def;
}

export const PROBLEMS = report('problems');
export const FAILED_FIXITY = report('failed-fixity');

/** Links need the ids; the tables show the report's own columns. */
export const PROBLEM_FIELDS = [...PROBLEMS.columns, 'intellectual_object_id', 'generic_file_id'];
export const FIXITY_EVENT_FIELDS = [...FAILED_FIXITY.columns, 'intellectual_object_id', 'generic_file_id'];

function windowOf(column: string, days: number, now: number): HealthWindow {
  return { column, days, from: daysBefore(days, now).text };
}

/** The Registry's origin, for links to its web pages (the API's path and anything else dropped). */
export function registryOrigin(baseUrl: string): string {
  return new URL(baseUrl).origin;
}

/** All five crawls, into one HealthReport. Filters are checked by the client before any request. */
export async function computeHealth(client: RegistryClient, run: HealthRun, options: HealthOptions): Promise<HealthReport> {
  const now = run.clock.now();
  const crawl: CrawlOptions = { concurrency: options.concurrency, paging: options.paging };
  const workWindow = windowOf('date_processed', options.workDays, now);
  const problemsFrom = daysBefore(options.problemDays, now);

  // Every crawl is made (and its filters checked) before the first request.
  const fileOps = findResource('files').ops(client);
  const objectOps = findResource('objects').ops(client);
  const itemOps = findResource('items').ops(client);
  const eventResource = findResource(FAILED_FIXITY.resource);
  const eventOps = eventResource.ops(client);
  const fileParams: CliParams = { state: 'A' };
  const objectParams: CliParams = { state: 'A' };
  const itemParams: CliParams = { date_processed__gteq: workWindow.from };
  const fileCrawl = fileOps.all(fileParams, crawl);
  const objectCrawl = objectOps.all(objectParams, crawl);
  const itemCrawl = itemOps.all(itemParams, crawl);
  const fixityEvents = planCrawls(eventResource, client, FAILED_FIXITY, { from: problemsFrom }, now, crawl);
  const problems = planCrawls(findResource(PROBLEMS.resource), client, PROBLEMS, { from: problemsFrom }, now, crawl);

  const mode = progressMode(run.io, run.quiet);
  const storage = new StorageTally();
  const fixity = new FixityTally(now);
  await stream(run, mode, 'health: files', [{ ops: fileOps, params: fileParams }], fileCrawl, (f) => {
    storage.add(f);
    fixity.add(f);
  });

  const months = new MonthTally();
  await stream(run, mode, 'health: objects', [{ ops: objectOps, params: objectParams }], objectCrawl, (o) => months.add(o));

  const queue = new WorkQueueTally(Date.parse(workWindow.from), now, options.workDays);
  await stream(run, mode, 'health: work items', [{ ops: itemOps, params: itemParams }], itemCrawl, (i) => queue.add(i));

  const events = new RowKeeper<FixityEventRow>(FIXITY_EVENT_FIELDS, options.maxRows);
  await stream(
    run,
    mode,
    'health: failed fixity',
    fixityEvents.map((c) => ({ ops: eventOps, params: c.params })),
    reportRecords(FAILED_FIXITY, fixityEvents),
    (e) => events.add(e),
  );

  const problemRows = new RowKeeper<ProblemRow>(PROBLEM_FIELDS, options.maxRows);
  await stream(
    run,
    mode,
    'health: problems',
    problems.map((c) => ({ ops: itemOps, params: c.params })),
    reportRecords(PROBLEMS, problems),
    (p) => problemRows.add(p),
  );

  const problemWindow = (def: ReportDefinition): HealthWindow => ({
    column: def.window?.column ?? '',
    days: options.problemDays,
    from: problemsFrom.text,
  });
  return {
    schema: HEALTH_SCHEMA,
    generated_at: new Date(now).toISOString(),
    registry: registryOrigin(client.baseUrl),
    storage: { files: storage.files, bytes: storage.bytes, options: storage.rows() },
    ingests: { objects: months.objects, bytes: months.bytes, months: months.rows() },
    work_queue: {
      window: workWindow,
      period: queue.period,
      statuses: queue.statuses(),
      totals: queue.totalsByStatus(),
      total: queue.total,
      periods: queue.periods(),
    },
    fixity: {
      files: fixity.files,
      buckets: fixity.buckets(),
      failed_events: { window: problemWindow(FAILED_FIXITY), total: events.total, rows: events.rows, truncated: events.truncated },
    },
    problems: { window: problemWindow(PROBLEMS), total: problemRows.total, rows: problemRows.rows, truncated: problemRows.truncated },
  };
}

type Ops = ReturnType<ReturnType<typeof findResource>['ops']>;

/** One crawl's records into `each`, with the progress line or bar every crawl of the CLI has. */
async function stream(
  run: HealthRun,
  mode: ProgressMode,
  label: string,
  counted: { ops: Ops; params: CliParams }[],
  records: AsyncIterable<unknown>,
  each: (record: CliRecord) => void,
): Promise<void> {
  const progress = await startProgress(run.io, mode, label, run.clock);
  try {
    for (const c of counted) countInto(progress, mode, c.ops, c.params);
    for await (const record of records) {
      each(record as CliRecord);
      progress.increment();
    }
    progress.done();
  } finally {
    progress.stop();
  }
}
