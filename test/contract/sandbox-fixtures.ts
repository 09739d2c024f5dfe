// Sandbox records and users that stand in for the real server's fixtures: "an own record",
// "another institution's record", "a value that matches rows". The recordings are the real
// server answering about its fixture data; the sandbox answers about its own synthetic data, so a
// recorded request is re-aimed at sandbox data that puts it in the same situation.
import type { Sandbox, SandboxUser } from '../../src/sandbox/index.js';

export type Resource = 'alerts' | 'checksums' | 'deletions' | 'files' | 'objects' | 'events' | 'items';
export type Row = Record<string, unknown>;

/** The sandbox user playing each recorded fixture user. */
export interface Cast {
  /** user@inst1.edu: institutional_user of institution 2 (not the one with 2FA pending). */
  member: SandboxUser;
  /** admin@inst1.edu */
  admin: SandboxUser;
  /** user@inst2.edu: institutional_user of institution 3. */
  otherMember: SandboxUser;
  /** inactive@inst1.edu: role none. */
  inactive: SandboxUser;
  /** system@aptrust.org */
  sysadmin: SandboxUser;
}

function one(sb: Sandbox, what: string, pred: (u: SandboxUser) => boolean): SandboxUser {
  const u = sb.users.find(pred);
  if (!u) throw new Error(`the sandbox has no ${what}`);
  return u;
}

export function castOf(sb: Sandbox): Cast {
  return {
    member: one(sb, 'institution-2 user', (u) => u.institutionId === 2 && u.role === 'institutional_user' && !u.twoFactorPending),
    admin: one(sb, 'institution-2 admin', (u) => u.institutionId === 2 && u.role === 'institutional_admin'),
    otherMember: one(sb, 'institution-3 user', (u) => u.institutionId === 3 && u.role === 'institutional_user'),
    inactive: one(sb, "role 'none' user", (u) => u.role === 'none'),
    sysadmin: one(sb, 'sysadmin', (u) => u.role === 'admin'),
  };
}

const TABLE = {
  alerts: 'alerts',
  checksums: 'checksums',
  deletions: 'deletions',
  files: 'files',
  objects: 'objects',
  events: 'events',
  items: 'workItems',
} as const;

export class Fixtures {
  readonly cast: Cast;
  private readonly cache = new Map<Resource, Row[]>();

  constructor(readonly sb: Sandbox) {
    this.cast = castOf(sb);
  }

  all(resource: Resource): Row[] {
    let rows = this.cache.get(resource);
    if (!rows) {
      rows = [...(this.sb.data[TABLE[resource]] as Iterable<Row>)];
      this.cache.set(resource, rows);
    }
    return rows;
  }

  /** Rows a list route shows this user: the own institution (alerts: also the own user_id). */
  visible(resource: Resource, user: SandboxUser = this.cast.member): Row[] {
    if (user.role === 'admin') return this.all(resource);
    return this.all(resource).filter((r) => r.institution_id === user.institutionId && (resource !== 'alerts' || r.user_id === user.id));
  }

  /** The first row the member may read that satisfies `pred`. */
  own(resource: Resource, pred: (r: Row) => boolean = () => true): Row {
    const row = this.visible(resource).find(pred);
    if (!row) throw new Error(`no own sandbox ${resource} row fits`);
    return row;
  }

  /** A row of institution `inst` (the recording's, when the sandbox has it), else of any institution but the member's. */
  other(resource: Resource, inst: number, pred: (r: Row) => boolean = () => true): Row {
    const rows = this.all(resource).filter((r) => r.institution_id !== this.cast.member.institutionId && pred(r));
    const row = rows.find((r) => r.institution_id === inst) ?? rows[0];
    if (!row) throw new Error(`no sandbox ${resource} row of another institution fits`);
    return row;
  }

  /**
   * A value of `column` from the rows `user` sees, as the query string carries it. With `unique`,
   * one that exactly one row holds (an "one result" exchange), when there is such a value.
   */
  value(resource: Resource, column: string, opts: { unique?: boolean; user?: SandboxUser; pred?: (r: Row) => boolean } = {}): string {
    const rows = this.visible(resource, opts.user).filter((r) => isSet(r[column]) && (opts.pred?.(r) ?? true));
    if (rows.length === 0) throw new Error(`no visible sandbox ${resource} row has a ${column}`);
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(String(r[column]), (counts.get(String(r[column])) ?? 0) + 1);
    const single = [...counts].find(([, n]) => n === 1)?.[0];
    return opts.unique && single !== undefined ? single : String(rows[0][column]);
  }

  /** `preferred` when no visible row holds it in `column`; otherwise a variant none holds (an "empty result" exchange). */
  absent(resource: Resource, column: string, preferred: string): string {
    const held = new Set(this.visible(resource).map((r) => String(r[column])));
    return held.has(preferred) ? `${preferred} (none)` : preferred;
  }
}

/** Not the Go zero value the server sends for NULL: a value a filter can match. */
function isSet(v: unknown): boolean {
  return v !== '' && v !== 0 && v !== null && v !== undefined && v !== '0001-01-01T00:00:00Z';
}
