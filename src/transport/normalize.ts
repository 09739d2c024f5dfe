// The one function that makes a RegistryError, registryError(), from a description of what went
// wrong (errata §7 for the server's shapes), and failureOf(), which tells what a thrown value was.
// No axios at run time: the crawl (src/paginate.ts) makes its errors here without loading it.
import type { AxiosResponse } from 'axios';
import {
  AbortedError,
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RegistryError,
  ServerError,
  TimeoutError,
  scrubError,
} from '../errors.js';
import type { RegistryErrorDetails, ServerErrorCode } from '../errors.js';
import { secretScrubber } from '../secrets.js';
import { proxyFailureOf } from './proxy.js';
import { doNotRetry, parseRetryAfter } from './retry-policy.js';

/** What went wrong, before it is an error. Every RegistryError the client makes comes from one. */
export type Failure = What & {
  /** The thrown value behind it, if any: kept only as a sanitised summary, never with its request config. */
  cause?: unknown;
};

type What =
  // Any status but a success (a redirect too): the server's answer.
  | { kind: 'status'; response: AxiosResponse }
  // A success status whose body broke off (a reset, a truncated stream).
  | { kind: 'cut-off'; status: number }
  // A success status whose body is not (complete) JSON: HTML from a proxy, a truncated body.
  | { kind: 'not-json'; status: number; bytes: number }
  // A body past maxResponseBytes, once decompressed. Not retried.
  | { kind: 'too-large'; status?: number; limit: number }
  // JSON, but not the Registry answer it should be: a list envelope, or a record that is not one.
  | { kind: 'not-registry'; status?: number; problem: string }
  // A crawl page that brought nothing new: the server (or a proxy) ignores `page`.
  | { kind: 'repeated-page'; page: number; resource: string }
  // Our per-attempt deadline fired.
  | { kind: 'timeout'; timeoutMs: number }
  // The caller's signal fired: while the request was out (or its retry wait), or before it was sent.
  | { kind: 'aborted'; sent: boolean; subject?: string }
  // No answer: refused, reset, DNS, TLS.
  | { kind: 'network' };

/** The request a failure belongs to and how it was tried; all optional (a crawl's own checks have no request). */
export interface RequestInfo {
  /** The HTTP method, e.g. `GET`. */
  method?: string;
  /** Path and query of the request. */
  path?: string;
  /** How many attempts were made. */
  attempts?: number;
  /** Set when the client stops retrying a failure that was retried: because of the attempts or of the time budget. */
  gaveUp?: 'attempts' | 'time';
  /** The client's base URL, for saying where a redirect points. */
  baseUrl?: string;
  /** Values never to repeat (the API key, proxy credentials); the key a failed request carried is masked too. */
  secrets?: readonly string[];
  /** The proxy the request went through (without credentials), for naming it in a network error. */
  proxy?: { label: string; source: string };
}

/** What each error was made from, so the attempt loop can make it again with its attempts. */
const MADE = new WeakMap<RegistryError, Failure>();

/**
 * The one function that makes a RegistryError. Class, code, message, hint, status, the server's
 * own words and the retry note all come from here; every text is masked of the key (`secrets`
 * and the key the failed request carried), exactly and in its encoded forms.
 */
export function registryError(failure: Failure, request: RequestInfo = {}): RegistryError {
  const carried = failure.kind === 'status' ? failure.response : failure.cause;
  const scrub = secretScrubber([...(request.secrets ?? []), requestKey(carried)]);
  const error = scrubError(made(failure, request, scrub), scrub);
  // The same request would get the same body, at the same cost.
  if (failure.kind === 'too-large') doNotRetry(error);
  // Asking a proxy again with credentials it refused does not help, and can lock the account.
  if (failure.kind === 'network' && proxyFailureOf(failure.cause)?.status === 407) doNotRetry(error);
  MADE.set(error, failure);
  return error;
}

