// sync --db FILE [resources…]: mirrors resources into an SQLite inventory, incrementally after the
// first run, resumable after a kill (src/sync/engine.ts). better-sqlite3 is loaded by this command
// alone, on its first use (src/sync/sqlite/driver.ts), so nobody else pays for it.
import path from 'node:path';
import { Option } from 'commander';
import type { Command } from 'commander';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { withHelp } from '../help.js';
import { concurrencyOption } from '../options.js';
import { progressMode, startProgress } from '../progress.js';
import { say } from '../report-error.js';
import { findResource, RESOURCE_NAMES } from '../resources.js';
import type { CliRecord, CliParams } from '../resources.js';
import { UsageError } from '../usage-error.js';
import type { ListOperations } from '../../index.js';
import type { SyncOutcome, SyncResource, SyncTarget } from '../../sync/index.js';
import { formatCount } from '../numbers.js';

interface SyncFlags {
  db?: string;
  full?: boolean;
  concurrency?: number;
}

// Every CLI resource has a table in the inventory (test/sync/change-specs.test.ts holds the two lists
// equal), so the names come from the resource table, not a copy of the store's list: loading the
// store's module on every start of the CLI would cost the commands that never sync.
const DEFAULT_RESOURCES: readonly SyncResource[] = ['objects', 'files'];

function targetsOf(names: readonly string[]): SyncResource[] {
  const chosen: SyncResource[] = [];
  for (const name of names.length > 0 ? names : DEFAULT_RESOURCES) {
    const resource = findResource(name);
    if (!chosen.includes(resource.name as SyncResource)) chosen.push(resource.name as SyncResource);
  }
  return chosen;
}

function summary(outcome: SyncOutcome): string {
  const { counts } = outcome;
  const what = `${formatCount(counts.new)} new, ${formatCount(counts.changed)} changed, ${formatCount(counts.left)} left`;
  if (outcome.kind === 'full') return `${what}${outcome.resumed ? ' (resumed)' : ''}`;
  return `${what}, ${formatCount(counts.unchanged)} read again unchanged${outcome.since ? ` since ${outcome.since}` : ''}${outcome.resumed ? ' (resumed)' : ''}`;
}

/** The store's own errors are about the file, not the Registry: usage errors (exit 2) with a hint. */
async function open(file: string) {
  const { openInventory, SqliteUnavailableError, InventorySchemaError } = await import('../../sync/index.js');
  try {
    return await openInventory(file);
  } catch (error) {
    if (error instanceof SqliteUnavailableError) throw new UsageError(error.message);
    if (error instanceof InventorySchemaError)
      throw new UsageError(error.message, 'give --db a new file, or the inventory an earlier sync made');
    throw error;
  }
}

export function registerSync(program: Command, ctx: CliContext): void {
  const command = program
    .command('sync')
    .description('mirror resources into an SQLite database: the first run reads everything, later runs only what changed')
    .argument('[resources...]', `any of ${RESOURCE_NAMES.join(', ')} (default: ${DEFAULT_RESOURCES.join(' ')})`)
    .addOption(new Option('--db <file>', 'the SQLite database (created if absent)').makeOptionMandatory())
    .addOption(new Option('--full', 'read everything again (rows are still compared, so the counts stay true)'))
    .addOption(concurrencyOption())
    .action(async (names: string[], flags: SyncFlags, cmd: Command) => {
      const resources = targetsOf(names);
      const file = path.resolve(flags.db as string);
      const globals = globalsOf(cmd);
      const store = await open(file);
      try {
        const client = await connect(ctx.io, globals);
        const { syncResource } = await import('../../sync/index.js');
        try {
          for (const name of resources) {
            const resource = findResource(name);
            const target: SyncTarget = {
              name,
              changes: resource.changes,
              ops: resource.ops(client) as ListOperations<CliRecord, CliParams>,
            };
            const progress = await startProgress(ctx.io, progressMode(ctx.io, globals.quiet === true), name, ctx.clock);
            try {
              const outcome = await syncResource(store, target, {
                concurrency: flags.concurrency,
                full: flags.full,
                now: () => ctx.clock.now(),
                onRecord: () => progress.increment(),
              });
              progress.done({ note: summary(outcome) });
            } catch (error) {
              if (!globals.quiet) {
                say(
                  ctx.io,
                  `note: the sync of ${name} stopped; what it committed is in ${path.basename(file)}; run the same command again to resume`,
                );
              }
              throw error;
            } finally {
              progress.stop();
            }
          }
        } finally {
          client.close();
        }
      } finally {
        store.close();
      }
    });
  withHelp(
    command,
    [
      'aptrust-registry sync --db inventory.sqlite                 # objects and files',
      'aptrust-registry sync --db inventory.sqlite files events items',
      'sqlite3 inventory.sqlite "SELECT storage_option, SUM(size) FROM files WHERE state = \'A\' GROUP BY 1"',
    ],
    `Each resource is a table keyed by id, with the columns people query and the whole record as JSON.
Records are written in transactions of 1000 with the sync's position, so a sync killed at any
moment leaves the database consistent and the same command resumes it. Later runs read only what
changed: files and objects by updated_at (5 minutes' overlap), events and checksums from the newest
time of the last run less a week (they are recorded late); alerts, deletions and items have no
change filter and are read in full. The summary says what was new, changed and left (files and
objects whose state became D; rows of the others that are gone).`,
  );
}
