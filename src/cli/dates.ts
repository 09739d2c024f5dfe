// Dates as the CLI takes them, in --since, --days' cutoffs and name=value filters of date kind:
// an ISO 8601 date as the client reads it (registryDate), or a relative one counted back from the
// CLI's clock (ctx.clock, so tests can fix "now"):
//
//   30d, 12h, 90m, 45s, 2w   that long before now (s, m, h, d, w; a fraction is allowed: 1.5d)
//   today, yesterday         midnight UTC at the start of today or yesterday
//   now                      now
//
// One syntax everywhere, and without a minus sign: `-30d` would be read by the shell's option
// parser as a flag, and a date filter's value needs none (no real date looks like `30d`). Relative
// dates are a CLI feature; the library takes Dates and ISO strings.
import { registryDate, registryInstant } from '../index.js';
import type { CliParams } from './resources.js';
import { UsageError } from './usage-error.js';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** One day in ms: the CLI's day for --days, relative dates and the health page's periods. */
export const DAY_MS = UNIT_MS.d;

/** For help texts and hints. */
export const DATE_SYNTAX = '2024-05-01, 2024-05-01T12:00:00Z, or a time ago: 30d, 12h, 90m, 2w, today, yesterday (UTC)';

/** A relative date resolved, with the words to explain it ("30d before now, 2026-12-01T12:00:00Z"). */
export interface ResolvedDate {
  /** As sent to the Registry: `2024-05-01`, `2026-11-01T12:00:00Z`. */
  text: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** How a relative date was computed; undefined for a date given as such. */
  how?: string;
}

/** 2026-11-01T12:00:00Z: ISO in UTC, the milliseconds only when there are some. */
export function isoInstant(time: number): string {
  return new Date(time).toISOString().replace('.000Z', 'Z');
}

/** Midnight UTC at the start of the day of `time`. */
function utcMidnight(time: number): number {
  return Math.floor(time / DAY_MS) * DAY_MS;
}

/** A relative date (30d, today…) resolved at `now`, or undefined when `text` is not one. */
export function relativeDate(text: string, now: number): ResolvedDate | undefined {
  const value = text.trim().toLowerCase();
  const at = (time: number, how: string): ResolvedDate => ({ text: isoInstant(time), time, how });
  if (value === 'now') return at(now, `now, ${isoInstant(now)}`);
  if (value === 'today') return at(utcMidnight(now), `midnight UTC today; now is ${isoInstant(now)}`);
  if (value === 'yesterday') return at(utcMidnight(now) - DAY_MS, `midnight UTC yesterday; now is ${isoInstant(now)}`);
  const match = /^(\d+(?:\.\d+)?)(s|m|h|d|w)$/.exec(value);
  if (!match) return undefined;
  const time = now - Math.round(Number(match[1]) * UNIT_MS[match[2]]);
  return at(time, `${match[1]}${match[2]} before now, ${isoInstant(now)}`);
}

/** Looks like an attempt at a relative date (so the hint is about that syntax): -30d, 30 days, 3mo, tomorrow. */
function looksRelative(value: string): boolean {
  return /^[+-]?\s*\d+(?:\.\d+)?\s*[a-z]+$/i.test(value.trim()) || /^(tomorrow|last|ago|next)\b/i.test(value.trim());
}

/**
 * A date for a flag or filter named `name`: relative (resolved at `now`) or ISO (checked as the
 * client checks a date filter). Throws a plain Error with what is wrong; callers wrap it in the
 * error kind their place needs (commander's for a flag, a UsageError for a filter).
 */
export function resolveDate(name: string, text: string, now: number): ResolvedDate {
  const relative = relativeDate(text, now);
  if (relative) {
    checkYear(relative.time);
    return relative;
  }
  const trimmed = text.trim();
  if (/^-\s*\d/.test(trimmed) && relativeDate(trimmed.replace(/^-\s*/, ''), now)) {
    throw new Error(`write ${trimmed.replace(/^-\s*/, '')}, without the minus: a relative date always means that long ago.`);
  }
  if (looksRelative(trimmed)) {
    throw new Error(`expected a time ago such as 30d, 12h, 90m or 2w (s, m, h, d, w), today or yesterday, or a date such as 2024-05-01.`);
  }
  try {
    return { text: registryDate(trimmed, name), time: registryInstant(trimmed, name).getTime() };
  } catch (error) {
    // The Registry stores years 0001 to 9999 (in UTC: an offset can cross an end too).
    if (error instanceof Error && error.message.includes('years 0001 to 9999'))
      throw new Error('expected a date in the years 0001 to 9999.', { cause: error });
    throw new Error('expected a real date such as 2024-05-01 or 2024-05-01T12:00:00Z, or a time ago such as 30d, 12h, today.', {
      cause: error,
    });
  }
}

/** 10000 years back is before the year 0001: no date the Registry can hold. */
function checkYear(time: number): void {
  const year = new Date(time).getUTCFullYear();
  if (!Number.isFinite(time) || !(year >= 1 && year <= 9999)) throw new Error('expected a date in the years 0001 to 9999.');
}

/**
 * The columns whose __gteq/__lteq filters are dates (the 'date' kind of src/resources/*.ts,
 * checked against them by test/unit/cli-dates.test.ts). Only these values are read as dates: a
 * `name=30d` filter is a bag name, sent as typed.
 */
export const DATE_COLUMNS: readonly string[] = [
  'bag_date',
  'created_at',
  'date_processed',
  'date_time',
  'datetime',
  'last_fixity_check',
  'requested_at',
  'updated_at',
];

export function isDateFilter(name: string): boolean {
  const m = /^(.+)__(gteq|lteq)$/.exec(name);
  return m !== null && DATE_COLUMNS.includes(m[1]);
}

/**
 * Resolves the values of date filters (relative ones at `now`, ISO ones checked) in place of the
 * text given, so a wrong one is a usage error naming the filter, before any request. Other
 * filters are left to the client, which checks them as it sends them.
 */
export function resolveDateFilters(params: CliParams, now: number): CliParams {
  // Entries in, entries out (as filtersOf): a `__proto__` filter stays an own key for the client to refuse.
  return Object.fromEntries(
    Object.entries(params).map(([name, value]) => {
      if (!isDateFilter(name) || typeof value !== 'string' || value.trim() === '') return [name, value];
      try {
        return [name, resolveDate(name, value, now).text];
      } catch (error) {
        throw new UsageError(`filter ${name}="${value}" is not a date: ${(error as Error).message}`, `a date filter takes ${DATE_SYNTAX}`);
      }
    }),
  );
}
