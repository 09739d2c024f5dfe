// `list <resource> --all --output FILE [--state STATE]`: an export that is whole or absent, that
// resumes after a kill, and, with --state, whose next run fetches only what changed.
//
// A run writes FILE.partial and renames it to FILE when whole. As it goes, it saves a checkpoint:
// the partial file's bytes made durable (fsync) first, then the state (the crawl's checkpoint,
// those bytes, the ledger), replaced atomically. A kill at any moment leaves a state whose
// checkpoint matches bytes on disk; the same command then cuts the partial file back to them and
// resumes the crawl after the checkpoint's record, so the file comes out byte for byte as an
// uninterrupted run would have written it.
//
// Without --state the state lives beside the partial file (FILE.partial.state) and goes when the
// export completes. With --state it stays, holding the mark (the newest change stamp when the
// run began) and the ledger, and the next run writes to FILE only what is new or changed since.
import { rename } from 'node:fs/promises';
import path from 'node:path';
import type { CrawlCheckpoint } from '../../index.js';
import { canonicalQuery, openLedger, overlapStart, planDelta, readMark } from '../../sync/index.js';
import type { Ledger, RecordTest } from '../../sync/index.js';
import type { CliContext } from '../context.js';
import { say } from '../report-error.js';
import type { CliParams, CliRecord, CliResource } from '../resources.js';
import type { RegistryClient } from '../../index.js';
import { UsageError } from '../usage-error.js';
import { lineFormat } from './line-format.js';
import type { ExportFormat } from './formats.js';
import { asFileError, onFile } from './file-error.js';
import { openPartial, PartialFileMismatch } from './partial-file.js';
import type { PartialFile } from './partial-file.js';
import { describeExport, LEFT_IDS_KEPT, readState, removeState, sameExport, writeState } from './state-file.js';
import type { ExportIdentity, ExportState, RunCounts, RunState } from './state-file.js';
import { formatCount } from '../numbers.js';

export interface ExportOptions {
  output: string;
  state?: string;
  /** Start over: a full run, whatever the state says. */
  full?: boolean;
  format: ExportFormat;
  fields?: readonly string[];
  /** csv for a spreadsheet (--excel): part of what the export is, so a resume must say it too. */
  excel?: boolean;
  concurrency?: number;
  paging?: 'auto' | 'windows' | 'offset';
  /** How often a checkpoint is saved, in milliseconds of ctx.clock. */
  checkpointEveryMs: number;
  /** Told of every record the crawl hands out (progress). */
  onRecord?: () => void;
}

export interface ExportResult {
  kind: 'full' | 'changes';
  /** Records written to the output. */
  records: number;
  counts: RunCounts;
  since?: string;
  resumed: boolean;
}

const now = (ctx: CliContext) => new Date(ctx.clock.now()).toISOString();

const noCounts = (): RunCounts => ({ new: 0, changed: 0, left: 0, unchanged: 0 });

/** Where a stopped run's partial file is to be reopened, or why it cannot be. */
async function reopen(partialPath: string, run: RunState): Promise<PartialFile> {
  try {
    return await onFile('reopen', partialPath, () => openPartial(partialPath, run.bytes));
  } catch (error) {
    if (!(error instanceof PartialFileMismatch)) throw error;
    throw new UsageError(`cannot resume the export: ${error.message}`, 'run the same command with --full to start it over');
  }
}

