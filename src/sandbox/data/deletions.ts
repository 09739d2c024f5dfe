import { saltOf, type Rng } from '../prng.js';
import type { SandboxUser } from '../types.js';
import { US_PER_SECOND } from '../time.js';
import { batchTime } from './clock.js';
import { activeUsersOf, institutionById, institutionFor } from './people.js';
import { column, makeTable, type Table } from './table.js';

const S = { inst: saltOf('dr.inst'), kind: saltOf('dr.kind'), at: saltOf('dr.at'), count: saltOf('dr.count'), who: saltOf('dr.who') };

export interface DeletionModel {
  readonly count: number;
  readonly inst: Uint8Array;
  /** Deletion indices per institution, for alerts and work items that refer to one. */
  readonly byInstitution: ReadonlyMap<number, readonly number[]>;
}

type Kind = 'pending' | 'approved' | 'cancelled';

export function createDeletions(rng: Rng, count: number): DeletionModel {
  const inst = new Uint8Array(count);
  const byInstitution = new Map<number, number[]>();
  for (let d = 0; d < count; d++) {
    inst[d] = d < 3 ? 2 : institutionFor(rng.float(S.inst, d)); // the first three: one of each kind in institution 2
    byInstitution.set(inst[d], [...(byInstitution.get(inst[d]) ?? []), d]);
  }
  return { count, inst, byInstitution };
}

/** deletion_requests_view — no `status` column (errata §6.1), cancelled_by_* join bug (§6.4). */
export function deletionsTable(rng: Rng, m: DeletionModel, users: readonly SandboxUser[]): Table {
  const kind = (d: number): Kind => {
    if (d < 3) return (['pending', 'approved', 'cancelled'] as const)[d];
    const r = rng.float(S.kind, d);
    return r < 0.4 ? 'pending' : r < 0.8 ? 'approved' : 'cancelled';
  };
  const staff = (d: number) => activeUsersOf(users, m.inst[d]);
  const requester = (d: number): SandboxUser => {
    const s = staff(d);
    return s.find((u) => u.role === 'institutional_user') ?? s[0] ?? users[0];
  };
  const admin = (d: number): SandboxUser => staff(d).find((u) => u.role === 'institutional_admin') ?? users[0];
  const nBatches = Math.max(1, Math.round(m.count / 2.5));
  const requestedAt = (d: number) => batchTime(rng, S.at, Math.floor((d * nBatches) / Math.max(1, m.count)), nBatches);
  const confirmer = (d: number) => (kind(d) === 'approved' ? admin(d) : null);
  const canceller = (d: number) => (kind(d) === 'cancelled' ? admin(d) : null);
  const isFiles = (d: number) => d === 0 || rng.float(S.count, d) < 0.5;
  const inst = (d: number) => institutionById(m.inst[d]);
  return makeTable(
    'deletions',
    [
      column('id', 'int', (d) => d + 1),
      column('institution_id', 'int', (d) => m.inst[d]),
      column('institution_name', 'text', (d) => inst(d).name),
      column('institution_identifier', 'text', (d) => inst(d).identifier),
      column('requested_by_id', 'int', (d) => requester(d).id),
      column('requested_by_name', 'text', (d) => requester(d).name),
      column('requested_by_email', 'text', (d) => requester(d).email),
      column('requested_at', 'time', (d) => requestedAt(d)),
      column('confirmed_by_id', 'int', (d) => confirmer(d)?.id ?? null),
      column('confirmed_by_name', 'text', (d) => confirmer(d)?.name ?? null),
      column('confirmed_by_email', 'text', (d) => confirmer(d)?.email ?? null),
      column('confirmed_at', 'time', (d) => (confirmer(d) ? requestedAt(d) + 3600 * US_PER_SECOND : null)),
      column('cancelled_by_id', 'int', (d) => canceller(d)?.id ?? null),
      // errata §6.4: the view joins the "cancelled by" user on confirmed_by_id.
      column('cancelled_by_name', 'text', (d) => confirmer(d)?.name ?? null),
      column('cancelled_by_email', 'text', (d) => confirmer(d)?.email ?? null),
      column('cancelled_at', 'time', (d) => (canceller(d) ? requestedAt(d) + 7200 * US_PER_SECOND : null)),
      column('file_count', 'int', (d) => (isFiles(d) ? rng.int(1, 20, S.count, d, 1) : 0)),
      column('object_count', 'int', (d) => (isFiles(d) ? 0 : 1)),
    ],
    () => m.count,
    (d) => m.inst[d],
  );
}
