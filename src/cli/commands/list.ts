// list <resource> [name=value …]: one page (default) or every page (--all), streamed to stdout.
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { concurrencyOption, excelOption, integerArg, pagingOption, fieldsOption, formatOption } from '../options.js';
import { EXPORT_FORMATS, formatForFile } from '../export/formats.js';
import type { ExportFormat } from '../export/formats.js';
import type { ExportResult } from '../export/run-export.js';
import { createSink, planOutput } from '../output/choose.js';
import { writeJsonPage } from '../output/json-page.js';
import type { FormatFlags } from '../output/choose.js';
import { countInto, pump } from '../pump.js';
import { filtersOf } from '../filters.js';
import { progressMode, startProgress } from '../progress.js';
import { noteEmpty, noteMore } from '../notes.js';
import { findResource, RESOURCE_HELP } from '../resources.js';
import type { CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';
import { formatCount } from '../numbers.js';

interface ListFlags extends FormatFlags {
  all?: boolean;
  concurrency?: number;
  paging?: 'auto' | 'windows' | 'offset';
  output?: string;
  state?: string;
  full?: boolean;
  checkpointInterval?: number;
}

/** Checks the export flags before anything is sent. */
function exportFormat(flags: ListFlags): ExportFormat | undefined {
  if (flags.output === undefined) {
    if (flags.state !== undefined)
      throw new UsageError('--state needs --output FILE', 'only a file can be resumed exactly: add --output FILE');
    if (flags.full) throw new UsageError('--full only applies with --output and --state');
    return undefined;
  }
  if (!flags.all) throw new UsageError('--output only applies with --all', 'add --all to export every record to the file');
  if (flags.output.trim() === '') throw new UsageError('--output is empty');
  const format = flags.format ?? formatForFile(flags.output);
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--output writes ${EXPORT_FORMATS.join(', ')}, not ${format}`, 'a table is for a terminal; use --format csv');
  }
  return format as ExportFormat;
}

function exportNote(resource: string, output: string, result: ExportResult): string {
  const file = path.basename(output);
  if (result.kind === 'full') return `${formatCount(result.records)} written to ${file}${result.resumed ? ' (resumed)' : ''}`;
  const { counts } = result;
  const since = result.since ? ` since ${result.since}` : '';
  return `${formatCount(counts.new)} new, ${formatCount(counts.changed)} changed, ${formatCount(counts.left)} left${since}: ${formatCount(result.records)} written to ${file}`;
}

/** A page past the end is empty too; say which page, so it is not read as "there are none". */
function emptyNote(resource: string, page: unknown): string {
  return page === undefined || Number(page) === 1 ? `no ${resource} found` : `no ${resource} on page ${String(page)}`;
}

export function registerList(program: Command, ctx: CliContext): void {
  const command = program
    .command('list')
    .description("list records of a resource, filtered with the Registry's own query names")
    .argument('<resource>', RESOURCE_HELP)
    .argument('[filters...]', 'name=value; repeat a name for __in filters and sort; page=, per_page=, sort= too')
    .option('--all', 'read every page (exactly once each record), streaming')
    .addOption(concurrencyOption())
    .addOption(pagingOption())
    .addOption(formatOption())
    .addOption(excelOption())
    .addOption(fieldsOption())
    .addOption(new Option('--output <file>', 'with --all: write to FILE (via FILE.partial, renamed when whole); a killed export resumes'))
    .addOption(
      new Option('--state <file>', 'with --output: keep progress and what was exported here; the next run writes only what changed'),
    )
    .addOption(new Option('--full', 'with --state: export everything again, not only what changed'))
    .addOption(
      new Option('--checkpoint-interval <ms>', 'how often an export saves its progress').argParser(integerArg(0)).default(2000).hideHelp(),
    )
    .action(async (resourceName: string, filterArgs: string[], flags: ListFlags, cmd: Command) => {
      const resource = findResource(resourceName);
      const params = filtersOf(filterArgs, ctx.clock.now());
      const exporting = exportFormat(flags);
      const plan = planOutput(ctx.io, { ...flags, format: exporting ?? flags.format }, resource.fields, resource.name);
      if (flags.concurrency !== undefined && !flags.all) throw new UsageError('--concurrency only applies with --all');
      if (flags.paging !== undefined && !flags.all) throw new UsageError('--paging only applies with --all');
      const globals = globalsOf(cmd);
      const client = await connect(ctx.io, globals);
      try {
        const ops = resource.ops(client);
        const shape = { single: false, defaultColumns: resource.columns, allFields: resource.fields };
        if (!flags.all) {
          const page = await ops.list(params);
          if (plan.format === 'json') {
            await writeJsonPage(ctx.io.stdout, page, plan.fields);
          } else {
            const sink = await createSink(ctx.io, plan, shape);
            for (const record of page.results) await sink.write(record);
            await sink.end();
          }
          if (globals.quiet) return;
          noteMore(ctx, params, page.results.length, page.count);
          if (page.results.length === 0) noteEmpty(ctx, plan.format, emptyNote(resource.name, params.page));
          return;
        }
        if (exporting) {
          const mode = progressMode(ctx.io, globals.quiet === true);
          const progress = await startProgress(ctx.io, mode, resource.name, ctx.clock);
          try {
            // Loaded only for an export: the sync layer and csv-stringify's sync API stay out of every other start.
            const { runExport } = await import('../export/run-export.js');
            const result = await runExport(ctx, client, resource, params, {
              output: flags.output as string,
              state: flags.state,
              full: flags.full,
              format: exporting,
              fields: plan.fields,
              excel: plan.excel,
              concurrency: flags.concurrency,
              paging: flags.paging,
              checkpointEveryMs: flags.checkpointInterval ?? 2000,
              onRecord: () => progress.increment(),
            });
            progress.done({ note: exportNote(resource.name, flags.output as string, result) });
          } finally {
            progress.stop();
          }
          return;
        }
        // all() checks the params synchronously, so a bad filter fails here, before any request.
        const records = ops.all(params, { concurrency: flags.concurrency, paging: flags.paging }) as AsyncIterable<CliRecord>;
        const mode = progressMode(ctx.io, globals.quiet === true);
        const progress = await startProgress(ctx.io, mode, resource.name, ctx.clock);
        let written: number;
        try {
          countInto(progress, mode, ops, params);
          const sink = await createSink(ctx.io, plan, shape);
          written = await pump(records, sink, progress);
          await sink.end();
          progress.done();
        } finally {
          progress.stop();
        }
        if (written === 0 && !globals.quiet) noteEmpty(ctx, plan.format, `no ${resource.name} found`);
      } finally {
        client.close();
      }
    });
  withHelp(
    command,
    [
      'aptrust-registry list items status=Failed',
      'aptrust-registry list items status__in=Failed status__in=Cancelled sort=updated_at__desc',
      'aptrust-registry list objects --all --format csv > objects.csv',
      'aptrust-registry list files --all --output files.csv            # whole or absent; run again to resume',
      'aptrust-registry list files --all state=A --output files.csv --state files.state   # next run: only changes',
      'aptrust-registry list files intellectual_object_id=42 --all --fields id,identifier,size',
      'aptrust-registry list file sort=identifier   # apt-cmd style: singular names, plain sort columns',
      'aptrust-registry list events event_type="fixity check" outcome=Failure date_time__gteq=2024-01-01',
    ],
    `Without --all one page is shown (per_page=20 unless given); when that page is full, a note on
stderr says more may follow (the Registry's count is shown only as a hint: it can be out of date).
With --format json that page is printed as the Registry's envelope, {"count": N, "next": …,
"previous": …, "results": [records]}, so the count is kept; --all prints the array of records alone.
Date filters (…__gteq, …__lteq) take a date or a time ago: date_processed__gteq=30d, 12h, 2w,
today, yesterday (midnight UTC); see \`report --help\`. Nothing found is exit 0: [] in json (--all),
no lines in ndjson, the header line alone in csv, and a "no … found" note on stderr for a table.
Unknown filter names, sorts and bad values are refused before any request (exit 2); sort takes
column__asc or column__desc for the columns the Registry can sort by (sort=column alone: ascending).

--output FILE writes FILE.partial and renames it when whole; a failed or killed export is resumed
by the same command, to the bytes an uninterrupted one writes (csv, json or ndjson, from the name
unless --format says). With --state STATE the next run writes only what is new or changed since
the last (files and objects by updated_at, events and checksums by their time less a week, the
rest read in full and compared) and reports what left the filters; --full exports all again.

${FORMAT_NOTE}`,
  );
}
