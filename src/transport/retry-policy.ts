// Which failures are worth another attempt, and how long to wait before it.
// Every member API call is a GET, so retrying never repeats a side effect.
import type { RegistryError } from '../errors.js';

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** Errors that are final whatever their code says (a body past maxResponseBytes is bad_response). */
const FINAL = new WeakSet<RegistryError>();

/** Marks an error as never worth another attempt; returns it. */
export function doNotRetry<E extends RegistryError>(error: E): E {
  FINAL.add(error);
  return error;
}

/**
 * Connection errors, timeouts, 429/502/503/504 and bodies that are not complete JSON or not a
 * Registry answer. Never 400/401/403/404, and never 500: the Registry answers bad parameters with
 * 500 (errata §7), so a 500 will not get better by asking again. Maintenance mode is not retried
 * either: it lasts. Nor is a body past maxResponseBytes: the same request would get the same body.
 */
export function isRetryable(error: RegistryError): boolean {
  if (FINAL.has(error)) return false;
  switch (error.code) {
    case 'network':
    case 'timeout':
    case 'bad_response':
    case 'rate_limited':
      return true;
    case 'server':
      return error.status !== undefined && RETRYABLE_STATUS.has(error.status);
    default:
      return false;
  }
}

/** Retry-After as milliseconds from now: delta-seconds or an HTTP-date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff with equal jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
 * half of the exponential ceiling for sure, the other half at random, capped at 30 s. So a wait is
 * never less than half the ceiling, unlike full jitter (anywhere from 0 to the ceiling).
 */
export function backoffDelay(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
