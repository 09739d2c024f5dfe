// list <resource> [name=value …]: one page (default) or every page (--all), streamed to stdout.
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { progressEnabled } from '../io.js';
import { concurrencyOption, fieldsOption, formatOption } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { countInto, pump } from '../pump.js';
import { filtersOf } from '../filters.js';
import { startProgress } from '../progress.js';
import { say } from '../report-error.js';
import { findResource, RESOURCE_NAMES } from '../resources.js';
import type { CliParams, CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';

interface ListFlags extends FormatFlags {
  all?: boolean;
  concurrency?: number;
}

/** Without --all, says on stderr that there is more, so nobody mistakes page 1 for everything (apt-cmd's bug). */
function noteMore(ctx: CliContext, params: CliParams, shown: number, count: number): void {
  const page = Number(params.page ?? 1);
  const perPage = Number(params.per_page ?? 20);
  const upTo = (page - 1) * perPage + shown;
  if (count > upTo) say(ctx.io, `note: showed ${shown} of ${count} records (page ${page}); add --all for every page`);
}

export function registerList(program: Command, ctx: CliContext): void {
  const command = program
    .command('list')
    .description("list records of a resource, filtered with the Registry's own query names")
    .argument('<resource>', `one of ${RESOURCE_NAMES.join(', ')} (workitems = items)`)
    .argument('[filters...]', 'name=value; repeat a name for __in filters and sort; page=, per_page=, sort= too')
    .option('--all', 'read every page (exactly once each record), streaming')
    .addOption(concurrencyOption())
    .addOption(formatOption())
    .addOption(fieldsOption())
    .action(async (resourceName: string, filterArgs: string[], flags: ListFlags, cmd: Command) => {
      const resource = findResource(resourceName);
      const params = filtersOf(filterArgs);
      const plan = planOutput(ctx.io, flags, resource.fields, resource.name);
      if (flags.concurrency !== undefined && !flags.all) throw new UsageError('--concurrency only applies with --all');
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
          if (!globals.quiet) noteMore(ctx, params, page.results.length, page.count);
          return;
        }
        // all() checks the params synchronously, so a bad filter fails here, before any request.
        const records = ops.all(params, { concurrency: flags.concurrency }) as AsyncIterable<CliRecord>;
        const showBar = progressEnabled(ctx.io, globals.quiet === true);
        const progress = await startProgress(ctx.io, showBar, resource.name);
        try {
          countInto(progress, showBar, ops, params);
          const sink = await createSink(ctx.io, plan, shape);
          await pump(records, sink, progress);
          await sink.end();
        } finally {
          progress.stop();
        }
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
      'aptrust-registry list events event_type="fixity check" outcome=Failure date_time__gteq=2024-01-01',
    ],
    `Without --all one page is shown (per_page=20 unless given) and a note on stderr says when there
are more. With --format json that page is printed as an array of records (not the page envelope),
the same shape as with --all, so scripts need not care which they got. Unknown filter names and
bad values are refused before any request (exit 2).

${FORMAT_NOTE}`,
  );
}
