// count <resource> [name=value …]: the Registry's count of matching records, from one request
// (per_page=1), without reading the records.
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { filtersOf } from '../filters.js';
import { withHelp } from '../help.js';
import { writeOut } from '../io.js';
import { say } from '../report-error.js';
import { findResource, RESOURCE_HELP } from '../resources.js';
import type { CliParams } from '../resources.js';
import { UsageError } from '../usage-error.js';

/**
 * Where the Registry counts from a materialised view, refreshed by a cron job (about hourly),
 * instead of counting rows: a list filtered by nothing but these columns (the server adds
 * institution_id for a member), with no __in filter. Any other filter is counted live.
 * (registry pgmodels/counts.go: *CountFilters and CanCountFromView.)
 */
const VIEW_COUNTED: Record<string, readonly string[]> = {
  events: ['institution_id', 'event_type', 'outcome'],
  files: ['institution_id', 'state'],
  items: ['institution_id', 'action'],
  objects: ['institution_id', 'state'],
};

/** Whether the Registry may answer this count from its hourly snapshot. */
export function countMayBeStale(resource: string, params: CliParams): boolean {
  const columns = VIEW_COUNTED[resource];
  return columns !== undefined && Object.keys(params).every((name) => columns.includes(name));
}

interface CountFlags {
  format?: 'text' | 'json' | 'ndjson';
}

export function registerCount(program: Command, ctx: CliContext): void {
  const command = program
    .command('count')
    .description('print how many records match, from one request (the Registry counts; no records are read)')
    .argument('<resource>', RESOURCE_HELP)
    .argument('[filters...]', 'name=value, as for list (dates may be relative: date_processed__gteq=30d)')
    .addOption(
      new Option('--format <format>', 'text: the number alone (default); json or ndjson: {"count": N}').choices(['text', 'json', 'ndjson']),
    )
    .action(async (resourceName: string, filterArgs: string[], flags: CountFlags, cmd: Command) => {
      const resource = findResource(resourceName);
      const params = filtersOf(filterArgs, ctx.clock.now());
      for (const name of ['page', 'per_page']) {
        if (name in params)
          throw new UsageError(`count takes no ${name}=`, 'count reads no pages: it asks for one record and prints the count');
      }
      // The order does not change a count; it is dropped, so sort=… from a list command works here too.
      const { sort: _sort, ...filters } = params;
      const globals = globalsOf(cmd);
      const client = await connect(ctx.io, globals);
      try {
        const page = await resource.ops(client).list({ ...filters, per_page: 1 });
        const text = flags.format === 'json' || flags.format === 'ndjson' ? JSON.stringify({ count: page.count }) : String(page.count);
        await writeOut(ctx.io.stdout, `${text}\n`);
        if (!globals.quiet && countMayBeStale(resource.name, filters)) {
          say(
            ctx.io,
            `note: the Registry counts an unfiltered list (or one filtered only by ${VIEW_COUNTED[resource.name].filter((c) => c !== 'institution_id').join(' or ')}) from a summary refreshed about hourly, so this count can be out of date; other filters are counted live`,
          );
        }
      } finally {
        client.close();
      }
    });
  withHelp(
    command,
    [
      'aptrust-registry count items status=Failed date_processed__gteq=30d',
      'aptrust-registry count files state=A',
      'aptrust-registry count events event_type="fixity check" outcome=Failure date_time__gteq=7d --format json',
    ],
    `One request (per_page=1): the count field of the Registry's answer, on stdout as a plain number,
or {"count": N} with --format json. Filters are those of list, date filters relative or not.
The Registry counts lists of events, files, items and objects that are unfiltered or filtered only
by event_type/outcome (events), state (files, objects) or action (items) from a summary refreshed
about hourly: such a count can be out of date (it has said 18 while 200,000 files existed), and a
note on stderr says so. Every other filter (a date, a status, an __in list) is counted live.`,
  );
}
