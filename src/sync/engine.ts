// The sync: each resource mirrored into the inventory store, a batch of records at a time, each
// batch committed with the crawl's checkpoint in one transaction. A sync killed at any moment
// leaves rows and checkpoint in agreement, and the next one resumes after the last committed
// record. A resource synced before is read incrementally (spec.ts): from the mark its last sync
// took as it began, less the overlap; the store compares each record with its row (updated_at, or
// a fingerprint) and counts it new, changed, unchanged or left.
import { createIdSet } from '../crawl/id-set.js';
import type { CrawlCheckpoint, ListOperations } from '../index.js';
import { planDelta, readMark } from './delta.js';
import type { ChangeSpec } from './spec.js';
import type { BatchCounts, InventoryStore, SyncResource } from './sqlite/store.js';

type Record_ = Record<string, unknown>;

export interface SyncTarget {
  name: SyncResource;
  changes: ChangeSpec;
  ops: ListOperations<Record_, Record_>;
}

/** What the store keeps for a resource between syncs, and during one. */
export interface SyncState {
  version: 1;
  run?: {
    kind: 'full' | 'changes';
    startedAt: string;
    params: Record_;
    mark?: string;
    since?: string;
    checkpoint?: CrawlCheckpoint;
    counts: BatchCounts;
    /** Resources read in full: the ids seen so far, to remove the rows of the others at the end. */
    seen?: Record<string, string>;
  };
  last?: { kind: 'full' | 'changes'; startedAt: string; completedAt: string; mark?: string; since?: string; counts: BatchCounts };
}

export interface SyncOptions {
  concurrency?: number;
  /** Records per transaction. Default 1000. */
  batchSize?: number;
  /** Full: read everything again (the rows are compared all the same). */
  full?: boolean;
  now?: () => number;
  onRecord?: () => void;
}

export interface SyncOutcome {
  resource: SyncResource;
  kind: 'full' | 'changes';
  since?: string;
  counts: BatchCounts;
  resumed: boolean;
}

const zero = (): BatchCounts => ({ new: 0, changed: 0, unchanged: 0, left: 0 });

function sum(a: BatchCounts, b: BatchCounts): BatchCounts {
  return { new: a.new + b.new, changed: a.changed + b.changed, unchanged: a.unchanged + b.unchanged, left: a.left + b.left };
}

/** Syncs one resource into the store; resumes a run a kill stopped. */
export async function syncResource(store: InventoryStore, target: SyncTarget, options: SyncOptions = {}): Promise<SyncOutcome> {
  const now = () => new Date((options.now ?? Date.now)()).toISOString();
  const batchSize = options.batchSize ?? 1000;
  const saved = store.readState(target.name) as SyncState | undefined;
  const resumed = saved?.run !== undefined && !options.full;
  let run: NonNullable<SyncState['run']>;
  if (resumed) {
    run = (saved as SyncState).run as NonNullable<SyncState['run']>;
  } else {
    const since = options.full ? undefined : saved?.last?.mark;
    const mark = await readMark(target.ops, target.changes, {});
    run = {
      kind: saved?.last && !options.full ? 'changes' : 'full',
      startedAt: now(),
      params: planDelta(target.changes, {}, since).params,
      ...(mark !== undefined ? { mark } : {}),
      ...(since !== undefined ? { since } : {}),
      counts: zero(),
    };
  }
  const full = target.changes.kind === 'full';
  const seen = full ? createIdSet(target.name, run.seen) : undefined;
  const state = (counts: BatchCounts): SyncState => ({
    version: 1,
    run: { ...run, counts, ...(seen ? { seen: seen.toJSON() } : {}) },
    ...(saved?.last ? { last: saved.last } : {}),
  });
  const crawl = target.ops.all(run.params, { concurrency: options.concurrency, resume: run.checkpoint });
  let batch: Record_[] = [];
  // The run's counts are saved with the batch that makes them, in its transaction: a sync killed
  // between two batches resumes with counts that agree with the rows.
  const commit = () => {
    run.checkpoint = crawl.checkpoint();
    let total = run.counts;
    store.applyBatch(target.name, batch, (counts: BatchCounts) => {
      total = sum(run.counts, counts);
      return state(total);
    });
    run.counts = total;
    batch = [];
  };
  for await (const record of crawl) {
    options.onRecord?.();
    seen?.add(record.id as number);
    batch.push(record);
    if (batch.length >= batchSize) commit();
  }
  if (batch.length > 0) commit();
  const last: NonNullable<SyncState['last']> = {
    kind: run.kind,
    startedAt: run.startedAt,
    completedAt: now(),
    ...(run.mark !== undefined ? { mark: run.mark } : {}),
    ...(run.since !== undefined ? { since: run.since } : {}),
    counts: run.counts,
  };
  if (seen) {
    // Read in full: a row whose record was not seen is gone from the Registry (or from what we may see).
    const removed = store.removeMissing(
      target.name,
      (id) => seen.has(id),
      (n: number) => ({ version: 1, last: { ...last, counts: { ...run.counts, left: run.counts.left + n } } }) satisfies SyncState,
    );
    run.counts = { ...run.counts, left: run.counts.left + removed };
  } else {
    store.applyBatch(target.name, [], { version: 1, last } satisfies SyncState);
  }
  return { resource: target.name, kind: run.kind, ...(run.since ? { since: run.since } : {}), counts: run.counts, resumed };
}
