// The debug hook: one event per request and per response, with an allow-list of headers (the
// Azure SDK way). Anything not on the list — the API key above all — is shown as REDACTED.
import { secretScrubber } from './secrets.js';

/**
 * What a {@link DebugListener} receives: one event per request sent, per response received and
 * per retry scheduled. Headers are allow-listed; every other header value (the API key above
 * all) reads `REDACTED`.
 */
export type DebugEvent =
  | {
      /** A request is about to be sent. */
      type: 'request';
      /** HTTP method, e.g. `GET`. */
      method: string;
      /** Path and query of the request, relative to the client's `baseUrl`. */
      url: string;
      /** 1 for the first attempt, 2 for the first retry… */
      attempt: number;
      /** Request headers; values not on the allow-list are `REDACTED`. */
      headers: Record<string, string>;
    }
  | {
      /** A response arrived (any status). */
      type: 'response';
      /** HTTP method, e.g. `GET`. */
      method: string;
      /** Path and query of the request, relative to the client's `baseUrl`. */
      url: string;
      /** 1 for the first attempt, 2 for the first retry… */
      attempt: number;
      /** The HTTP status code. */
      status: number;
      /** Milliseconds from the start of this attempt to the complete response. */
      durationMs: number;
      /** Response headers; values not on the allow-list are `REDACTED`. */
      headers: Record<string, string>;
    }
  | {
      /** A failed attempt will be retried after `delayMs`. */
      type: 'retry';
      /** HTTP method, e.g. `GET`. */
      method: string;
      /** Path and query of the request, relative to the client's `baseUrl`. */
      url: string;
      /** The attempt that failed. */
      attempt: number;
      /** How long the client waits before the next attempt: backoff with jitter, or `Retry-After` if longer. */
      delayMs: number;
      /** The failed attempt's error message. */
      reason: string;
    };

/**
 * The `debug` option of {@link ClientOptions}: called synchronously for each {@link DebugEvent}.
 * @example
 * ```ts
 * const client = createClient({
 *   environment: 'demo',
 *   user: 'me@example.edu',
 *   apiKey: process.env.KEY,
 *   debug: (e) => console.error(e.type, e.method, e.url, e.type === 'response' ? e.status : ''),
 * });
 * ```
 */
export type DebugListener = (event: DebugEvent) => void;

const ALLOWED_HEADERS = new Set([
  'accept',
  'content-type',
  'content-length',
  'user-agent',
  'date',
  'retry-after',
  'location',
  'cache-control',
  'pragma',
  'cf-ray',
  'x-pharos-api-user',
]);

/**
 * Copies headers for logging: allow-listed values as they are (with any of `secrets` masked, in
 * case a server echoes the key into, say, a Location), every other value REDACTED.
 */
export function redactHeaders(headers: unknown, secrets: readonly string[] = []): Record<string, string> {
  const scrub = secretScrubber(secrets);
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== 'object') return out;
  const plain =
    typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : (headers as Record<string, unknown>);
  for (const [name, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    const lower = name.toLowerCase();
    out[lower] = ALLOWED_HEADERS.has(lower) ? scrub(String(value)) : 'REDACTED';
  }
  return out;
}
