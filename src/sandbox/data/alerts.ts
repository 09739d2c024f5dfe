import { saltOf, type Rng } from '../prng.js';
import type { SandboxUser } from '../types.js';
import { US_PER_SECOND } from '../time.js';
import { batchTime } from './clock.js';
import type { DeletionModel } from './deletions.js';
import { activeUsersOf, DEFAULT_USER_ID, institutionById, institutionFor } from './people.js';
import { column, makeTable, type Table } from './table.js';

const S = {
  inst: saltOf('al.inst'),
  type: saltOf('al.type'),
  to: saltOf('al.to'),
  at: saltOf('al.at'),
  sent: saltOf('al.sent'),
  read: saltOf('al.read'),
  dr: saltOf('al.dr'),
};

export const ALERT_TYPES = [
  'Deletion Cancelled',
  'Deletion Completed',
  'Deletion Confirmed',
  'Deletion Requested',
  'Failed Fixity Check',
  'Password Changed',
  'Password Reset',
  'Restoration Completed',
  'Stalled Work Items',
  'Welcome New User',
] as const;

/**
 * alerts_view has one row per (alert, recipient); an alert nobody received still appears once
 * with user_id 0 (errata §9 shape). Rows are ordered by alert id, then user id.
 */
export interface AlertModel {
  readonly alerts: number;
  readonly rowAlert: Int32Array;
  readonly rowUser: Int32Array;
  readonly inst: Uint8Array;
}

// Hand-placed first alerts (institution 2) that tests rely on: no recipient at all; sent to the
// default user; sent to others but not the default user.
const FIXED_RECIPIENTS: readonly (readonly number[])[] = [[], [1, 2, DEFAULT_USER_ID], [1, 2]];

export function createAlerts(rng: Rng, count: number, users: readonly SandboxUser[]): AlertModel {
  const inst = new Uint8Array(count);
  const rowAlert: number[] = [];
  const rowUser: number[] = [];
  for (let a = 0; a < count; a++) {
    inst[a] = a < FIXED_RECIPIENTS.length ? 2 : institutionFor(rng.float(S.inst, a));
    let to: number[];
    if (a < FIXED_RECIPIENTS.length) to = [...FIXED_RECIPIENTS[a]];
    else {
      const candidates = [users[0], ...activeUsersOf(users, inst[a]).filter((u) => !u.twoFactorPending)];
      to = candidates
        .filter((u, k) => rng.float(S.to, a, k) < (u.role === 'admin' ? 0.8 : u.role === 'institutional_admin' ? 0.7 : 0.5))
        .map((u) => u.id);
    }
    if (to.length === 0) to = [0];
    for (const u of to.sort((x, y) => x - y)) {
      rowAlert.push(a);
      rowUser.push(u);
    }
  }
  return { alerts: count, rowAlert: Int32Array.from(rowAlert), rowUser: Int32Array.from(rowUser), inst };
}

function content(type: string, who: string): string {
  switch (type) {
    case 'Deletion Requested':
      return `${who} wants to delete <3> items & needs an administrator's approval.`;
    case 'Failed Fixity Check':
      return 'One or more files failed a fixity check. See the attached events.';
    case 'Stalled Work Items':
      return 'Some work items have not progressed in 24 hours & may need attention.';
    default:
      return `${type}: ${who}`;
  }
}

export function alertsTable(rng: Rng, m: AlertModel, users: readonly SandboxUser[], deletions: DeletionModel): Table {
  const alertOf = (r: number) => m.rowAlert[r];
  const user = (r: number) => users.find((u) => u.id === m.rowUser[r]);
  const type = (r: number) => (alertOf(r) < 3 ? 'Deletion Requested' : rng.pick(ALERT_TYPES, S.type, alertOf(r)));
  const nBatches = Math.max(1, Math.round(m.alerts / 3.3));
  const createdAt = (r: number) => batchTime(rng, S.at, Math.floor((alertOf(r) * nBatches) / Math.max(1, m.alerts)), nBatches);
  const sentAt = (r: number) =>
    m.rowUser[r] === 0 || rng.float(S.sent, r) < 0.1 ? null : createdAt(r) + rng.int(1, 60, S.sent, r, 1) * US_PER_SECOND;
  const inst = (r: number) => institutionById(m.inst[alertOf(r)]);
  const deletionId = (r: number): number | null => {
    if (!type(r).startsWith('Deletion')) return null;
    const list = deletions.byInstitution.get(m.inst[alertOf(r)]) ?? [];
    return list.length ? list[rng.u32(S.dr, alertOf(r)) % list.length] + 1 : null;
  };
  return makeTable(
    'alerts',
    [
      column('id', 'int', (r) => alertOf(r) + 1),
      column('institution_id', 'int', (r) => m.inst[alertOf(r)]),
      column('institution_name', 'text', (r) => inst(r).name),
      column('institution_identifier', 'text', (r) => inst(r).identifier),
      column('type', 'text', type),
      column('subject', 'text', (r) => `${type(r)} at ${inst(r).identifier}`),
      column('content', 'text', (r) => content(type(r), users.find((u) => u.institutionId === m.inst[alertOf(r)])?.email ?? 'someone')),
      column('deletion_request_id', 'int', deletionId),
      column('created_at', 'time', createdAt),
      column('user_id', 'int', (r) => m.rowUser[r] || null),
      column('user_name', 'text', (r) => user(r)?.name ?? null),
      column('user_email', 'text', (r) => user(r)?.email ?? null),
      column('sent_at', 'time', sentAt),
      column('read_at', 'time', (r) => {
        const s = sentAt(r);
        return s === null || rng.float(S.read, r) < 0.5 ? null : s + rng.int(1, 72, S.read, r, 1) * 3600 * US_PER_SECOND;
      }),
    ],
    () => m.rowAlert.length,
    (r) => m.inst[alertOf(r)],
    { uniqueIds: false },
  );
}
