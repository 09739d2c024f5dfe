// Ids and identifiers for the show routes (errata §5.1).
import { InvalidInputError } from './errors.js';

/** A positive integer id: a number, or a string of digits (as a CLI argument arrives). */
export function toId(what: string, value: unknown): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidInputError(
      `${what} must be a positive integer, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    );
  }
  return n;
}

/**
 * files/objects/events show routes take an id or an identifier. Identifiers may hold any character;
 * the generated layer percent-encodes the whole value (slashes too), and the server decodes it.
 * A number is an id; a string is an identifier, even one made only of digits (the server itself
 * would read that as an id, errata §5.1).
 */
export function toIdOrIdentifier(what: string, value: unknown): number | string {
  if (typeof value === 'number') return toId(what, value);
  if (typeof value !== 'string' || value === '') {
    throw new InvalidInputError(
      `${what} must be a positive integer id or a non-empty identifier, got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  // "." and ".." would be folded away by URL path normalisation before the request is sent.
  if (value === '.' || value === '..') throw new InvalidInputError(`${what} "${value}" cannot be sent as a path segment`);
  return value;
}
