import { saltOf, type Rng } from '../prng.js';
import type { SandboxUser } from '../types.js';
import { US_PER_DAY, US_PER_SECOND } from '../time.js';
import { batchTime } from './clock.js';
import type { DeletionModel } from './deletions.js';
import type { FileModel } from './files.js';
import { ACTIONS, STAGES, STATUSES, type ItemPlan } from './items-plan.js';
import { PLACES, TOPICS } from './names.js';
import type { ObjectModel } from './objects.js';
import { activeUsersOf, institutionById } from './people.js';
import { withOverlay, type Overlay } from './overlay.js';
import { column, makeTable, withExtraRows, type Column, type ColumnType, type Table, type Value } from './table.js';

const S = {
  at: saltOf('wi.at'),
  etag: saltOf('wi.etag'),
  user: saltOf('wi.user'),
  q: saltOf('wi.q'),
  retry: saltOf('wi.retry'),
  size: saltOf('wi.size'),
  name: saltOf('wi.name'),
  node: saltOf('wi.node'),
  appr: saltOf('wi.appr'),
  dr: saltOf('wi.dr'),
};

/** work_items_view plus the mutations simulateIngest and sandbox changes make. */
export interface WorkItemTable extends Table {
  /** The table as generated at start: no appended rows, no patches (what a frozen count counts). */
  readonly pristine: Table;
  /** A new row with the next id; returns its index. Bumps the version. */
  append(row: Record<string, Value>): number;
  /** Patches any row (generated or appended) through the overlay. Bumps the version. */
  update(index: number, patch: Record<string, Value>): void;
  row(index: number): Record<string, Value>;
}

export const NOTES: Readonly<Record<string, string>> = {
  Pending: 'Item is in receiving bucket',
  Started: 'Work in progress',
  Success: 'Finished cleanup. Ingest complete.',
  Failed: "Bag is missing required tag file 'aptrust-info.txt'",
  Cancelled: 'Cancelled at the request of the depositor',
  Suspended: 'Suspended after too many transient errors; needs admin review',
};
// errata §6.3: outcome is free text.
export const OUTCOMES: Readonly<Record<string, string>> = {
  Pending: 'Item is awaiting ingest',
  Started: 'In progress',
  Success: 'No problems',
  Failed: 'Bag validation failed',
  Cancelled: 'Cancelled',
  Suspended: 'Not started',
};

