// Instants at the Registry's resolution: microseconds since the epoch, as bigint.
//
// PostgreSQL keeps timestamps to the microsecond and the Registry sends them with up to six
// fractional digits; a JavaScript Date keeps milliseconds. Window arithmetic done on Dates would
// round 2024-05-01T10:00:00.000123Z and .000124Z to the same millisecond, and a window ending at
// one would silently drop the other. So windows are computed on these integers and sent with all
// six digits.

/** One microsecond: the step between two adjacent windows (both ends are inclusive on the server). */
export const MICROSECOND = 1n;

const INSTANT = /^(\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

// A crawl reads every record's timestamp, so the form the Registry sends (Go's RFC 3339 in UTC:
// 2024-05-01T10:00:00.000123Z) is read by arithmetic on its characters, without a regular
// expression or a Date: days from the civil date (H. Hinnant's algorithm), then the clock.
const SAFE_SECONDS = 2 ** 53 / 1e6; // µs as a double are exact below this many seconds from the epoch

function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const year = m <= 2 ? y - 1 : y;
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const monthDays = (y: number, m: number) =>
  m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

function fastInstant(text: string): bigint | undefined {
  const n = text.length;
  // YYYY-MM-DDTHH:MM:SSZ, or with a fraction of 1 to 6 digits before the Z.
  if (n < 20 || n > 27 || n === 21 || text.charCodeAt(n - 1) !== 90) return undefined;
  if (text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':') return undefined;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  const h = digits(text, 11, 2);
  const mi = digits(text, 14, 2);
  const sec = digits(text, 17, 2);
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= monthDays(y, m) && h <= 23 && mi <= 59 && sec <= 59)) return undefined;
  let micros = 0;
  if (n > 20) {
    if (text[19] !== '.') return undefined;
    const fraction = digits(text, 20, n - 21);
    if (Number.isNaN(fraction)) return undefined;
    micros = fraction * 10 ** (6 - (n - 21));
  }
  const seconds = ((daysFromCivil(y, m, d) * 24 + h) * 60 + mi) * 60 + sec;
  if (Math.abs(seconds) >= SAFE_SECONDS) return undefined;
  return BigInt(seconds * 1_000_000 + micros);
}

/**
 * The instant a timestamp of a record (or a date of ours) names, in microseconds since the epoch;
 * undefined when it is not a timestamp, or is finer than a microsecond (a window could not then
 * say where it ends).
 */
export function parseInstant(text: unknown): bigint | undefined {
  if (typeof text !== 'string') return undefined;
  return fastInstant(text) ?? slowInstant(text);
}

function slowInstant(text: string): bigint | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = m;
  if (fraction.length > 6 && /[1-9]/.test(fraction.slice(6))) return undefined;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const seconds = Number(s);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || seconds > 59) return undefined;
  const base = Date.UTC(year, month - 1, day, Number(h), Number(mi), seconds);
  // Date.UTC maps years 0..99 to 1900..1999; the Registry's zero time is year 1.
  const date = new Date(base);
  if (year < 100) date.setUTCFullYear(year);
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return undefined; // 2024-02-30
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const micros = BigInt(fraction.slice(0, 6).padEnd(6, '0'));
  return BigInt(date.getTime()) * 1000n + micros - BigInt(offsetMinutes) * 60_000_000n;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The instant as the Registry reads it in a filter: UTC, always six fractional digits. */
export function formatInstant(micros: bigint): string {
  const ms = micros / 1000n - (micros % 1000n < 0n ? 1n : 0n); // floor, also before 1970
  const date = new Date(Number(ms));
  const fraction = date.getUTCMilliseconds() * 1000 + Number(micros - ms * 1000n);
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${pad(fraction, 6)}Z`
  );
}

/**
 * The Go zero time, which the Registry sends for a NULL timestamp ("0001-01-01T00:00:00Z"). A
 * NULL matches no range filter, so a list holding one cannot be crawled in windows of that column.
 */
export const ZERO_TIME = parseInstant('0001-01-01T00:00:00Z') as bigint;
