import { pgFailure } from '../http/respond.js';
import { US_PER_DAY, US_PER_SECOND } from '../time.js';

// Filter values reach Postgres as quoted literals and are cast implicitly, so a wrong type is
// a raw PG error surfaced as 500 (errata §3.1). These parsers mirror the PG input functions.

const INT_MAX: Record<'integer' | 'bigint', bigint> = { integer: 2147483647n, bigint: 9223372036854775807n };

/** int4in / int8in: optional whitespace and sign, digits only, within the type's range. */
export function parseInteger(raw: string, type: 'integer' | 'bigint'): number {
  const s = raw.trim();
  if (!/^[+-]?\d+$/.test(s)) throw pgFailure('22P02', `invalid input syntax for type ${type}: "${raw}"`);
  const n = BigInt(s);
  if (n > INT_MAX[type] || n < -INT_MAX[type] - 1n) throw pgFailure('22003', `value "${raw}" is out of range for type ${type}`);
  return Number(n);
}

/** numeric_in: a decimal with optional fraction and exponent, or NaN. */
export function parseNumeric(raw: string): number {
  const s = raw.trim();
  if (/^nan$/i.test(s)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) throw pgFailure('22P02', `invalid input syntax for type numeric: "${raw}"`);
  return Number(s);
}

/** boolin: true/false/yes/no/on/off/1/0 and unique prefixes, case-insensitive (errata §3.1). */
export function parseBool(raw: string): boolean {
  const s = raw.trim().toLowerCase();
  if (s.length > 0 && ('true'.startsWith(s) || 'yes'.startsWith(s) || s === 'on' || s === '1')) return true;
  if (s.length > 0 && ('false'.startsWith(s) || 'no'.startsWith(s) || (s.length > 1 && 'off'.startsWith(s)) || s === '0')) return false;
  throw pgFailure('22P02', `invalid input syntax for type boolean: "${raw}"`);
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(?:Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?)?$/i;
const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?$/;

function midnight(offsetDays: number): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) * 1000 + offsetDays * US_PER_DAY;
}

const WORDS: Record<string, () => number> = {
  now: () => Date.now() * 1000,
  today: () => midnight(0),
  tomorrow: () => midnight(1),
  yesterday: () => midnight(-1),
  epoch: () => 0,
  infinity: () => Infinity,
  '-infinity': () => -Infinity,
};

/** C rint() in the default rounding mode: to the nearest integer, halves to even. */
function rint(x: number): number {
  const r = Math.round(x); // halves up
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * timestamp_in for a `timestamp without time zone` column: the wall clock is taken as written
 * and any zone or offset is silently dropped (errata §3.1): `10:00:00+02:00` is 10:00:00, read
 * as UTC. A date alone is midnight, so `__lteq=2021-01-02` excludes the rest of that day.
 * Fractional seconds are rounded to microseconds as ParseFractionalSecond does,
 * `rint(strtod(".ddd") * 1e6)`: more than six digits round, halves to even
 * (`.0000025` → 2 µs, `.0000035` → 4 µs), and `.9999995` carries into the next second. Returns µs.
 */
export function parseTimestamp(raw: string): number {
  const s = raw.trim();
  const word = WORDS[s.toLowerCase()];
  if (word) return word();
  let y: number, mo: number, d: number, parts: RegExpExecArray | null;
  if ((parts = ISO.exec(s))) [y, mo, d] = [+parts[1], +parts[2], +parts[3]];
  else if ((parts = MDY.exec(s)))
    [mo, d, y] = [+parts[1], +parts[2], +parts[3]]; // DateStyle MDY
  else throw pgFailure('22007', `invalid input syntax for type timestamp: "${raw}"`);
  const [h, mi, sec] = [+(parts[4] ?? 0), +(parts[5] ?? 0), +(parts[6] ?? 0)];
  const frac = parts[7] ? rint(Number(`0.${parts[7]}`) * US_PER_SECOND) : 0;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth || h > 24 || mi > 59 || sec > 60 || (h === 24 && (mi > 0 || sec > 0 || frac > 0))) {
    throw pgFailure('22008', `date/time field value out of range: "${raw}"`);
  }
  return Date.UTC(y, mo - 1, d, h, mi, 0) * 1000 + sec * US_PER_SECOND + frac;
}
