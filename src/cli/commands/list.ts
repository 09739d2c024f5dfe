// list <resource> [name=value …]: one page (default) or every page (--all), streamed to stdout.
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { progressEnabled } from '../io.js';
import { concurrencyOption, pagingOption, fieldsOption, formatOption } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { countInto, pump } from '../pump.js';
import { filtersOf } from '../filters.js';
import { startProgress } from '../progress.js';
import { noteEmpty, noteMore } from '../notes.js';
import { findResource, RESOURCE_HELP } from '../resources.js';
import type { CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';

interface ListFlags extends FormatFlags {
  all?: boolean;
  concurrency?: number;
  paging?: 'auto' | 'windows' | 'offset';
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
    .addOption(fieldsOption())
    .action(async (resourceName: string, filterArgs: string[], flags: ListFlags, cmd: Command) => {
      const resource = findResource(resourceName);
      const params = filtersOf(filterArgs);
      const plan = planOutput(ctx.io, flags, resource.fields, resource.name);
      if (flags.concurrency !== undefined && !flags.all) throw new UsageError('--concurrency only applies with --all');
      if (flags.paging !== undefined && !flags.all) throw new UsageError('--paging only applies with --all');
      const globals = globalsOf(cmd);
      const client = await connect(ctx.io, globals);
      try {
        const ops = resource.ops(client);
        const shape = { single: false, defaultColumns: resource.columns, allFields: resource.fields };
        if (!flags.all) {
          const page = await ops.list(params);
          const sink = await createSink(ctx.io, plan, shape);
          for (const record of page.results) await sink.write(record);
          await sink.end();
          if (globals.quiet) return;
          noteMore(ctx, params, page.results.length, page.count);
          if (page.results.length === 0) noteEmpty(ctx, plan.format, emptyNote(resource.name, params.page));
          return;
        }
        // all() checks the params synchronously, so a bad filter fails here, before any request.
        const records = ops.all(params, { concurrency: flags.concurrency, paging: flags.paging }) as AsyncIterable<CliRecord>;
        const showBar = progressEnabled(ctx.io, globals.quiet === true);
        const progress = await startProgress(ctx.io, showBar, resource.name);
        let written: number;
        try {
          countInto(progress, showBar, ops, params);
          const sink = await createSink(ctx.io, plan, shape);
          written = await pump(records, sink, progress);
          await sink.end();
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
      'aptrust-registry list files intellectual_object_id=42 --all --fields id,identifier,size',
      'aptrust-registry list file sort=identifier   # apt-cmd style: singular names, plain sort columns',
      'aptrust-registry list events event_type="fixity check" outcome=Failure date_time__gteq=2024-01-01',
    ],
    `Without --all one page is shown (per_page=20 unless given); when that page is full, a note on
stderr says more may follow (the Registry's count is shown only as a hint: it can be out of date).
With --format json that page is printed as an array of records (not the page envelope), the same
shape as with --all, so scripts need not care which they got. Nothing found is exit 0: [] in json,
no lines in ndjson, the header line alone in csv, and a "no … found" note on stderr for a table.
Unknown filter names, sorts and bad values are refused before any request (exit 2); sort takes
column__asc or column__desc for the columns the Registry can sort by (sort=column alone: ascending).

${FORMAT_NOTE}`,
  );
}
