// report <name>: a named, filtered crawl over every page, streamed like `list --all`.
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { concurrencyOption, pagingOption, dateArg, excelOption, fieldsOption, formatOption, lookBackArg } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { progressMode, startProgress } from '../progress.js';
import { countInto, pump } from '../pump.js';
import { noteEmpty } from '../notes.js';
import { REPORTS } from '../reports.js';
import type { ReportArgs, ReportDefinition } from '../reports.js';
import { findResource } from '../resources.js';
import type { CliRecord } from '../resources.js';

interface ReportFlags extends FormatFlags, ReportArgs {
  concurrency?: number;
  paging?: 'auto' | 'windows' | 'offset';
}

/** Only the option a report uses is offered on it, so `report problems --days 3` is a usage error. */
function reportOptions(def: ReportDefinition): Option[] {
  switch (def.name) {
    case 'failed-fixity':
      return [new Option('--since <date>', 'only checks on or after this date (e.g. 2024-05-01)').argParser(dateArg)];
    case 'stalled':
      return [new Option('--hours <n>', 'not updated for at least this many hours').argParser(lookBackArg(1_000 * 8_760)).default(24)];
    case 'not-checked-since':
      return [
        new Option('--days <n>', 'last fixity check at least this many days ago').argParser(lookBackArg(1_000 * 365)).makeOptionMandatory(),
      ];
    default:
      return [];
  }
}

async function runReport(ctx: CliContext, def: ReportDefinition, flags: ReportFlags, cmd: Command): Promise<void> {
  const resource = findResource(def.resource);
  const plan = planOutput(ctx.io, flags, resource.fields, resource.name);
  const globals = globalsOf(cmd);
  const client = await connect(ctx.io, globals);
  try {
    const ops = resource.ops(client);
    // Every crawl is set up (and its filters checked) before the first request.
    const crawls = def.queries(flags, new Date()).map((q) => ({
      ...q,
      records: ops.all(q.params, { concurrency: flags.concurrency, paging: flags.paging }) as AsyncIterable<CliRecord>,
    }));
    const mode = progressMode(ctx.io, globals.quiet === true);
    const progress = await startProgress(ctx.io, mode, def.name, ctx.clock);
    let written = 0;
    try {
      for (const crawl of crawls) countInto(progress, mode, ops, crawl.params);
      const sink = await createSink(ctx.io, plan, { single: false, defaultColumns: def.columns, allFields: resource.fields });
      for (const crawl of crawls) written += await pump(crawl.records, sink, progress, crawl.keep);
      await sink.end();
      progress.done();
    } finally {
      progress.stop();
    }
    if (written === 0 && !globals.quiet) noteEmpty(ctx, plan.format, `${def.name}: nothing to report (no ${resource.name} found)`);
  } finally {
    client.close();
  }
}

export function registerReport(program: Command, ctx: CliContext): void {
  const report = program.command('report').description('run a named report over every page: ' + REPORTS.map((r) => r.name).join(', '));
  for (const def of REPORTS) {
    const sub = report.command(def.name).description(def.description);
    for (const option of reportOptions(def)) sub.addOption(option);
    sub
      .addOption(concurrencyOption())
      .addOption(pagingOption())
      .addOption(formatOption())
      .addOption(excelOption())
      .addOption(fieldsOption());
    sub.action((flags: ReportFlags, cmd: Command) => runReport(ctx, def, flags, cmd));
    withHelp(sub, def.examples, FORMAT_NOTE);
  }
  withHelp(
    report,
    REPORTS.flatMap((r) => r.examples),
    'Reports read every page and stream their records like `list --all`.',
  );
}
