// Query validation and encoding. The Registry answers an unknown parameter or a badly typed value
// with HTTP 500 (errata §3.1, §7) and ignores empty values (so a typo'd filter silently returns
// everything); we refuse such input before any request is sent, naming the problem.
import { InvalidInputError } from './errors.js';

/** How a filter's value is checked and written. `oneOf` lists the values the server knows. */
export type FilterKind = 'int' | 'string' | 'date' | 'bool' | { oneOf: readonly string[] } | { listOf: readonly string[] };

/** A resource's filters, keyed by the Registry's own query names (the table is checked against the generated request type). */
export type FilterTable = Readonly<Record<string, FilterKind>>;

/** Paging and sorting keys every list takes (errata §2.2, §4). */
const PAGING = new Set(['page', 'per_page', 'sort']);

export interface QueryRules {
  resource: string;
  filters: FilterTable;
  sorts: readonly string[];
}

const INT = /^-?\d+$/;

function describe(value: unknown): string {
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  return `${typeof value} ${JSON.stringify(value)}`;
}

function toInteger(name: string, value: unknown, min?: number): number {
  const n = typeof value === 'string' && INT.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) {
    throw new InvalidInputError(`${name} must be an integer, got ${describe(value)}`);
  }
  if (min !== undefined && n < min) throw new InvalidInputError(`${name} must be at least ${min}, got ${n}`);
  return n;
}

/** A Date or a date string, sent as UTC ISO 8601: the server ignores offsets (errata §3.1). */
export function toUtcIso(name: string, value: unknown): string {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string' && value.trim() !== '') {
    const text = value.trim();
    // Date-only strings are UTC midnight; anything else must parse as an ISO 8601 timestamp.
    if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.test(text)) {
      date = new Date(/[T ]\d{2}:\d{2}/.test(text) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(text) ? `${text.replace(' ', 'T')}Z` : text);
    }
  }
  if (!date || Number.isNaN(date.getTime())) {
    throw new InvalidInputError(
      `${name} must be a Date or an ISO 8601 date such as 2024-05-01 or 2024-05-01T12:00:00Z, got ${describe(value)}`,
    );
  }
  return date.toISOString();
}

function checkOne(name: string, kind: FilterKind, value: unknown): string | number | boolean {
  if (value === null) throw new InvalidInputError(`${name} is null; omit it to not filter`);
  if (typeof value === 'string' && value === '') {
    throw new InvalidInputError(`${name} is empty; the Registry would ignore it and return unfiltered results. Omit it instead`);
  }
  if (kind === 'int') return toInteger(name, value);
  if (kind === 'date') return toUtcIso(name, value);
  if (kind === 'bool') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new InvalidInputError(`${name} must be true or false, got ${describe(value)}`);
  }
  if (typeof value !== 'string') throw new InvalidInputError(`${name} must be a string, got ${describe(value)}`);
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

export interface ValidateOptions {
  /** list() refuses per_page > 1000 (the server offsets before its cap, errata §2.2); all() clamps instead. */
  maxPerPage?: number;
}

/**
 * Checks a list's params against the resource's rules and returns them ready for the generated
 * layer: `__in` values as arrays (sent as repeated keys), Dates as UTC ISO strings, sort as an array.
 */
export function validateListParams(
  rules: QueryRules,
  params: Record<string, unknown> | undefined,
  options: ValidateOptions = {},
): Record<string, unknown> {
  if (params === undefined || params === null) return {};
  if (typeof params !== 'object' || Array.isArray(params)) {
    throw new InvalidInputError(`${rules.resource} params must be an object of filters, got ${describe(params)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (name === 'page') out.page = toInteger('page', value, 1);
    else if (name === 'per_page') {
      const perPage = toInteger('per_page', value, 1);
      const max = options.maxPerPage ?? 1000;
      if (perPage > max) {
        throw new InvalidInputError(
          `per_page must be at most ${max}: the Registry caps pages at 1000 after computing the offset, so a larger value skips records (errata §2.2). Use all() to read everything`,
        );
      }
      out.per_page = perPage;
    } else if (name === 'sort') out.sort = validateSort(rules, value);
    else if (name in rules.filters) {
      const kind = rules.filters[name];
      if (typeof kind === 'object' && 'listOf' in kind) {
        const values = Array.isArray(value) ? value : [value];
        if (values.length === 0)
          throw new InvalidInputError(`${name} is an empty list; the Registry would ignore it and return unfiltered results`);
        out[name] = values.map((v) => checkOne(name, { oneOf: kind.listOf }, v));
      } else {
        if (Array.isArray(value)) {
          throw new InvalidInputError(
            `${name} takes one value; only __in filters take several (the server reads just the first, errata §3.1)`,
          );
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

/** sort: one `column__asc|desc` or several, each one the server can execute (errata §4). */
export function validateSort(rules: QueryRules, value: unknown): string[] {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (typeof v !== 'string' || !rules.sorts.includes(v)) {
      throw new InvalidInputError(
        `sort ${describe(v)} is not a sort the Registry can run for ${rules.resource}; use one of ${rules.sorts.join(', ')}`,
      );
    }
  }
  return values as string[];
}
