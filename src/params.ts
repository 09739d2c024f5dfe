// Query validation and encoding. The Registry answers an unknown parameter or a badly typed value
// with HTTP 500 (errata §3.1, §7) and ignores empty values (so a typo'd filter silently returns
// everything); we refuse such input before any request is sent, naming the problem.
import { InvalidInputError } from './errors.js';

/**
 * How a filter's value is checked and written. `oneOf` lists the values the server knows.
 * `int` is a column of PostgreSQL type `integer` (32 bits: most ids), `int64` one of type `bigint`
 * or `numeric` (sizes, file counts), as src/sandbox/query/pg-types.ts lists them from the
 * server's schema: a value outside the column's range is a 500 ("out of range for type integer").
 */
export type FilterKind = 'int' | 'int64' | 'string' | 'date' | 'bool' | { oneOf: readonly string[] } | { listOf: readonly string[] };

/** A resource's filters, keyed by the Registry's own query names (the table is checked against the generated request type). */
export type FilterTable = Readonly<Record<string, FilterKind>>;

/** Paging and sorting keys every list takes (errata §2.2, §4). */
const PAGING = new Set(['page', 'per_page', 'sort']);

/** list() refuses per_page > 1000 (the server offsets before its cap, errata §2.2); all() clamps before it gets here. */
const MAX_PER_PAGE = 1000;

export interface QueryRules {
  resource: string;
  filters: FilterTable;
  sorts: readonly string[];
}

const INT = /^-?\d+$/;

/** The range of a PostgreSQL `integer` column (most ids). */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/** A value for an error message. Never throws (BigInt, symbols, cycles, hostile getters). */
export function describe(value: unknown): string {
  try {
    return describeValue(value);
  } catch {
    return typeof value;
  }
}

function describeValue(value: unknown): string {
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'bigint':
      return `bigint ${value}n`;
    case 'symbol':
    case 'function':
    case 'undefined':
      return typeof value;
    case 'object': {
      const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
      if (proto !== null && proto !== Object.prototype) {
        const ctorName = proto.constructor?.name;
        return `a ${typeof ctorName === 'string' && ctorName !== '' ? ctorName : 'non-plain object'}`;
      }
      break;
    }
    default:
  }
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`;
}

function toInteger(name: string, value: unknown, min?: number, max?: number): number {
  const n = typeof value === 'string' && INT.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new InvalidInputError(`${name} must be an integer, got ${describe(value)}`);
  }
  if (min !== undefined && n < min) throw new InvalidInputError(`${name} must be at least ${min}, got ${n}`);
  if (!Number.isSafeInteger(n)) {
    throw new InvalidInputError(`${name} must be a safe integer (at most ${Number.MAX_SAFE_INTEGER} in size), got ${describe(value)}`);
  }
  if (max !== undefined && n > max) throw new InvalidInputError(`${name} must be at most ${max}, got ${n}`);
  return n;
}

/** An `integer` column's value (32 bits); the server answers 500 "out of range for type integer" beyond. */
function toInt32(name: string, value: unknown): number {
  const n = toInteger(name, value);
  if (n < INT32_MIN || n > INT32_MAX) {
    throw new InvalidInputError(
      `${name} must be from ${INT32_MIN} to ${INT32_MAX} (the Registry's integer column; it answers 500 "out of range" beyond), got ${n}`,
    );
  }
  return n;
}

/**
 * Text the server can take: well-formed Unicode (a lone surrogate cannot be encoded in a URL at
 * all) and no NUL character (PostgreSQL text cannot hold one).
 */
export function checkText(name: string, value: string): string {
  if (/\p{Cs}/u.test(value)) {
    throw new InvalidInputError(`${name} contains a lone UTF-16 surrogate, which cannot be sent (it is not valid Unicode)`);
  }
  if (value.includes('\u0000')) throw new InvalidInputError(`${name} contains a NUL character, which the Registry cannot store or match`);
  return value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|([+-])(\d{2}):?(\d{2}))?)?$/i;

function dateInputError(name: string, value: unknown): InvalidInputError {
  return new InvalidInputError(
    `${name} must be a Date or an ISO 8601 date such as 2024-05-01 or 2024-05-01T12:00:00Z, got ${describe(value)}`,
  );
}

/** Milliseconds since the epoch of a UTC date and time; unlike Date.UTC, years 0-99 are not 1900-1999. */
function utc(year: number, month: number, day: number, h = 0, mi = 0, s = 0): number {
  const date = new Date(Date.UTC(2000, month, day, h, mi, s));
  date.setUTCFullYear(year, month, day);
  return date.getTime();
}