/** Retry-After of a failure as milliseconds from now (seconds or an HTTP date), if the server sent one. */
export function retryAfterOf(failure: Failure): number | undefined {
  return failure.kind === 'status' ? parseRetryAfter(failure.response.headers?.['retry-after']) : undefined;
}

/** Method and path of a request, from the request config axios keeps with a response or an error. */
export function requestOf(config: { method?: string; url?: string } | undefined): { method: string; path: string } {
  return { method: (config?.method ?? 'get').toUpperCase(), path: config?.url ?? '(unknown path)' };
}

/** How an attempt ended, besides the value thrown. */
export interface AttemptEnd {
  /** Our per-attempt deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  aborted: boolean;
  timeoutMs: number;
}

/**
 * What a value thrown in an attempt was: the caller's abort or our deadline first (a stream they
 * destroyed fails as a cut-off body), then what a body reader or check made, then axios's own.
 * A RegistryError not made here (none of ours; one a caller's `read` threw) stays as it is.
 */
export function failureOf(thrown: unknown, end: AttemptEnd): Failure | RegistryError {
  if (end.aborted) return { kind: 'aborted', sent: true, cause: thrown };
  if (end.timedOut) return { kind: 'timeout', timeoutMs: end.timeoutMs, cause: thrown };
  if (thrown instanceof RegistryError) return MADE.get(thrown) ?? thrown;
  const response = (thrown as { response?: AxiosResponse } | null | undefined)?.response;
  if (isAxiosError(thrown) && response) {
    return response.status >= 200 && response.status < 300
      ? { kind: 'cut-off', status: response.status, cause: thrown }
      : { kind: 'status', response, cause: thrown };
  }
  return { kind: 'network', cause: thrown };
}

/** As axios's own isAxiosError, which the crawl's imports must not load axios for. */
export function isAxiosError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { isAxiosError?: unknown }).isAxiosError === true;
}

type Scrub = (text: string) => string;

/** The key a request carried, from the request config an axios error or response holds. */
function requestKey(carrier: unknown): string | undefined {
  const headers = (carrier as { config?: { headers?: unknown } } | null | undefined)?.config?.headers;
  if (headers === null || typeof headers !== 'object') return undefined;
  const get = (headers as { get?: unknown }).get;
  if (typeof get === 'function') {
    const value: unknown = get.call(headers, 'X-Pharos-API-Key');
    if (typeof value === 'string') return value;
  }
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    if (name.toLowerCase() === 'x-pharos-api-key' && typeof value === 'string') return value;
  }
  return undefined;
}

const KEY_HINT =
  'Check APTRUST_REGISTRY_EMAIL and APTRUST_REGISTRY_API_KEY. Demo and production keys are separate: a key works only on the server that issued it.';

const TOO_LARGE_HINT =
  'No Registry page comes near this size: a proxy or server is sending something else. If the records really are that large, ask for fewer per page (per_page) or raise maxResponseBytes (APTRUST_REGISTRY_MAX_RESPONSE_BYTES).';

/**
 * The server's message from `{"StatusCode","Error"}` or `{"error"}`; a short excerpt of anything
 * else. `scrub` masks secrets: in the whole text before an excerpt is cut, so a cut through the
 * key cannot leave half of it.
 */
export function serverMessageOf(body: unknown, scrub: Scrub = (text) => text): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      const masked = scrub(body);
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(masked)?.[1]?.trim();
      const text =
        title ||
        masked
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
      return text.length > 200 ? `${text.slice(0, 200)}…` : text || undefined;
    }
  }
  if (parsed && typeof parsed === 'object') {
    const record = parsed as Record<string, unknown>;
    const message = record.Error ?? record.error;
    if (typeof message === 'string' && message !== '') return scrub(message);
  }
  return undefined;
}

/** A cause without the request config (which holds the key): just what went wrong. */
function sanitisedCause(error: unknown): Error | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = new Error(error.message);
  cause.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') Object.defineProperty(cause, 'code', { value: code, enumerable: false });
  cause.stack = `${cause.name}: ${cause.message}`;
  return cause;
}

