import { randomBytes } from 'node:crypto';
import type { Dataset } from './data/dataset.js';
import { INGEST_STAGES } from './data/items-plan.js';
import { institutionById } from './data/people.js';
import type { Value } from './data/table.js';
import type { TimerSet } from './timers.js';
import type { IngestedBag, IngestOutcome, SandboxBag, SimulateIngestOptions } from './types.js';
import { US_PER_SECOND } from './time.js';

type Patch = Record<string, Value>;

const started = (stage: string, node = 'preserv-worker-1.aptrust.org'): Patch => ({
  stage,
  status: 'Started',
  node,
  pid: 4242,
  outcome: 'In progress',
  note: `${stage} in progress`,
});

/** The sequence of states after "Receive / Pending" for each outcome. */
function timeline(outcome: IngestOutcome): Patch[] {
  const through = (last: string): Patch[] => INGEST_STAGES.slice(0, INGEST_STAGES.indexOf(last as never) + 1).map((s) => started(s));
  const done: Patch = {
    stage: 'Cleanup',
    status: 'Success',
    node: null,
    pid: 0,
    outcome: 'No problems',
    note: 'Finished cleanup. Ingest complete.',
    retry: true,
  };
  switch (outcome) {
    case 'failed':
      return [
        ...through('Validate'),
        {
          stage: 'Validate',
          status: 'Failed',
          node: null,
          pid: 0,
          retry: false,
          outcome: 'Bag validation failed',
          note: "Bag is missing required tag file 'aptrust-info.txt'",
        },
      ];
    case 'failed-retry':
      return [
        ...through('Store'),
        {
          stage: 'Store',
          status: 'Failed',
          node: null,
          pid: 0,
          retry: true,
          outcome: 'Transient error; will retry',
          note: 'Error copying to preservation storage: connection reset by peer',
        },
        { stage: 'Store', status: 'Pending', outcome: 'Item is awaiting ingest', note: 'Requeued after a transient error' },
        ...INGEST_STAGES.slice(INGEST_STAGES.indexOf('Store')).map((s) => started(s, 'preserv-worker-2.aptrust.org')),
        done,
      ];
    case 'cancelled':
      return [
        ...through('Validate'),
        {
          stage: 'Validate',
          status: 'Cancelled',
          node: null,
          pid: 0,
          retry: false,
          outcome: 'Cancelled',
          note: 'Cancelled at the request of the depositor',
        },
      ];
    case 'suspended':
      return [
        ...through('Copy To Staging'),
        {
          stage: 'Copy To Staging',
          status: 'Suspended',
          node: null,
          pid: 0,
          needs_admin_review: true,
          outcome: 'Not started',
          note: 'Suspended after too many transient errors; needs admin review',
        },
      ];
    default:
      return [...through('Cleanup'), done];
  }
}

/**
 * A work item as it first appears for a bag uploaded at `t`: Ingest, Receive / Pending, in the
 * institution's receiving bucket (simulated ingests and sandbox `insert` changes).
 */
export function newItemRow(ds: Dataset, institutionId: number, t: number, name: string, etag: string): Record<string, Value> {
  const inst = institutionById(institutionId);
  return {
    action: 'Ingest',
    alt_identifier: null,
    aptrust_approver: null,
    bagit_profile_identifier: null,
    bag_date: t - 3600 * US_PER_SECOND,
    bag_group_identifier: null,
    bucket: `aptrust.receiving.${inst.identifier}`,
    created_at: t,
    date_processed: t,
    deletion_request_id: null,
    etag,
    generic_file_id: null,
    generic_file_identifier: null,
    institution_id: inst.id,
    institution_name: inst.name,
    institution_identifier: inst.identifier,
    inst_approver: null,
    intellectual_object_id: null,
    internal_sender_identifier: null,
    name,
    needs_admin_review: false,
    node: null,
    note: 'Item is in receiving bucket',
    object_identifier: null,
    outcome: 'Item is awaiting ingest',
    pid: 0,
    queued_at: t,
    retry: true,
    size: 10_485_760,
    source_organization: null,
    stage: 'Receive',
    stage_started_at: null,
    status: 'Pending',
    storage_option: null,
    updated_at: t,
    user: ds.users[0].email,
  };
}

/**
 * A work item that appears after `appearAfterMs` as Receive/Pending (new id at the end) and then
 * moves one state every `stepMs`, stamping updated_at/date_processed/stage_started_at.
 */
export function simulateIngest(
  ds: Dataset,
  timers: TimerSet,
  opts: SimulateIngestOptions,
  ingestBag?: (bag: SandboxBag, institutionId: number) => IngestedBag,
  onError: (err: unknown) => void = () => {},
): void {
  const outcome = opts.outcome ?? 'success';
  const stepMs = opts.stepMs ?? 50;
  const inst = institutionById(opts.institutionId ?? 2);
  const nowUs = (): number => ds.clock.now();
  const steps = timeline(outcome);
  timers.after(opts.appearAfterMs ?? 0, () => {
    const t = nowUs();
    const index = ds.items.append(newItemRow(ds, inst.id, t, opts.name, opts.etag ?? randomBytes(16).toString('hex')));
    const step = (k: number): void => {
      if (k >= steps.length) return;
      const now = nowUs();
      const before = ds.items.row(index).stage;
      const patch: Patch = { ...steps[k], updated_at: now, date_processed: now };
      // The bag's object, files and checksums appear when the ingest succeeds (the real one
      // records them in its Record stage, just before Cleanup), and the item then names it.
      if (patch.status === 'Success' && opts.bag && ingestBag) {
        try {
          const made = ingestBag(opts.bag, inst.id);
          patch.intellectual_object_id = made.objectId;
          patch.object_identifier = made.identifier;
        } catch (err) {
          onError(err);
        }
      }
      if (patch.stage !== before || patch.status === 'Started') patch.stage_started_at = now;
      ds.items.update(index, patch);
      timers.after(stepMs, () => step(k + 1));
    };
    timers.after(stepMs, () => step(0));
  });
}
