// get <resource> <id|identifier>: one record.
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { fieldsOption, formatOption, integerArg } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { findResource, RESOURCE_NAMES } from '../resources.js';
import type { CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';

interface GetFlags extends FormatFlags {
  userId?: number;
}

/**
 * A string of digits is an id; anything else is an identifier (files, objects, events) or, for
 * numeric-only routes, passed on so the client refuses it by name (exit 2, no request).
 */
function idOf(raw: string): number | string {
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function registerGet(program: Command, ctx: CliContext): void {
  const command = program
    .command('get')
    .description('show one record by id (files, objects and events also by identifier)')
    .argument('<resource>', `one of ${RESOURCE_NAMES.join(', ')}`)
    .argument('<id>', 'numeric id, or an identifier for files/objects/events (e.g. inst.edu/bag/data/x.pdf)')
    .addOption(new Option('--user-id <n>', 'alerts only: your own user id (the Registry wants it in the URL)').argParser(integerArg(1)))
    .addOption(formatOption())
    .addOption(fieldsOption())
    .action(async (resourceName: string, rawId: string, flags: GetFlags, cmd: Command) => {
      const resource = findResource(resourceName);
      const plan = planOutput(ctx.io, flags, resource.detailFields, resource.name);
      if (resource.getKind === 'alert' && flags.userId === undefined) {
        throw new UsageError(
          'get alerts needs --user-id <your user id>',
          'your user id is the user_id column of `aptrust-registry list alerts`',
        );
      }
      if (resource.getKind !== 'alert' && flags.userId !== undefined) throw new UsageError('--user-id only applies to alerts');
      const client = await connect(ctx.io, globalsOf(cmd));
      try {
        const record = (await resource.fetch(client)(idOf(rawId), flags.userId)) as CliRecord;
        const sink = await createSink(ctx.io, plan, {
          single: true,
          defaultColumns: resource.detailFields,
          allFields: resource.detailFields,
        });
        await sink.write(record);
        await sink.end();
      } finally {
        client.close();
      }
    });
  withHelp(
    command,
    [
      'aptrust-registry get items 1234',
      'aptrust-registry get objects institution.edu/my_bag',
      "aptrust-registry get files 'institution.edu/my_bag/data/report 2024.pdf' --format json",
      'aptrust-registry get alerts 17 --user-id 42',
    ],
    FORMAT_NOTE,
  );
}