/** The years the server can store and parse: 0001 to 9999 (0000, negative and five-digit years give 500s). */
function checkYear(name: string, value: unknown, instant: number): void {
  const year = new Date(instant).getUTCFullYear();
  if (year < 1 || year > 9999) {
    throw new InvalidInputError(`${name} must be a date in the years 0001 to 9999 (in UTC), got ${describe(value)}`);
  }
}

/** A date as it is sent (`text`) and the instant it names (`time`, epoch milliseconds). */
interface UtcDate {
  text: string;
  time: number;
}

/**
 * A date string as the server should read it. The server ignores a time-zone offset (it read
 * `12:00+05:00` as 12:00 UTC in the recorded exchanges), so an offset is applied here and the
 * instant sent in UTC. The fraction of a second is kept digit for digit: the Registry stores
 * microseconds, and a record's own `updated_at` rounded to milliseconds would miss that record in
 * `updated_at__lteq`. A date alone is sent as it is (midnight UTC to the server). `time` keeps
 * milliseconds (further digits cut, as Date.parse does).
 */
function isoDateString(name: string, text: string): UtcDate {
  const m = ISO_DATE.exec(text);
  if (!m) throw dateInputError(name, text);
  const [, y, mo, d, hh, mi, ss = '00', fraction, zone, sign, oh, om] = m;
  const day = new Date(utc(Number(y), Number(mo) - 1, Number(d)));
  const valid =
    day.getUTCFullYear() === Number(y) &&
    day.getUTCMonth() === Number(mo) - 1 &&
    day.getUTCDate() === Number(d) &&
    (hh === undefined || (Number(hh) < 24 && Number(mi) < 60 && Number(ss) < 60)) &&
    (oh === undefined || (Number(oh) < 24 && Number(om) < 60));
  if (!valid) throw dateInputError(name, text);
  checkYear(name, text, day.getTime());
  if (hh === undefined) return { text: `${y}-${mo}-${d}`, time: day.getTime() };
  let instant = utc(Number(y), Number(mo) - 1, Number(d), Number(hh), Number(mi), Number(ss));
  if (zone && zone.toUpperCase() !== 'Z') instant -= (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  checkYear(name, text, instant); // an offset can move 0001-01-01 or 9999-12-31 out of range
  const seconds = new Date(instant).toISOString().slice(0, 19);
  return {
    text: `${seconds}${fraction === undefined ? '' : `.${fraction}`}Z`,
    time: instant + Number((fraction ?? '').slice(0, 3).padEnd(3, '0')),
  };
}

/** A Date (sent as UTC ISO 8601, milliseconds) or a date string (see isoDateString). */
function parseUtc(name: string, value: unknown): UtcDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw dateInputError(name, value);
    checkYear(name, value.toISOString(), value.getTime());
    return { text: value.toISOString(), time: value.getTime() };
  }
  if (typeof value === 'string' && value.trim() !== '') return isoDateString(name, value.trim());
  throw dateInputError(name, value);
}

/**
 * A date as the client sends it to the Registry, for a date filter such as `updated_at__gteq`:
 * what a list does with a date you give it, for checking a date early or showing it.
 *
 * Takes a Date, or an ISO 8601 date (`2024-05-01`) or date and time (`2024-05-01T12:00:00Z`;
 * `T` or a space; seconds and a fraction optional; `Z`, an offset such as `+05:00` or `-0500`, or
 * none for UTC). An offset is applied and the time given in UTC, because the Registry ignores
 * offsets; the fraction of a second is kept digit for digit (the Registry stores microseconds);
 * a date alone stays a date (midnight UTC to the Registry). Days that are not in the calendar
 * (`2024-02-30`) and years outside 0001 to 9999 (in UTC) are refused.
 *
 * @param value - a Date, or an ISO 8601 date string
 * @param name - what to call the value in an error message (default `date`)
 * @returns the date as sent: `2024-05-01`, or `2024-05-01T07:00:00.123456Z` for `2024-05-01T12:00:00.123456+05:00`
 * @throws {@link InvalidInputError} if the value is not such a date
 * @example
 * ```ts
 * registryDate('2024-05-01T12:00+05:00'); // '2024-05-01T07:00:00Z'
 * ```
 */
export function registryDate(value: Date | string, name = 'date'): string {
  return parseUtc(name, value).text;
}

/**
 * The instant a date names as the Registry reads it: the same dates as {@link registryDate}
 * takes, with a date alone and a time without an offset in UTC (the Registry's dates are UTC), to
 * compare with a record's own dates (`Date.parse(item.created_at)`). Milliseconds: further digits
 * of a fraction are cut.
 *
 * @param value - a Date, or an ISO 8601 date string
 * @param name - what to call the value in an error message (default `date`)
 * @returns a new Date
 * @throws {@link InvalidInputError} if the value is not such a date
 */
export function registryInstant(value: Date | string, name = 'date'): Date {
  return new Date(parseUtc(name, value).time);
}

