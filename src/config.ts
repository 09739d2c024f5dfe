// Client options: explicit options first, then environment variables (the names apt-cmd uses).
import type { Agent } from 'node:http';
import { ConfigurationError } from './errors.js';
import type { DebugListener } from './debug.js';
import { chooseProxy } from './transport/proxy.js';
import type { ProxyRoute } from './transport/proxy.js';

/**
 * The two APTrust Registry servers. A key works only on the server that issued it: a demo key
 * is refused (401) by production, and a production key by demo.
 */
export const ENVIRONMENTS = {
  /** The demo server, for trying things out with a demo account and key. */
  demo: 'https://demo.aptrust.org',
  /** The production server: your institution's real holdings. */
  production: 'https://repo.aptrust.org',
} as const;

/** A name for one of the {@link ENVIRONMENTS}: `'demo'` or `'production'`. */
export type Environment = keyof typeof ENVIRONMENTS;

/**
 * Options for {@link createClient}. Every one is optional: explicit options win, then the
 * environment variables (the names apt-cmd uses). A server and both credentials must come from
 * one or the other.
 * @example
 * ```ts
 * // Everything from APTRUST_REGISTRY_URL / _EMAIL / _API_KEY:
 * const fromEnv = createClient();
 * // A local sandbox, failing fast:
 * const local = createClient({ baseUrl: 'http://127.0.0.1:8080', user: 'me@example.edu', apiKey: 'key', timeoutMs: 5_000, maxAttempts: 1 });
 * ```
 */
