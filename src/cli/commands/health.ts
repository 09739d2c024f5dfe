// report health: a member's whole holding on one page (--html FILE), the numbers behind it
// (--format json), or a short summary (the default). Not one of the streaming REPORTS: it runs
// several crawls into aggregators (src/cli/health/crawl.ts) and renders the result once.
import { rm } from 'node:fs/promises';
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { onFile } from '../export/file-error.js';
import { openPartial } from '../export/partial-file.js';
import type { PartialFile } from '../export/partial-file.js';
import { withHelp } from '../help.js';
import { computeHealth, DEFAULT_MAX_ROWS, DEFAULT_WORK_DAYS } from '../health/crawl.js';
import { healthHtml } from '../health/html.js';
import { healthJson } from '../health/json.js';
import { healthText } from '../health/text.js';
import { writeOut } from '../io.js';
import { concurrencyOption, integerArg, lookBackArg } from '../options.js';
import { MAX_DAYS } from '../report-crawl.js';
import { say } from '../report-error.js';
import { DEFAULT_DAYS } from '../reports.js';
import { UsageError } from '../usage-error.js';
import { formatCount } from '../numbers.js';

interface HealthFlags {
  html?: string;
  format?: 'text' | 'json';
  days: number;
  problemDays: number;
  maxRows: number;
  concurrency?: number;
}

const HEALTH_NOTE = `Reads the whole holding, crawl after crawl, each --concurrency pages at a time:
  active files (state A)    size and file count by storage option; days since each file's last
                            fixity check: under 30, 30-59, 60-89, 90-179, 180-364, 365 or more, never
  active objects (state A)  objects and bytes by month of created_at (UTC)
  work items                by date_processed in the last --days days (default ${DEFAULT_WORK_DAYS}), per day
                            (up to 31 days) or week (Monday to Sunday, UTC), by status
  failed fixity checks      exactly report failed-fixity --days N, N = --problem-days (default ${DEFAULT_DAYS})
  open problems             exactly report problems --days N, N = --problem-days
The tables keep the newest --max-rows rows (default ${DEFAULT_MAX_ROWS}); their totals count every one.

--html FILE writes one self-contained page: charts drawn in inline SVG, no script, nothing
fetched (its Content-Security-Policy forbids it), links to the Registry's own pages for each
work item, object, file and event. FILE is written whole or not at all (FILE.partial, then
renamed); - writes the page to stdout.
--format json prints the numbers behind the page (sizes in exact bytes); text (the default
without --html) a short summary.`;

async function removeQuietly(file: string): Promise<void> {
  await rm(file, { force: true }).catch(() => undefined);
}

async function runHealth(ctx: CliContext, flags: HealthFlags, cmd: Command): Promise<void> {
  const toStdout = flags.html === '-';
  if (toStdout && flags.format !== undefined) {
    throw new UsageError('--html - and --format both write to stdout', 'write the page to a file (--html health.html), or drop --format');
  }
  if (flags.html !== undefined && flags.html.trim() === '') throw new UsageError('--html needs a file name', 'e.g. --html health.html');
  const format = flags.format ?? (flags.html === undefined ? 'text' : undefined);
  const globals = globalsOf(cmd);
  const client = await connect(ctx.io, globals);
  const target = toStdout ? undefined : flags.html;
  const partialPath = target === undefined ? undefined : `${target}.partial`;
  let partial: PartialFile | undefined;
  let finished = false;
  try {
    // Opened before the first request: a directory that does not exist fails now, not after an hour's crawl.
    if (partialPath !== undefined) {
      partial = await onFile('create', partialPath, () => openPartial(partialPath), 'check that the directory exists and is writable');
    }
    const report = await computeHealth(
      client,
      { io: ctx.io, clock: ctx.clock, quiet: globals.quiet === true },
      { workDays: flags.days, problemDays: flags.problemDays, maxRows: flags.maxRows, concurrency: flags.concurrency },
    );
    if (flags.html !== undefined) {
      const page = healthHtml(report);
      if (partial && partialPath !== undefined && target !== undefined) {
        const file = partial;
        await onFile('write', partialPath, () => file.write(page));
        await onFile('rename', partialPath, () => file.finish(target));
        finished = true;
        if (!globals.quiet) say(ctx.io, `note: wrote ${target} (${formatCount(Buffer.byteLength(page, 'utf8'))} bytes)`);
      } else {
        await writeOut(ctx.io.stdout, page);
      }
    }
    if (format === 'json') await writeOut(ctx.io.stdout, `${healthJson(report)}\n`);
    else if (format === 'text') await writeOut(ctx.io.stdout, healthText(report));
  } finally {
    if (partial && !finished) {
      // Nothing to resume from (the crawls are aggregates): the half-written file goes, FILE stays as it was.
      await partial.close().catch(() => undefined);
      if (partialPath !== undefined) await removeQuietly(partialPath);
    }
    client.close();
  }
}

export function registerHealth(report: Command, ctx: CliContext): void {
  const command = report
    .command('health')
    .description('the whole holding on one page: storage, ingests, work queue, fixity, open problems (--html FILE, --format json)')
    .addOption(new Option('--html <file>', 'write a self-contained HTML page to FILE (- for stdout)'))
    .addOption(
      new Option('-o, --format <format>', 'stdout: text (a summary; default without --html) or json (the numbers)').choices([
        'text',
        'json',
      ]),
    )
    .addOption(
      new Option('--days <n>', `work-queue window: work items processed in the last N days`)
        .argParser(lookBackArg(MAX_DAYS))
        .default(DEFAULT_WORK_DAYS),
    )
    .addOption(
      new Option('--problem-days <n>', 'window of the failed fixity and problems tables, as report failed-fixity/problems --days N')
        .argParser(lookBackArg(MAX_DAYS))
        .default(DEFAULT_DAYS),
    )
    .addOption(
      new Option('--max-rows <n>', 'rows kept per table (the totals count all)')
        .argParser(integerArg(1, 100_000))
        .default(DEFAULT_MAX_ROWS),
    )
    .addOption(concurrencyOption());
  command.action((flags: HealthFlags, cmd: Command) => runHealth(ctx, flags, cmd));
  withHelp(
    command,
    [
      'aptrust-registry report health --html health.html',
      'aptrust-registry report health --format json > health.json',
      'aptrust-registry report health --days 30 --problem-days 7',
    ],
    HEALTH_NOTE,
  );
}
