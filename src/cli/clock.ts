// Time as wait-ingest sees it: what time it is, waiting between polls, and the --timeout deadline.
// Behind an interface so tests can run an hour's wait in milliseconds, with the same number of
// polls on any machine however slow (test/cli/wait-ingest-clock.test.ts).
import { setTimeout as sleep } from 'node:timers/promises';

export interface Deadline {
  /** Aborts when the time is up. */
  signal: AbortSignal;
  /** Cancels the deadline (the wait ended first). */
  clear(): void;
}

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms`; resolves early, never rejects, when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** A deadline `ms` from now. */
  deadline(ms: number): Deadline;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => sleep(ms, undefined, { signal }).catch(() => undefined),
  deadline(ms) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    return { signal: controller.signal, clear: () => clearTimeout(timer) };
  },
};