export async function runExport(
  ctx: CliContext,
  client: RegistryClient,
  resource: CliResource,
  params: CliParams,
  options: ExportOptions,
): Promise<ExportResult> {
  const output = path.resolve(options.output);
  const partialPath = `${output}.partial`;
  const persistent = options.state !== undefined;
  const statePath = persistent ? path.resolve(options.state as string) : `${partialPath}.state`;
  const identity: ExportIdentity = {
    resource: resource.name,
    query: canonicalQuery(params),
    format: options.format,
    ...(options.fields ? { fields: options.fields } : {}),
    ...(options.excel ? { excel: true as const } : {}),
    output,
  };
  const columns = options.fields ?? resource.fields;
  const format = lineFormat(options.format, columns, options.fields, options.excel === true);

  let saved = await readState(statePath);
  if (saved && !sameExport(saved.export, identity)) {
    if (persistent) {
      throw new UsageError(
        `${statePath} is the state of another export (${describeExport(saved.export)})`,
        'give each export its own --state file; remove this one to start the export over',
      );
    }
    say(ctx.io, `note: ${partialPath} was left by another export (${describeExport(saved.export)}); starting over`);
    saved = undefined;
  }
  if (options.full && saved) saved = { version: 1, export: identity };

  // A run killed between its last state and the rename: finish what it had finished.
  if (saved?.run?.finished) {
    const { run } = saved;
    await rename(partialPath, output).catch(() => undefined);
    await complete(saved, run, persistent, statePath, now(ctx));
    return { kind: run.kind, records: run.records, counts: run.counts, since: run.since, resumed: true };
  }

  const spec = resource.changes;
  let run: RunState;
  let file: PartialFile;
  // The test for records that left: a resumed run makes it again from the caller's params, as the run was planned.
  let matches: RecordTest;
  const resumed = saved?.run !== undefined;
  if (saved?.run) {
    run = saved.run;
    matches = planDelta(spec, params, run.since).matches;
    file = await reopen(partialPath, run);
  } else {
    const since = persistent ? saved?.last?.mark : undefined;
    const kind = persistent && saved?.last ? 'changes' : 'full';
    // The mark is read before the crawl: anything changed after it is stamped later, so the next run sees it.
    const mark = persistent ? await readMark(resource.ops(client), spec, params) : undefined;
    const delta = planDelta(spec, params, kind === 'changes' ? since : undefined);
    matches = delta.matches;
    run = {
      kind,
      startedAt: now(ctx),
      params: delta.params,
      ...(mark !== undefined ? { mark } : {}),
      ...(kind === 'changes' && since !== undefined ? { since } : {}),
      bytes: 0,
      records: 0,
      counts: noCounts(),
      left: [],
    };
    file = await onFile('create', partialPath, () => openPartial(partialPath), 'check that the directory exists and is writable');
    await file.write(format.header());
  }
  const ledger: Ledger | undefined = persistent ? openLedger(resource.name, spec, saved?.ledger, overlapStart(spec, run.mark)) : undefined;

  const state: ExportState = { version: 1, export: identity, ...(saved?.last ? { last: saved.last } : {}) };
  const crawl = resource.ops(client).all(run.params, {
    concurrency: options.concurrency,
    paging: options.paging,
    resume: run.checkpoint,
  });
  if (persistent && crawl.checkpoint() === undefined) {
    await file.close();
    throw new UsageError(
      `--state needs a crawl that can resume, and this one pages by offset (${crawl.stats.reason ?? 'its sort'})`,
      'leave out sort=, or sort by the resource’s own time column alone',
    );
  }

  let lastSaved = ctx.clock.now();
  const checkpoint = async () => {
    const position: CrawlCheckpoint | undefined = crawl.checkpoint();
    if (!position) return; // paging by offset (records with no timestamp): nothing to resume from
    run.bytes = await onFile('write', partialPath, () => file.sync());
    run.checkpoint = position;
    state.run = run;
    if (ledger) state.ledger = ledger.toJSON();
    await onFile('write', statePath, () => writeState(statePath, state));
    lastSaved = ctx.clock.now();
  };

  try {
    for await (const record of crawl as AsyncIterable<CliRecord>) {
      options.onRecord?.();
      const verdict = ledger ? ledger.classify(record, matches(record)) : 'new';
      if (verdict === 'new' || verdict === 'changed') {
        await file.write(format.line(record, run.records));
        run.records += 1;
      }
      if (verdict !== 'outside') run.counts[verdict] += 1;
      if (verdict === 'left' && run.left.length < LEFT_IDS_KEPT) run.left.push(record.id as number);
      if (ctx.clock.now() - lastSaved >= options.checkpointEveryMs) await checkpoint();
    }
  } catch (caught) {
    await file.close().catch(() => undefined);
    // A write of the partial file itself (a full disk): named, and resumable like any other stop.
    const error = asFileError(caught, 'write', partialPath);
    const how = !crawl.checkpoint()
      ? 'it cannot be resumed (it pages by offset); run it again to start over'
      : run.checkpoint
        ? `run the same command again to resume after ${formatCount(run.checkpoint.records)} records`
        : 'run the same command again (it stopped before its first checkpoint, so it starts over)';
    say(
      ctx.io,
      `note: the export stopped; ${path.basename(output)} was not written (its part is in ${path.basename(partialPath)}); ${how}`,
    );
    throw error;
  }
  if (ledger) {
    const left = ledger.finish();
    run.counts.left += left.length;
    for (const id of left) if (run.left.length < LEFT_IDS_KEPT) run.left.push(id);
  }
  await onFile('write', partialPath, async () => {
    await file.write(format.footer(run.records));
    run.bytes = await file.sync();
  });
  run.finished = true;
  state.run = run;
  if (ledger) state.ledger = ledger.toJSON();
  await onFile('write', statePath, () => writeState(statePath, state));
  await onFile('rename', partialPath, () => file.finish(output));
  await complete(state, run, persistent, statePath, now(ctx));
  return { kind: run.kind, records: run.records, counts: run.counts, since: run.since, resumed };
}

/** The run is whole and FILE in place: keep it as the last run (with --state), or drop the state. */
async function complete(state: ExportState, run: RunState, persistent: boolean, statePath: string, completedAt: string): Promise<void> {
  if (!persistent) {
    await removeState(statePath);
    return;
  }
  const { run: _done, ...rest } = state;
  void _done;
  await writeState(statePath, {
    ...rest,
    last: {
      kind: run.kind,
      startedAt: run.startedAt,
      completedAt,
      ...(run.mark !== undefined ? { mark: run.mark } : {}),
      ...(run.since !== undefined ? { since: run.since } : {}),
      records: run.records,
      counts: run.counts,
      left: run.left,
    },
  });
}
