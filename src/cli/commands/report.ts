// report <name>: a named, filtered crawl over every page, streamed like `list --all`.
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { DATE_SYNTAX } from '../dates.js';
import type { ResolvedDate } from '../dates.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { concurrencyOption, pagingOption, excelOption, fieldsOption, formatOption, lookBackArg, sinceArg } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { progressMode, startProgress } from '../progress.js';
import { countInto, pump } from '../pump.js';
import { noteEmpty } from '../notes.js';
import { MAX_DAYS, merges, planCrawls, reportRecords, resolveWindow } from '../report-crawl.js';
import { say } from '../report-error.js';
import { DEFAULT_DAYS, REPORTS } from '../reports.js';
import type { ReportArgs, ReportDefinition } from '../reports.js';
import { findResource } from '../resources.js';
import { registerHealth } from './health.js';

interface ReportFlags extends FormatFlags {
  since?: ResolvedDate;
  days?: number;
  hours?: number;
  concurrency?: number;
  paging?: 'auto' | 'windows' | 'offset';
}

const DATES_NOTE = `Dates (--since): 2024-05-01 or 2024-05-01T12:00:00Z (UTC unless an offset is given), or a time
ago: 30d, 12h, 90m, 45s, 2w (s, m, h, d, w), today or yesterday (midnight UTC).`;

/** --since and --days on every report (one or the other); --hours on stalled. */
function reportOptions(ctx: CliContext, def: ReportDefinition): Option[] {
  const cutoff = def.window === undefined;
  const options = [
    new Option(
      '--since <when>',
      cutoff ? `cutoff: last checked on or before this: ${DATE_SYNTAX}` : `only records from this on: ${DATE_SYNTAX}`,
    )
      .argParser(sinceArg(ctx.clock))
      .conflicts('days'),
    new Option('--days <n>', cutoff ? 'cutoff: last checked at least this many days ago' : 'only records of the last N days').argParser(
      lookBackArg(MAX_DAYS),
    ),
  ];
  if (def.name === 'stalled') {
    options.push(new Option('--hours <n>', 'not updated for at least this many hours').argParser(lookBackArg(1_000 * 8_760)).default(24));
  }
  return options;
}

/** not-checked-since: how the cutoff was computed, on stderr (stdout carries only records). */
function cutoffNote(from: ResolvedDate): string {
  return `note: files whose last fixity check is on or before ${from.text} (${from.how ?? 'the date given by --since'})`;
}

async function runReport(ctx: CliContext, def: ReportDefinition, flags: ReportFlags, cmd: Command): Promise<void> {
  const resource = findResource(def.resource);
  const plan = planOutput(ctx.io, flags, resource.fields, resource.name);
  const now = ctx.clock.now();
  const from = resolveWindow(def, flags, now);
  const args: ReportArgs = { from, hours: flags.hours };
  const globals = globalsOf(cmd);
  const client = await connect(ctx.io, globals);
  try {
    const ops = resource.ops(client);
    // Every crawl is set up (and its filters checked) before the first request.
    const crawls = planCrawls(resource, client, def, args, now, { concurrency: flags.concurrency, paging: flags.paging });
    if (def.window === undefined && from && !globals.quiet) say(ctx.io, cutoffNote(from));
    const mode = progressMode(ctx.io, globals.quiet === true);
    const progress = await startProgress(ctx.io, mode, def.name, ctx.clock);
    let written = 0;
    try {
      for (const crawl of crawls) countInto(progress, mode, ops, crawl.params);
      const sink = await createSink(ctx.io, plan, { single: false, defaultColumns: def.columns, allFields: resource.fields });
      if (merges(def, crawls)) {
        // Disjoint crawls, each in the report's order: merged, the whole report is in it.
        written = await pump(reportRecords(def, crawls), sink, progress);
      } else {
        for (const crawl of crawls) written += await pump(crawl.records, sink, progress, crawl.keep);
      }
      await sink.end();
      progress.done();
    } finally {
      progress.stop();
    }
    if (written === 0 && !globals.quiet) {
      const window = def.window && from ? ` with ${def.window.column} on or after ${from.text}` : '';
      noteEmpty(ctx, plan.format, `${def.name}: nothing to report (no ${resource.name} found${window})`);
    }
  } finally {
    client.close();
  }
}

export function registerReport(program: Command, ctx: CliContext): void {
  const report = program
    .command('report')
    .description(`run a named report over every page: ${REPORTS.map((r) => r.name).join(', ')}; or health (the whole holding on one page)`);
  for (const def of REPORTS) {
    const sub = report.command(def.name).description(def.description);
    for (const option of reportOptions(ctx, def)) sub.addOption(option);
    sub
      .addOption(concurrencyOption())
      .addOption(pagingOption())
      .addOption(formatOption())
      .addOption(excelOption())
      .addOption(fieldsOption());
    sub.action((flags: ReportFlags, cmd: Command) => runReport(ctx, def, flags, cmd));
    const paging =
      def.resource === 'items'
        ? '\nSorted by date_processed, work items are read by offset (--paging auto or offset; windows is refused).'
        : '';
    withHelp(sub, def.examples, `${def.selects}${paging}\n${DATES_NOTE}\n\n${FORMAT_NOTE}`);
  }
  registerHealth(report, ctx);
  withHelp(
    report,
    REPORTS.flatMap((r) => r.examples),
    `Reports read every page and stream their records like \`list --all\`. apt-cmd's reports
(in-process, problems, restorations) and failed-fixity cover the last ${DEFAULT_DAYS} days by default,
newest first, as apt-cmd's do; --since WHEN or --days N sets another window on any report.
${REPORTS.map((r) => `  ${r.name.padEnd(18)} ${r.description}`).join('\n')}
  ${'health'.padEnd(18)} the whole holding on one page (--html FILE) or as numbers (--format json)
${DATES_NOTE}`,
  );
}
