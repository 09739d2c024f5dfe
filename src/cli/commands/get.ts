// get <resource> <id|identifier>: one record (also as apt-cmd's id=N / identifier=X).
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { excelOption, fieldsOption, formatOption, integerArg } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags } from '../output/choose.js';
import { recordKeyOf } from '../record-key.js';
import { findResource, RESOURCE_HELP } from '../resources.js';
import type { CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';

interface GetFlags extends FormatFlags {
  userId?: number;
}

export function registerGet(program: Command, ctx: CliContext): void {
  const command = program
    .command('get')
    .description('show one record by id (files, objects and events also by identifier)')
    .argument('<resource>', RESOURCE_HELP)
    .argument('<id>', 'numeric id, or an identifier for files/objects/events (e.g. inst.edu/bag/data/x.pdf); also as id=N or identifier=X')
    // Extra words are ours to explain (both id= and identifier=, an unquoted identifier with spaces).
    .allowExcessArguments()
    .addOption(new Option('--user-id <n>', 'alerts only: your own user id (the Registry wants it in the URL)').argParser(integerArg(1)))
    .addOption(formatOption())
    .addOption(excelOption())
    .addOption(fieldsOption())
    .action(async (resourceName: string, _id: string, flags: GetFlags, cmd: Command) => {
      const resource = findResource(resourceName);
      const key = recordKeyOf(resource, cmd.args.slice(1));
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
        const record = (await resource.fetch(client)(key, flags.userId)) as CliRecord;
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
      'aptrust-registry get object identifier=institution.edu/my_bag   # apt-cmd style: singular, identifier=',
      'aptrust-registry get workitem id=1234',
      "aptrust-registry get files 'institution.edu/my_bag/data/report 2024.pdf' --format json",
      'aptrust-registry get alerts 17 --user-id 42',
    ],
    FORMAT_NOTE,
  );
}