export function workItemsTable(
  rng: Rng,
  p: ItemPlan,
  objects: ObjectModel,
  files: FileModel,
  deletions: DeletionModel,
  users: readonly SandboxUser[],
  overlay: Overlay,
): WorkItemTable {
  const extra: Record<string, Value>[] = [];
  const action = (i: number) => ACTIONS[p.action[i]];
  const stage = (i: number) => STAGES[p.stage[i]];
  const status = (i: number) => STATUSES[p.status[i]];
  const obj = (i: number) => p.object[i];
  const fromObject = <T>(i: number, f: (j: number) => T): T | null => (obj(i) < 0 ? null : f(obj(i)));
  const waiting = (i: number) => status(i) === 'Pending' && (stage(i) === 'Receive' || stage(i) === 'Requested');
  const nBatches = Math.max(1, Math.round(p.count / 23.7));
  const createdAt = (i: number) => batchTime(rng, S.at, Math.floor((i * nBatches) / Math.max(1, p.count)), nBatches);
  // Items that moved on were last touched a whole number of hours later: ties within a batch.
  const updatedAt = (i: number) => (waiting(i) ? createdAt(i) : createdAt(i) + (1 + p.stage[i]) * 3600 * US_PER_SECOND);
  const instOf = (i: number) => institutionById(p.inst[i]);
  const staff = (i: number) => activeUsersOf(users, p.inst[i]);
  const deletionId = (i: number): number | null => {
    if (action(i) !== 'Delete') return null;
    const list = deletions.byInstitution.get(p.inst[i]) ?? [];
    return list.length ? list[rng.u32(S.dr, i) % list.length] + 1 : null;
  };
  const retry = (i: number) => (status(i) === 'Cancelled' ? false : status(i) === 'Failed' ? rng.float(S.retry, i) < 0.5 : true);
  const base: [string, ColumnType, (i: number) => Value][] = [
    ['id', 'int', (i) => i + 1],
    ['action', 'text', action],
    ['alt_identifier', 'text', (i) => fromObject(i, objects.altIdentifier)],
    ['aptrust_approver', 'text', (i) => (action(i) === 'Delete' && rng.float(S.appr, i) < 0.3 ? users[0].email : null)],
    ['bagit_profile_identifier', 'text', (i) => fromObject(i, objects.profile)],
    ['bag_date', 'time', (i) => createdAt(i) - US_PER_DAY],
    ['bag_group_identifier', 'text', (i) => fromObject(i, objects.bagGroup)],
    [
      'bucket',
      'text',
      (i) => `aptrust.${action(i) === 'Ingest' || action(i) === 'Delete' ? 'receiving' : 'restore'}.${instOf(i).identifier}`,
    ],
    ['created_at', 'time', createdAt],
    ['date_processed', 'time', updatedAt],
    ['deletion_request_id', 'int', deletionId],
    // errata §6.3: etags in the wild include spreadsheet-mangled numbers.
    [
      'etag',
      'text',
      (i) => (rng.float(S.etag, i) < 0.05 ? `${(i % 9) + 1}.${String((i % 9) + 1).repeat(14)}E+018` : rng.hex(32, S.etag, i)),
    ],
    ['generic_file_id', 'int', (i) => (p.file[i] < 0 ? null : p.file[i] + 1)],
    ['generic_file_identifier', 'text', (i) => (p.file[i] < 0 ? null : files.identifier(p.file[i]))],
    ['institution_id', 'int', (i) => p.inst[i]],
    ['institution_name', 'text', (i) => instOf(i).name],
    ['institution_identifier', 'text', (i) => instOf(i).identifier],
    [
      'inst_approver',
      'text',
      (i) => (action(i) === 'Delete' ? (staff(i).find((u) => u.role === 'institutional_admin')?.email ?? null) : null),
    ],
    ['intellectual_object_id', 'int', (i) => (obj(i) < 0 ? null : obj(i) + 1)],
    ['internal_sender_identifier', 'text', (i) => fromObject(i, objects.senderIdentifier)],
    [
      'name',
      'text',
      (i) =>
        `${obj(i) >= 0 ? objects.bagName(obj(i)) : `${rng.pick(TOPICS, S.name, i)}_${rng.pick(PLACES, S.name, i, 1)}_upload_${i + 1}`}.tar`,
    ],
    [
      'needs_admin_review',
      'bool',
      (i) => status(i) === 'Suspended' || (status(i) === 'Failed' && !retry(i) && rng.float(S.retry, i, 1) < 0.5),
    ],
    ['node', 'text', (i) => (status(i) === 'Started' ? `preserv-worker-${rng.int(1, 6, S.node, i)}.aptrust.org` : null)],
    ['note', 'text', (i) => NOTES[status(i)]],
    ['object_identifier', 'text', (i) => fromObject(i, objects.identifier)],
    ['outcome', 'text', (i) => OUTCOMES[status(i)]],
    ['pid', 'int', (i) => (status(i) === 'Started' ? rng.int(1000, 65000, S.node, i, 1) : 0)],
    ['queued_at', 'time', (i) => (waiting(i) && rng.float(S.q, i) < 0.3 ? null : createdAt(i) + 60 * US_PER_SECOND)],
    ['retry', 'bool', retry],
    ['size', 'int', (i) => (obj(i) >= 0 && objects.fileCount[obj(i)] ? objects.size[obj(i)] : rng.int(1024, 2 ** 34, S.size, i))],
    ['source_organization', 'text', (i) => fromObject(i, objects.sourceOrganization)],
    ['stage', 'text', stage],
    ['stage_started_at', 'time', (i) => (waiting(i) ? null : updatedAt(i))],
    ['status', 'text', status],
    ['storage_option', 'text', (i) => fromObject(i, objects.storageOption)],
    ['updated_at', 'time', updatedAt],
    ['user', 'text', (i) => (rng.float(S.user, i) < 0.3 ? users[0].email : (staff(i)[0]?.email ?? users[0].email))],
  ];
  const generated: Column[] = base.map(([name, type, gen]) => column(name, type, gen));
  const columns = withOverlay(withExtraRows(generated, p.count, extra), overlay);
  const institutionOf = (i: number) => (i < p.count ? p.inst[i] : Number(extra[i - p.count].institution_id));
  const table = makeTable('items', columns, () => p.count + extra.length, institutionOf, { version: () => overlay.version() });
  return {
    ...table,
    pristine: makeTable('items', generated, () => p.count, institutionOf),
    append(row) {
      extra.push({ ...row, id: p.count + extra.length + 1 });
      overlay.bump();
      return p.count + extra.length - 1;
    },
    update(index, patch) {
      overlay.set(index, patch);
      overlay.bump();
    },
    row(index) {
      return Object.fromEntries(columns.map((c) => [c.name, c.get(index)]));
    },
  };
}
