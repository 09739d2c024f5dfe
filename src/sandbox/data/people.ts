import { createHash } from 'node:crypto';
import type { SandboxRole, SandboxUser } from '../types.js';

export interface Institution {
  id: number;
  name: string;
  identifier: string;
  /** '' for the APTrust institution itself (errata §6.3: institution_type can be ""). */
  type: string;
  parentId: number;
}

// Synthetic institutions shaped like the fixtures: a sysadmin home with no type, two members
// and a subscription sub-account (non-zero institution_parent_id).
export const INSTITUTIONS: readonly Institution[] = [
  { id: 1, name: 'APTrust', identifier: 'aptrust.org', type: '', parentId: 0 },
  { id: 2, name: 'Institution One', identifier: 'institution1.edu', type: 'MemberInstitution', parentId: 0 },
  { id: 3, name: 'Institution Two', identifier: 'institution2.edu', type: 'MemberInstitution', parentId: 0 },
  { id: 4, name: 'Institution Three (sub-account)', identifier: 'institution3.edu', type: 'SubscriptionInstitution', parentId: 3 },
];

/** Institutions that own generated records, with their share of rows. */
export const DATA_INSTITUTIONS: readonly { id: number; share: number }[] = [
  { id: 2, share: 0.5 },
  { id: 3, share: 0.35 },
  { id: 4, share: 0.15 },
];

export function institutionById(id: number): Institution {
  return INSTITUTIONS.find((i) => i.id === id) ?? INSTITUTIONS[0];
}

/** Map a uniform [0,1) draw to a data institution id. */
export function institutionFor(u: number): number {
  let acc = 0;
  for (const d of DATA_INSTITUTIONS) {
    acc += d.share;
    if (u < acc) return d.id;
  }
  return DATA_INSTITUTIONS[DATA_INSTITUTIONS.length - 1].id;
}

interface UserSeed {
  id: number;
  name: string;
  email: string;
  institutionId: number;
  role: SandboxRole;
  twoFactorPending?: boolean;
}

const USER_SEEDS: readonly UserSeed[] = [
  { id: 1, name: 'System Administrator', email: 'system@aptrust.org', institutionId: 1, role: 'admin' },
  { id: 2, name: 'Ida Admin', email: 'admin@institution1.edu', institutionId: 2, role: 'institutional_admin' },
  { id: 3, name: 'Uma User', email: 'user@institution1.edu', institutionId: 2, role: 'institutional_user' },
  { id: 4, name: 'Nora Inactive', email: 'inactive@institution1.edu', institutionId: 2, role: 'none' },
  {
    id: 5,
    name: 'Theo Twofactor',
    email: 'twofactor@institution1.edu',
    institutionId: 2,
    role: 'institutional_user',
    twoFactorPending: true,
  },
  { id: 6, name: 'Ana Admin-Two', email: 'admin@institution2.edu', institutionId: 3, role: 'institutional_admin' },
  { id: 7, name: 'Ulla User-Two', email: 'user@institution2.edu', institutionId: 3, role: 'institutional_user' },
  { id: 8, name: 'Sam Subaccount', email: 'admin@institution3.edu', institutionId: 4, role: 'institutional_admin' },
];

/** The member user a demo or test should use by default (institution 2). */
export const DEFAULT_USER_ID = 3;

/** API keys are derived from the seed so the same seed prints the same credentials. */
export function buildUsers(seed: number): SandboxUser[] {
  return USER_SEEDS.map((u) => ({
    ...u,
    apiKey: createHash('sha256').update(`aptrust-sandbox:${seed}:${u.email}`).digest('hex').slice(0, 40),
  }));
}

/** Users of an institution who can receive alerts or act on requests (role none excluded). */
export function activeUsersOf(users: readonly SandboxUser[], institutionId: number): SandboxUser[] {
  return users.filter((u) => u.institutionId === institutionId && u.role !== 'none');
}
