import { saltOf, type Rng } from '../prng.js';
import type { FileModel } from './files.js';
import type { ObjectModel } from './objects.js';
import { institutionFor } from './people.js';

// Enum values from the spec (errata §3.3: the server uses the same sets).
export const ACTIONS = ['Delete', 'Restore Object', 'Restore File', 'Glacier Restore', 'Ingest'] as const;
export const STAGES = [
  'Available in S3',
  'Cleanup',
  'Copy To Staging',
  'Fetch',
  'Format Identification',
  'Package',
  'Receive',
  'Record',
  'Reingest Check',
  'Requested',
  'Resolve',
  'Restoring',
  'Storage Validation',
  'Store',
  'Unpack',
  'Validate',
] as const;
export const STATUSES = ['Cancelled', 'Failed', 'Pending', 'Started', 'Success', 'Suspended'] as const;
export const INGEST_STAGES = [
  'Receive',
  'Validate',
  'Reingest Check',
  'Copy To Staging',
  'Format Identification',
  'Store',
  'Storage Validation',
  'Record',
  'Cleanup',
] as const;

export const STAGES_BY_ACTION: Readonly<Record<string, readonly string[]>> = {
  Ingest: [...INGEST_STAGES, 'Fetch', 'Unpack'],
  'Restore Object': ['Requested', 'Restoring', 'Package', 'Copy To Staging', 'Cleanup'],
  'Restore File': ['Requested', 'Restoring', 'Copy To Staging', 'Cleanup'],
  'Glacier Restore': ['Requested', 'Restoring', 'Available in S3'],
  Delete: ['Requested', 'Resolve'],
};
export const FINAL_STAGE: Readonly<Record<string, string>> = {
  Ingest: 'Cleanup',
  'Restore Object': 'Cleanup',
  'Restore File': 'Cleanup',
  'Glacier Restore': 'Available in S3',
  Delete: 'Resolve',
};

const S = {
  action: saltOf('wi.action'),
  status: saltOf('wi.status'),
  stage: saltOf('wi.stage'),
  obj: saltOf('wi.obj'),
  inst: saltOf('wi.inst'),
  file: saltOf('wi.file'),
};

/** The per-row facts every column derives from, kept in typed arrays so 1M-row scans are cheap. */
export interface ItemPlan {
  readonly count: number;
  readonly action: Uint8Array;
  readonly stage: Uint8Array;
  readonly status: Uint8Array;
  readonly inst: Uint8Array;
  /** Object index or -1 (no object: the LEFT JOINed columns are NULL). */
  readonly object: Int32Array;
  readonly file: Int32Array;
}

function pickStatus(rng: Rng, i: number, action: string): string {
  const r = rng.float(S.status, i);
  if (action !== 'Ingest')
    return r < 0.6 ? 'Success' : r < 0.75 ? 'Pending' : r < 0.85 ? 'Started' : r < 0.93 ? 'Failed' : r < 0.97 ? 'Cancelled' : 'Suspended';
  return r < 0.55 ? 'Success' : r < 0.8 ? 'Pending' : r < 0.9 ? 'Started' : r < 0.95 ? 'Failed' : r < 0.975 ? 'Cancelled' : 'Suspended';
}

function actionForStage(stage: string): string {
  return (
    Object.keys(STAGES_BY_ACTION).find(
      (a) => a !== 'Ingest' && STAGES_BY_ACTION[a].includes(stage) && !INGEST_STAGES.includes(stage as never),
    ) ?? 'Ingest'
  );
}

export function planItems(rng: Rng, objects: ObjectModel, files: FileModel, count: number): ItemPlan {
  const p: ItemPlan = {
    count,
    action: new Uint8Array(count),
    stage: new Uint8Array(count),
    status: new Uint8Array(count),
    inst: new Uint8Array(count),
    object: new Int32Array(count),
    file: new Int32Array(count),
  };
  for (let i = 0; i < count; i++) {
    let action: string;
    let stage: string;
    let status: string;
    if (i < STAGES.length) {
      // The first rows walk every stage and status so small sandboxes still cover the enums.
      stage = STAGES[i];
      action = actionForStage(stage);
      status = STATUSES[i % STATUSES.length];
    } else {
      const r = rng.float(S.action, i);
      action =
        i < STAGES.length + ACTIONS.length
          ? ACTIONS[i - STAGES.length]
          : r < 0.8
            ? 'Ingest'
            : r < 0.87
              ? 'Restore Object'
              : r < 0.92
                ? 'Restore File'
                : r < 0.95
                  ? 'Glacier Restore'
                  : 'Delete';
      status = pickStatus(rng, i, action);
      const list = STAGES_BY_ACTION[action];
      stage = status === 'Success' ? FINAL_STAGE[action] : status === 'Pending' ? list[0] : rng.pick(list.slice(0, -1), S.stage, i);
    }
    // Finished ingests and every restore/delete point at an object; in-flight ingests do not.
    const linked = objects.count > 0 && (action !== 'Ingest' || status === 'Success');
    const j = linked ? rng.u32(S.obj, i) % objects.count : -1;
    let f = -1;
    if (j >= 0 && (action === 'Restore File' || (action === 'Delete' && rng.float(S.file, i) < 0.5))) {
      const n = files.objStart[j + 1] - files.objStart[j];
      if (n > 0) f = files.objStart[j] + (rng.u32(S.file, i, 1) % n);
    }
    p.action[i] = ACTIONS.indexOf(action as never);
    p.stage[i] = STAGES.indexOf(stage as never);
    p.status[i] = STATUSES.indexOf(status as never);
    p.object[i] = j;
    p.file[i] = f;
    p.inst[i] = j >= 0 ? objects.inst[j] : institutionFor(rng.float(S.inst, i));
  }
  return p;
}
