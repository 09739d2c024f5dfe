// Public types of the sandbox. The client team builds against these names.
import type { SandboxData } from './views.js';

export type FaultKind = '503' | '502' | '504' | '429' | 'reset' | 'truncate' | 'hang' | 'redirect' | 'html';

/**
 * Fires on API request number n (1-based, counted over every request whose path starts with
 * /member-api/ since start or since the last setFaults()) when
 * `n > offset && (n - offset) % every === 0` and, if given, `paths` matches the raw path+query.
 */
export interface FaultRule {
  kind: FaultKind;
  every: number;
  offset?: number;
  /** Retry-After header value (seconds or HTTP-date) for 429 and 503. */
  retryAfter?: string;
  paths?: RegExp;
}

export type SandboxRole = 'admin' | 'institutional_admin' | 'institutional_user' | 'none';

export interface SandboxUser {
  id: number;
  email: string;
  apiKey: string;
  institutionId: number;
  role: SandboxRole;
  twoFactorPending?: boolean;
  /** Display name, as it appears in user_name / requested_by_name fields. */
  name: string;
}

export interface RecordedRequest {
  method: string;
  /** Raw path + query exactly as received. */
  url: string;
  /** Lower-case header names; values as received (repeats joined with ", "). */
  headers: Record<string, string>;
  /** Status sent; 0 while pending or when no response was sent (reset, hang). */
  status: number;
}

export type IngestOutcome = 'success' | 'failed' | 'failed-retry' | 'cancelled' | 'suspended';

export interface SimulateIngestOptions {
  /** Tar file name, e.g. "my_bag.tar". */
  name: string;
  etag?: string;
  outcome?: IngestOutcome;
  /** Time between stage transitions; default 50 ms. */
  stepMs?: number;
  /** Delay before the work item exists at all; default 0. */
  appearAfterMs?: number;
  /** Owning institution; default the default user's (2). */
  institutionId?: number;
}

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: number;
  files?: number;
  objects?: number;
  events?: number;
  workItems?: number;
  checksums?: number;
  alerts?: number;
  deletions?: number;
  latencyMs?: number;
  faults?: FaultRule[];
  staleCounts?: number;
  maintenance?: boolean;
  redirectOrigin?: string;
}

export interface Sandbox {
  url: string;
  host: string;
  port: number;
  user: SandboxUser;
  users: SandboxUser[];
  requests: RecordedRequest[];
  data: SandboxData;
  setFaults(rules: FaultRule[]): void;
  simulateIngest(opts: SimulateIngestOptions): void;
  stop(): Promise<void>;
}
