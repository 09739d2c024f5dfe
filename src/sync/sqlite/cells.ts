// A record's fields as SQLite values.
import type { ColumnKind } from './tables.js';

export type Cell = string | number | bigint | null;

// Go writes RFC 3339 with the fraction's trailing zeros cut (…:02Z, …:02.5Z, …:02.123456Z), and as
// text `…:02Z` sorts after `…:02.5Z`. Padded to six digits (PostgreSQL's microseconds), every
// timestamp has one length and text order is time order, so comparisons and indexes need no
// function calls. Anything else (an offset other than Z, a malformed value) is kept as it came.
const PADDABLE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,6})?Z$/;
const ZEROS = '000000';

/** `2024-05-01T12:00:00Z` → `2024-05-01T12:00:00.000000Z`; already-six-digit values pass as they are. */
export function normalizeTimestamp(text: string): string {
  if (text.length === 27 && text.charCodeAt(19) === 46 /* . */ && text.charCodeAt(26) === 90 /* Z */) return text;
  if (!PADDABLE.test(text)) return text;
  const fraction = text.length === 20 ? '' : text.slice(20, -1);
  return `${text.slice(0, 19)}.${fraction}${ZEROS.slice(fraction.length)}Z`;
}

/** One field as its column stores it; undefined (a field the server did not send) is NULL. */
export function cell(kind: ColumnKind, value: unknown): Cell {
  if (value === undefined || value === null) return null;
  switch (typeof value) {
    case 'string':
      return kind === 'time' ? normalizeTimestamp(value) : value;
    case 'number':
    case 'bigint':
      return value;
    case 'boolean':
      return value ? 1 : 0;
    default:
      // An object or array where a scalar belongs: kept readable rather than refused.
      return JSON.stringify(value);
  }
}