/** What the retries came to, when they came to nothing: " (gave up after 3 attempts; last status 503)". */
function retryNote(request: RequestInfo, status: number | undefined): string {
  if (!request.gaveUp) return '';
  const why = request.gaveUp === 'time' ? 'the retry time budget ran out' : `gave up after ${request.attempts} attempts`;
  return ` (${why}; ${status !== undefined ? `last status ${status}` : 'no response'})`;
}

type Make = (message: string, details: RegistryErrorDetails) => RegistryError;

/** What an error will be: its class (with its code), its message before the retry note, its own details. */
interface Recipe {
  make: Make;
  message: string;
  details?: RegistryErrorDetails;
}

/** A class that sets its own code. */
const fixed =
  (Class: new (message: string, details: RegistryErrorDetails) => RegistryError): Make =>
  (message, details) =>
    new Class(message, details);
const serverError =
  (code: ServerErrorCode): Make =>
  (message, details) =>
    new ServerError(code, message, details);
const badResponse = serverError('bad_response');

function made(failure: Failure, request: RequestInfo, scrub: Scrub): RegistryError {
  const { method, path, attempts } = request;
  const where = method !== undefined && path !== undefined ? `${method} ${path}` : undefined;
  const { make, message, details } = recipe(failure, request, where, scrub);
  const all: RegistryErrorDetails = { method, path, attempts, cause: sanitisedCause(failure.cause), ...details };
  return make(message + retryNote(request, all.status), all);
}

function recipe(failure: Failure, request: RequestInfo, where: string | undefined, scrub: Scrub): Recipe {
  /** "GET /path: what happened", or what happened alone where there is no request (a crawl's own checks). */
  const at = (what: string) => (where ? `${where}: ${what}` : what);
  const subject = where ?? 'the request';
  switch (failure.kind) {
    case 'status':
      return fromResponse(failure.response, subject, request.baseUrl, scrub);
    case 'cut-off': {
      const reason = failure.cause instanceof Error ? ` (${failure.cause.message})` : '';
      return { make: badResponse, message: at(`the response body was cut off${reason}`), details: { status: failure.status } };
    }
    case 'not-json':
      return {
        make: badResponse,
        message: at(`the response body is not complete JSON (${failure.bytes} bytes)`),
        details: { status: failure.status },
      };
    case 'too-large':
      return {
        make: badResponse,
        message: at(
          `the response body is larger than maxResponseBytes (${failure.limit} bytes, counted after decompression); stopped reading`,
        ),
        details: { status: failure.status, hint: TOO_LARGE_HINT },
      };
    case 'not-registry':
      return { make: badResponse, message: at(failure.problem), details: { status: failure.status } };
    case 'repeated-page': {
      const { page, resource } = failure;
      return {
        make: badResponse,
        message: at(
          `page ${page} of the ${resource} crawl brought no record that was not on page ${page - 1}: the server (or a caching proxy) seems to ignore the page parameter, so the crawl would never end`,
        ),
        details: { hint: 'check for a proxy or cache between you and the Registry that drops or ignores the query string' },
      };
    }
    case 'timeout':
      return {
        make: fixed(TimeoutError),
        message: `${subject} timed out after ${failure.timeoutMs} ms without a complete response`,
      };
    case 'aborted': {
      const who = where ?? failure.subject ?? 'the request';
      return {
        make: fixed(AbortedError),
        message: failure.sent ? `${who} was aborted by the caller` : `${who} was not sent: its signal was already aborted`,
      };
    }
    case 'network':
      return network(failure.cause, subject, request.proxy);
  }
}

const PROXY_HINT = 'Check HTTPS_PROXY (http_proxy for an http URL), NO_PROXY, or the proxy option (CLI: --proxy, --no-proxy).';

