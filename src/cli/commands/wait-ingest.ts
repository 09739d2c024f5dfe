// wait-ingest (--name BAG.tar | --etag ETAG): polls the newest Ingest work item for the bag until
// it is done (0), has failed for good (6) or the timeout passes (7). Progress goes to stderr; the
// final work item goes to stdout in the chosen format.
import { Option } from 'commander';
import type { Command } from 'commander';
import type { RegistryClient, RegistryError, WorkItemView } from '../../index.js';
import { connect } from '../connection.js';
import { globalsOf } from '../context.js';
import type { CliContext } from '../context.js';
import { formatElapsed, parseDuration } from '../duration.js';
import { EXIT, exitCodeForErrorCode } from '../exit-codes.js';
import { FIELDS } from '../fields.js';
import { FORMAT_NOTE, withHelp } from '../help.js';
import { judgeIngest } from '../ingest-state.js';
import { isRegistryError } from '../registry-error.js';
import type { IngestVerdict } from '../ingest-state.js';
import type { ResolvedDate } from '../dates.js';
import { fieldsOption, formatOption, sinceArg } from '../options.js';
import { createSink, planOutput } from '../output/choose.js';
import type { FormatFlags, OutputPlan } from '../output/choose.js';
import { say } from '../report-error.js';
import type { CliRecord } from '../resources.js';
import { UsageError } from '../usage-error.js';

interface WaitFlags extends FormatFlags {
  name?: string;
  etag?: string;
  since?: ResolvedDate;
  timeout: string;
  interval: string;
}

/** Repeat an unchanged state line this often, so a CI log shows the job is alive. */
const HEARTBEAT_MS = 5 * 60_000;

async function newestIngest(
  client: RegistryClient,
  flags: WaitFlags,
  since: number | undefined,
  signal: AbortSignal,
): Promise<WorkItemView | undefined> {
  // Newest first by id: after a re-upload of the same name, the latest item is the one to watch.
  const page = await client.workItems.list(
    { action: 'Ingest', name: flags.name, etag: flags.etag, sort: ['id__desc'], per_page: 1 },
    { signal },
  );
  const item = page.results[0];
  if (item && since !== undefined && Date.parse(item.created_at) < since) return undefined;
  return item;
}

async function printItem(ctx: CliContext, plan: OutputPlan, item: WorkItemView): Promise<void> {
  const sink = await createSink(ctx.io, plan, { single: true, defaultColumns: FIELDS.workItem, allFields: FIELDS.workItem });
  await sink.write(item as unknown as CliRecord);
  await sink.end();
}

export function registerWaitIngest(program: Command, ctx: CliContext): void {
  const command = program
    .command('wait-ingest')
    .description("wait for a bag's ingest to finish; exit 0 when done, 6 when it failed, 7 on timeout")
    .option('--name <bag>', 'the uploaded tar file name, e.g. my_bag.tar')
    .option('--etag <etag>', "the upload's S3 ETag (exact: tells re-uploads of the same name apart)")
    .addOption(
      new Option(
        '--since <when>',
        'ignore work items created before this (e.g. an earlier upload of the same name): a date, or a time ago such as 2h or 30m',
      ).argParser(sinceArg(ctx.clock, { durations: true })),
    )
    .addOption(new Option('--timeout <duration>', 'give up after this long (ms, s, m, h)').default('60m'))
    .addOption(new Option('--interval <duration>', 'time between polls').default('30s'))
    .addOption(formatOption())
    .addOption(fieldsOption())
    .action(async (flags: WaitFlags, cmd: Command) => {
      if (flags.name === undefined && flags.etag === undefined) throw new UsageError('wait-ingest needs --name BAG.tar or --etag ETAG');
      const timeoutMs = parseDuration('--timeout', flags.timeout);
      const intervalMs = parseDuration('--interval', flags.interval);
      // Date-only and zone-less times are UTC, as the Registry stores them; 2h is two hours before the start.
      const since = flags.since?.time;
      const plan = planOutput(ctx.io, flags, FIELDS.workItem, 'items');
      const globals = globalsOf(cmd);
      const bag = flags.name ?? `etag ${flags.etag}`;
      const progress = (text: string) => {
        if (!globals.quiet) say(ctx.io, text);
      };
      const client = await connect(ctx.io, globals);
      const { clock } = ctx;
      const started = clock.now();
      const deadline = clock.deadline(timeoutMs);
      let last: { state: string; at: number } | undefined;
      let lastError: RegistryError | undefined;
      const warned = new Set<string>();
      try {
        while (!deadline.signal.aborted) {
          let verdict: IngestVerdict | undefined;
          let item: WorkItemView | undefined;
          try {
            item = await newestIngest(client, flags, since, deadline.signal);
            verdict = judgeIngest(item);
            lastError = undefined;
          } catch (error) {
            if (deadline.signal.aborted) break;
            // A long wait should survive a 502 or a dropped connection; anything else is final.
            if (!isRegistryError(error) || exitCodeForErrorCode(error.code) !== EXIT.server) throw error;
            // Said once per distinct failure, not on every poll of an outage or a flapping server.
            if (!warned.has(error.message)) progress(`warning: ${error.message}; will keep trying until the timeout`);
            warned.add(error.message);
            lastError = error;
          }
          const now = clock.now();
          if (verdict && item && verdict.kind !== 'waiting') {
            await printItem(ctx, plan, item);
            if (verdict.kind === 'done') {
              progress(`${bag}: ingested (${verdict.state}) after ${formatElapsed(now - started)}`);
              return;
            }
            say(ctx.io, `${bag}: ingest failed: ${verdict.state}`);
            ctx.exitCode = EXIT.ingestFailed;
            return;
          }
          if (verdict && (last?.state !== verdict.state || now - last.at >= HEARTBEAT_MS)) {
            progress(`[${formatElapsed(now - started)}] ${bag}: ${verdict.state}`);
            last = { state: verdict.state, at: now };
          }
          await clock.sleep(intervalMs, deadline.signal);
        }
        if (lastError) throw lastError; // unreachable to the end: that, not the ingest, is the problem
        say(ctx.io, `${bag}: timed out after ${formatElapsed(clock.now() - started)}; last seen: ${last?.state ?? 'nothing yet'}`);
        ctx.exitCode = EXIT.timedOut;
      } finally {
        deadline.clear();
        client.close();
      }
    });
  withHelp(
    command,
    [
      'aptrust-registry wait-ingest --name my_bag.tar',
      'aptrust-registry wait-ingest --etag 5d41402abc4b2a76b9719d911017c592 --timeout 2h --interval 1m',
      'aptrust-registry wait-ingest --name my_bag.tar --format json > ingest-result.json || echo "exit $?"',
    ],
    `Done means stage Cleanup with status Success. Failed with retry=true keeps waiting (the Registry
retries it); Failed without retry, Cancelled or Suspended ends with exit 6. A bag can take up to
15 minutes to appear after upload, so "not found" keeps waiting until --timeout (exit 7).
Server errors and network failures while waiting are retried until the timeout (then exit 5).
With --name only, the newest Ingest item of that name counts: after re-uploading a bag under
the same name, use --etag or --since so an earlier ingest is not mistaken for this one.
Durations: 1500ms, 30s, 5m, 1h (a bare number is seconds).
--since takes a date (2024-05-01T12:00:00Z; UTC unless an offset is given) or a time ago:
1500ms, 30s, 90m, 2h, 1d, 2w, today or yesterday (midnight UTC), e.g. --since 2h for a bag
uploaded in the last two hours.

${FORMAT_NOTE}`,
  );
}
