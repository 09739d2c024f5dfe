// What limits.test.ts and its child process (limits-child-main.ts) tell each other.

export interface ChildScenario {
  op: 'list' | 'get' | 'all';
  url: string;
  /** Environment variables for the client (its `env` option), e.g. APTRUST_REGISTRY_MAX_RESPONSE_BYTES. */
  env?: Record<string, string>;
  perPage?: number;
  concurrency?: number;
  /** Peak RSS, in KiB, above which the child stops itself: a runaway client must not take the machine down. */
  ceilingKiB: number;
}

export interface ChildResult {
  outcome: 'ok' | 'error' | 'runaway';
  records?: number;
  error?: { name: string; code?: string; message: string; attempts?: number; status?: number; hint?: string };
  /** Peak resident set size of this process, from /proc/self/status. */
  vmHwmKiB: number;
}

export const RESULT_PREFIX = 'LIMITS-RESULT ';