/** No answer from the Registry: the connection failed, or the proxy in the way did. */
function network(cause: unknown, subject: string, proxy: RequestInfo['proxy']): Recipe {
  const make: Make = (message, details) => new NetworkError('network', message, details);
  const refused = proxyFailureOf(cause);
  if (refused) {
    const hint =
      refused.status === 407
        ? refused.withCredentials
          ? `The proxy refused the credentials in its URL (${refused.source}): check the user name and password (percent-encoded).`
          : `The proxy wants credentials: put them in its URL (http://user:password@host:port, percent-encoded) in ${refused.source}.`
        : refused.status !== undefined
          ? `The proxy could not (or would not) reach the Registry. ${PROXY_HINT}`
          : `The proxy is down or its address is wrong. ${PROXY_HINT}`;
    return { make, message: `${subject} failed: ${refused.message}`, details: { hint } };
  }
  const code = (cause as { code?: unknown } | null | undefined)?.code;
  const text = cause instanceof Error ? cause.message : String(cause);
  const through = proxy ? ` (through proxy ${proxy.label}, from ${proxy.source})` : '';
  return {
    make,
    message: `${subject} failed: ${typeof code === 'string' ? `${code} ` : ''}${text}`.trim() + through,
    details: proxy ? { hint: PROXY_HINT } : undefined,
  };
}

function fromResponse(response: AxiosResponse, where: string, baseUrl: string | undefined, scrub: Scrub): Recipe {
  const status = response.status;
  const said = serverMessageOf(response.data, scrub);
  const base = { status, serverMessage: said };
  const suffix = said ? `: ${said}` : '';
  if (status >= 300 && status < 400) {
    const location = String(response.headers?.location ?? '');
    if (location.includes('/users/2fa_choose')) {
      return {
        make: fixed(AuthenticationError),
        message: `${where} was redirected to the two-factor sign-in page (HTTP ${status})`,
        details: {
          ...base,
          hint: 'This user is part-way through a web sign-in with two-factor authentication: finish or cancel it in the Registry web UI, then retry.',
        },
      };
    }
    if (location.includes('/maintenance')) {
      return {
        make: serverError('maintenance'),
        message: `${where}: the APTrust Registry is undergoing maintenance (HTTP ${status} to ${location})`,
        details: { ...base, status: 503, hint: 'Try again later.' },
      };
    }
    const origin = baseUrl === undefined ? 'the configured origin' : new URL(baseUrl).origin;
    let target = location;
    try {
      const url = new URL(location, baseUrl);
      target = url.origin === origin ? url.pathname : url.origin;
    } catch {
      /* keep the raw Location */
    }
    return {
      make: (message, details) => new NetworkError('redirect', message, details),
      message: `${where} answered HTTP ${status} redirecting to ${target}; redirects are not followed, so credentials never leave ${origin}`,
      details: base,
    };
  }
  if (status === 401) {
    const html = typeof response.data === 'string' && /<html/i.test(response.data);
    return {
      make: fixed(AuthenticationError),
      message: `${where} was refused: HTTP 401${suffix}`,
      details: {
        ...base,
        hint: html
          ? 'The Registry answered with a web page: this user may have a pending password reset; finish it in the web UI.'
          : KEY_HINT,
      },
    };
  }
  if (status === 403)
    return {
      make: fixed(PermissionError),
      message: `${where} was refused: HTTP 403${suffix}`,
      details: base,
    };
  if (status === 404) return { make: fixed(NotFoundError), message: `${where}: HTTP 404${suffix}`, details: base };
  if (status === 429) {
    const retryAfter = retryAfterOf({ kind: 'status', response });
    return {
      make: (message, details) => new RateLimitError(message, { ...details, retryAfter }),
      message: `${where}: HTTP 429 Too Many Requests${suffix}`,
      details: base,
    };
  }
  if (status >= 500) return { make: serverError('server'), message: `${where}: HTTP ${status}${suffix}`, details: base };
  return {
    make: (message, details) => new RegistryError('http', message, details),
    message: `${where}: unexpected HTTP ${status}${suffix}`,
    details: base,
  };
}
