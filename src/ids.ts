// Ids and identifiers for the show routes (errata §5.1).
import { InvalidInputError } from './errors.js';
import { INT32_MAX, checkText, describe } from './params.js';

/**
 * The column an id is looked up in: `integer` (32 bits: most ids) or `bigint` (alerts and
 * deletion requests, src/sandbox/query/pg-types.ts). An id beyond the column's range cannot exist.
 */
export type IdColumn = 'integer' | 'bigint';

/** A value as the messages have always shown it (JSON), without throwing on a BigInt or a symbol. */
function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return describe(value);
  }
}

/** A positive integer id: a number, or a string of digits (as a CLI argument arrives). */
export function toId(what: string, value: unknown, column: IdColumn = 'integer'): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    const safe = typeof n === 'number' && Number.isInteger(n) && n >= 1 ? ` at most ${Number.MAX_SAFE_INTEGER}` : '';
    throw new InvalidInputError(`${what} must be a positive integer${safe}, got ${shown(value)}`);
  }
  if (column === 'integer' && n > INT32_MAX) {
    throw new InvalidInputError(`${what} must be at most ${INT32_MAX} (the Registry's ids are 32-bit integers), got ${n}`);
  }
  return n;
}

// The server's reading of `*id`: errata §5.1.
/**
 * files/objects/events show routes take an id or an identifier. Identifiers may hold any character;
 * the generated layer percent-encodes the whole value (slashes too), and the server decodes it.
 * A number is an id; a string is an identifier, even one made only of digits (the server itself
 * would read that as an id).
 */
export function toIdOrIdentifier(what: string, value: unknown): number | string {
  if (typeof value === 'number') return toId(what, value);
  if (typeof value !== 'string' || value === '') {
    throw new InvalidInputError(`${what} must be a positive integer id or a non-empty identifier, got ${shown(value)}`);
  }
  // "." and ".." would be folded away by URL path normalisation before the request is sent.
  if (value === '.' || value === '..') throw new InvalidInputError(`${what} "${value}" cannot be sent as a path segment`);
  // A lone surrogate cannot be percent-encoded (encodeURIComponent throws), so it never reaches the server.
  return checkText(what, value);
}
