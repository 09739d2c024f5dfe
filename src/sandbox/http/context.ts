import type { Dataset } from '../data/dataset.js';
import type { QueryCaches } from '../query/execute.js';
import type { SandboxUser } from '../types.js';

/** Everything a route handler needs about one authenticated API request. */
export interface ApiContext {
  readonly ds: Dataset;
  readonly user: SandboxUser;
  /** Decoded path, as gin routes on it and quotes it in error messages. */
  readonly path: string;
  readonly query: ReadonlyMap<string, readonly string[]>;
  readonly staleCounts: number;
  /** View-based counts: null live, 'start' as they were at start, or this number. */
  readonly frozenCounts: 'start' | number | null;
  readonly caches: QueryCaches;
}

export const isSysAdmin = (u: SandboxUser): boolean => u.role === 'admin';

/** HasPermission (pgmodels/user.go:351-360): sysadmins everywhere, members in their own institution, role none nowhere. */
export function mayRead(user: SandboxUser, institutionId: number): boolean {
  if (user.role === 'none') return false;
  return isSysAdmin(user) || user.institutionId === institutionId;
}

export function permissionDenied(pattern: string, institutionId: number): string {
  return `Permission denied for ${pattern} (institution ${institutionId}).`;
}
