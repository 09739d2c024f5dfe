import type { Rng } from '../prng.js';
import { US_PER_DAY, US_PER_SECOND, utcUs } from '../time.js';

// Generated history spans these dates; everything is UTC wall clock (errata §3.1).
export const DATA_START = utcUs(2016, 3, 1);
export const DATA_END = utcUs(2025, 6, 30);
/** The schema default of generic_files.last_fixity_check (errata §6.2). */
export const NEVER_CHECKED = utcUs(2000, 1, 1);

/**
 * The time of batch `b` of `n` batches across the data range. Whole seconds, except one batch
 * in nine that carries microseconds, so both time formats occur. Rows in a batch share the
 * timestamp exactly: default sorts on these columns have many ties (errata §2.2).
 */
export function batchTime(rng: Rng, salt: number, b: number, n: number): number {
  const span = DATA_END - DATA_START - 30 * US_PER_DAY;
  const t = DATA_START + Math.floor(((b / Math.max(1, n)) * span) / US_PER_SECOND) * US_PER_SECOND;
  return rng.u32(salt, b) % 9 === 0 ? t + rng.int(1, 999_999, salt, b, 1) : t;
}

/** Midnight on the first of the month, `monthsBack` months before the end of the data. */
export function monthlyRun(monthsBack: number): number {
  const d = new Date(DATA_END / 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - monthsBack, 1) * 1000;
}

/** The latest monthly run at or after `t`, stepping back up to `back` runs (never before t). */
export function runAfter(t: number, back: number): number {
  let k = Math.max(0, back);
  while (k > 0 && monthlyRun(k) < t) k--;
  const run = monthlyRun(k);
  return run >= t ? run : t;
}