function checkOne(name: string, kind: FilterKind, value: unknown): string | number | boolean {
  if (value === null) throw new InvalidInputError(`${name} is null; omit it to not filter`);
  if (typeof value === 'string' && value === '') {
    throw new InvalidInputError(`${name} is empty; the Registry would ignore it and return unfiltered results. Omit it instead`);
  }
  if (kind === 'int') return toInt32(name, value);
  if (kind === 'int64') return toInteger(name, value);
  if (kind === 'date') return parseUtc(name, value).text;
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new InvalidInputError(`${name} must be true or false, got ${describe(value)}`);
  }
  if (typeof value !== 'string') throw new InvalidInputError(`${name} must be a string, got ${describe(value)}`);
  checkText(name, value);
  if (typeof kind === 'object' && 'oneOf' in kind && !kind.oneOf.includes(value)) {
    throw new InvalidInputError(
      `${name} must be one of ${kind.oneOf.map((v) => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  // errata §3.2: the spec's `x__is_not_null` is the server's `x__not_null`.
  const renamed = name.replace(/__is_not_null$/, '__not_null');
  if (renamed !== name && candidates.includes(renamed)) return renamed;
  const base = name.replace(/__[a-z_]+$/, '');
  return candidates.find((c) => c === base) ?? candidates.find((c) => c.startsWith(`${base}__`) || name.startsWith(c));
}

/**
 * Params are a plain object (or none): its own enumerable keys are the filters. Anything else is
 * refused, not read as "no filters": a Map or URLSearchParams has no own enumerable keys, so it
 * would send an unfiltered request.
 */
export function checkParamsShape(resource: string, params: unknown): void {
  if (params === undefined || params === null) return;
  const proto: unknown = typeof params === 'object' ? Object.getPrototypeOf(params) : undefined;
  if (typeof params === 'object' && !Array.isArray(params) && (proto === Object.prototype || proto === null)) return;
  const hint =
    params instanceof URLSearchParams || params instanceof Map
      ? '; pass a plain object such as { status: "Failed" } (Object.fromEntries would drop repeated keys: give __in filters an array)'
      : '';
  throw new InvalidInputError(`${resource} params must be an object of filters (a plain object), got ${describe(params)}${hint}`);
}

/**
 * Checks a list's params against the resource's rules and returns them ready for the generated
 * layer: `__in` values as arrays (sent as repeated keys), Dates as UTC ISO strings, sort as an array.
 */
export function validateListParams(rules: QueryRules, params: Record<string, unknown> | undefined): Record<string, unknown> {
  checkParamsShape(rules.resource, params);
  if (params === undefined || params === null) return {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (name === 'page') out.page = toInteger('page', value, 1);
    else if (name === 'per_page') {
      const perPage = toInteger('per_page', value, 1);
      if (perPage > MAX_PER_PAGE) {
        throw new InvalidInputError(
          `per_page must be at most ${MAX_PER_PAGE}: the Registry caps pages at 1000 after computing the offset, so a larger value skips records. Use all() to read everything`,
        );
      }
      out.per_page = perPage;
    } else if (name === 'sort') out.sort = validateSort(rules, value);
    // Own keys only: `name in` would take "constructor" or "toString" for a filter of every resource.
    else if (Object.hasOwn(rules.filters, name)) {
      const kind = rules.filters[name];
      if (typeof kind === 'object' && 'listOf' in kind) {
        const values = Array.isArray(value) ? value : [value];
        if (values.length === 0)
          throw new InvalidInputError(`${name} is an empty list; the Registry would ignore it and return unfiltered results`);
        out[name] = values.map((v) => checkOne(name, { oneOf: kind.listOf }, v));
      } else {
        if (Array.isArray(value)) {
          throw new InvalidInputError(`${name} takes one value; only __in filters take several (the server reads just the first)`);
        }
        out[name] = checkOne(name, kind, value);
      }
    } else {
      const hint = closest(name, Object.keys(rules.filters));
      throw new InvalidInputError(
        `unknown filter "${name}" for ${rules.resource}${hint ? ` (did you mean "${hint}"?)` : ''}; the Registry answers unknown parameters with HTTP 500. Valid: ${[...PAGING, ...Object.keys(rules.filters)].join(', ')}`,
      );
    }
  }
  return out;
}

/** sort: one `column`, `column__asc` or `column__desc`, or several, each one the server can execute. */
export function validateSort(rules: QueryRules, value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string' || !rules.sorts.includes(v)) {
      const columns = rules.sorts.filter((s) => !/__(asc|desc)$/.test(s));
      throw new InvalidInputError(
        `sort ${describe(v)} is not a sort the Registry can run for ${rules.resource}; use a column alone (ascending) or with __asc or __desc: ${columns.join(', ')}`,
      );
    }
  }
  return values as string[];
}