export interface ClientOptions {
  /** `'demo'` or `'production'`. Default: from `APTRUST_REGISTRY_URL` (which may also say `demo` or `production`). */
  environment?: Environment;
  /** Any Registry URL, e.g. a local sandbox. Wins over `environment`. Env: `APTRUST_REGISTRY_URL`. A trailing `/member-api/v3` (which the client adds itself) is dropped. */
  baseUrl?: string;
  /** Your Registry login email (`X-Pharos-API-User`). Env: `APTRUST_REGISTRY_EMAIL`. */
  user?: string;
  /** Your API key (`X-Pharos-API-Key`). Env: `APTRUST_REGISTRY_API_KEY`. Never logged or printed. */
  apiKey?: string;
  /** Deadline for one attempt, connect to last byte. Default 60 000 ms. Env: `APTRUST_REGISTRY_TIMEOUT_MS`. */
  timeoutMs?: number;
  /** Attempts per request, retries included (connection errors, timeouts, 429/502/503/504, broken JSON). Default 4. A page of `all()` has `crawlMaxAttempts`. */
  maxAttempts?: number;
  /** Upper bound on the time spent retrying one request, backoff included. Default 120 000 ms. A page of `all()` has `crawlMaxRetryTimeMs`. */
  maxRetryTimeMs?: number;
  /** Base of the exponential backoff (with equal jitter: half of each exponential step fixed, the other half random). Default 500 ms. */
  retryBaseDelayMs?: number;
  /**
   * Attempts per page of an `all()` crawl, retries included (the same failures as `maxAttempts`;
   * nothing else is retried). A crawl of a million records runs for many minutes, and one page
   * out of its retries ends it all: a Registry restart or a proxy's bad minute should not.
   * `list()` and `get()` keep `maxAttempts`. Default 12 (some 1.5 to 3 minutes of backoff at the
   * default 500 ms base), or `maxAttempts` if that is more.
   */
  crawlMaxAttempts?: number;
  /**
   * Upper bound on the time spent retrying one page of an `all()` crawl, backoff and Retry-After
   * waits included (a longer Retry-After ends the retries). Default 600 000 ms (10 minutes), or
   * `maxRetryTimeMs` if that is more.
   */
  crawlMaxRetryTimeMs?: number;
  /**
   * Most bytes one response body may have once decompressed (gzip, deflate, brotli), for `list()`,
   * `get()` and every page of `all()`. Reading stops the moment a body goes past it, with a
   * `ServerError` (`bad_response`) that is not retried. Default 16 MiB (16 777 216), some 15 times
   * the largest 1000-record page. Env: `APTRUST_REGISTRY_MAX_RESPONSE_BYTES`.
   */
  maxResponseBytes?: number;
  /** Called for each request and response with allow-listed headers only. Default: none. */
  debug?: DebugListener;
  /**
   * The proxy to reach the Registry through, as a URL: `http://proxy.example.edu:3128`, with
   * credentials if it wants them (`http://user:password@proxy.example.edu:3128`, percent-encoded;
   * they go to the proxy only, as Proxy-Authorization, and are masked like the key). Every
   * request goes through a CONNECT tunnel, so the proxy sees the Registry's host and port and never
   * a request header. `false`: connect directly, whatever the environment says. Default: from
   * `https_proxy`/`HTTPS_PROXY` (an http `baseUrl`: `http_proxy`, lowercase only), unless
   * `no_proxy`/`NO_PROXY` lists the Registry's host; see the README, "Proxies". An explicit URL
   * is used whatever NO_PROXY says.
   */
  proxy?: string | false;
  /**
   * Your own `http.Agent` (for an http `baseUrl`) or `https.Agent` (https) for every request:
   * full control of sockets, TLS and tunnelling. The proxy settings are then not read (giving
   * both `agent` and a `proxy` URL is a ConfigurationError), and `client.close()` leaves the
   * agent open: it is yours to destroy.
   */
  agent?: Agent;
  /** Where environment variables are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
}

export interface ResolvedConfig {
  readonly baseUrl: string;
  readonly user: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly maxRetryTimeMs: number;
  readonly retryBaseDelayMs: number;
  /** The retry budget of a crawl page (all()): see ClientOptions.crawlMaxAttempts. */
  readonly crawlMaxAttempts: number;
  readonly crawlMaxRetryTimeMs: number;
  readonly maxResponseBytes: number;
  readonly debug: DebugListener | undefined;
  /** A function, not a field: the key is never an enumerable value anywhere. */
  readonly apiKey: () => string;
  /** The proxy every request goes through, if any (its credentials behind functions too). */
  readonly proxy: ProxyRoute | undefined;
  /** The caller's own agent, if given. */
  readonly agent: Agent | undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

function resolveBaseUrl(options: ClientOptions, env: Record<string, string | undefined>): string {
  // Own keys only: ENVIRONMENTS['toString'] would be Object.prototype's function.
  if (options.environment !== undefined && !Object.hasOwn(ENVIRONMENTS, options.environment)) {
    throw new ConfigurationError(`Unknown environment "${String(options.environment)}": use "demo" or "production".`);
  }
  const raw: unknown = options.baseUrl ?? (options.environment ? ENVIRONMENTS[options.environment] : undefined) ?? env.APTRUST_REGISTRY_URL;
  if (raw !== undefined && typeof raw !== 'string') {
    throw new ConfigurationError(`Registry URL must be a string such as https://demo.aptrust.org, got ${typeof raw}.`);
  }
  if (raw === undefined || raw.trim() === '') {
    throw new ConfigurationError(
      'No Registry chosen: pass { environment: "demo" | "production" } or { baseUrl }, or set APTRUST_REGISTRY_URL.',
    );
  }
  const value = raw.trim();
  if (value === 'demo' || value === 'production') return ENVIRONMENTS[value];
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(`Registry URL "${value}" is not a URL (expected e.g. https://demo.aptrust.org).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigurationError(`Registry URL "${value}" must be http(s).`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError('Registry URL must not carry a user name or password; use user/apiKey.');
  }
  // Credentials travel in headers on every request: only over TLS, except to this machine.
  if (url.protocol === 'http:' && !LOOPBACK.test(url.hostname)) {
    throw new ConfigurationError(
      `Refusing to send API credentials over plain http to ${url.host}: use https (http is allowed only for localhost, 127.0.0.0/8 and [::1]).`,
    );
  }
  if (url.search || url.hash) throw new ConfigurationError('Registry URL must not have a query or fragment.');
  // Every route is under /member-api/v3, which the client adds: a URL copied from a request
  // (https://host/member-api/v3/) would otherwise be sent /member-api/v3/member-api/v3/... and 404.
  return url.origin + url.pathname.replace(/\/+$/, '').replace(/\/member-api\/v3$/i, '');
}

/** The longest delay a Node timer can wait (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

function positive(name: string, value: number | string | undefined, fallback: number, max = Number.MAX_VALUE): number {
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n <= 0) throw new ConfigurationError(`${name} must be a positive number, got ${describeOption(value)}.`);
  if (n > max) {
    throw new ConfigurationError(
      `${name} must be at most ${max} ms (about 24 days: Node cannot schedule a longer timer, and would fire it at once), got ${String(value)}.`,
    );
  }
  return n;
}

function describeOption(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : typeof value;
}

function text(name: string, value: unknown): string {
  // typeof only: the value may be the key.
  if (typeof value !== 'string') throw new ConfigurationError(`${name} must be a string, got ${typeof value}.`);
  return value;
}

/** 16 MiB: some 15 times a 1000-record page of the largest records measured (README, "Retries and timeouts"). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Resolves options once and freezes the result. Throws ConfigurationError naming what is missing. */
export function resolveConfig(options: ClientOptions = {}): ResolvedConfig {
  const env = options.env ?? process.env;
  const baseUrl = resolveBaseUrl(options, env);
  const user = text('user', options.user ?? env.APTRUST_REGISTRY_EMAIL ?? '').trim();
  const key = text('apiKey', options.apiKey ?? env.APTRUST_REGISTRY_API_KEY ?? '');
  const missing = [user === '' && 'user (APTRUST_REGISTRY_EMAIL)', key === '' && 'apiKey (APTRUST_REGISTRY_API_KEY)'].filter(Boolean);
  if (missing.length > 0) {
    throw new ConfigurationError(`Missing credentials: ${missing.join(' and ')}. The Registry needs both on every call.`);
  }
  if (options.agent !== undefined && typeof options.proxy === 'string') {
    throw new ConfigurationError('Give either agent or proxy, not both: an agent of your own makes its own connections (tunnel included).');
  }
  if (options.agent !== undefined && (options.agent === null || typeof options.agent !== 'object')) {
    throw new ConfigurationError(
      `agent must be an http.Agent or https.Agent, got ${options.agent === null ? 'null' : typeof options.agent}.`,
    );
  }
  const proxy = options.agent === undefined ? chooseProxy(new URL(baseUrl), options.proxy, env) : undefined;
  const maxAttempts = Math.floor(positive('maxAttempts', options.maxAttempts, 4));
  // Also bounds every retry wait (a longer Retry-After ends the retries), so no wait overflows a timer.
  const maxRetryTimeMs = positive('maxRetryTimeMs', options.maxRetryTimeMs, 120_000, MAX_TIMER_MS);
  return Object.freeze({
    baseUrl,
    user,
    apiKey: () => key,
    timeoutMs: positive('timeoutMs', options.timeoutMs ?? env.APTRUST_REGISTRY_TIMEOUT_MS, 60_000, MAX_TIMER_MS),
    maxAttempts,
    maxRetryTimeMs,
    retryBaseDelayMs: positive('retryBaseDelayMs', options.retryBaseDelayMs, 500, MAX_TIMER_MS),
    // Never a smaller budget for a crawl page than for one request, unless asked for.
    crawlMaxAttempts: Math.floor(positive('crawlMaxAttempts', options.crawlMaxAttempts, Math.max(12, maxAttempts))),
    crawlMaxRetryTimeMs: positive('crawlMaxRetryTimeMs', options.crawlMaxRetryTimeMs, Math.max(600_000, maxRetryTimeMs), MAX_TIMER_MS),
    maxResponseBytes: Math.floor(
      positive('maxResponseBytes', options.maxResponseBytes ?? env.APTRUST_REGISTRY_MAX_RESPONSE_BYTES, DEFAULT_MAX_RESPONSE_BYTES),
    ),
    debug: options.debug,
    proxy,
    agent: options.agent,
  });
}
