// The one function that turns any failure into a RegistryError (errata §7 for the server's shapes).
import { isAxiosError } from 'axios';
import type { AxiosResponse } from 'axios';
import {
  AbortedError,
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RegistryError,
  ServerError,
  TimeoutError,
  scrubError,
  secretScrubber,
} from '../errors.js';
import type { RegistryErrorDetails } from '../errors.js';
import { isOverLimit, tooLarge } from './body.js';

export interface FailureContext {
  method: string;
  path: string;
  /** Our per-attempt deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  aborted: boolean;
  timeoutMs: number;
  baseUrl: string;
  /**
   * Values never to repeat (the API key). Optional: the key the failed request carried in its
   * X-Pharos-API-Key header is always masked too, so the server cannot echo it into an error.
   */
  secrets?: readonly string[];
  /** The cap on a decompressed body (maxResponseBytes), to recognise axios refusing one. */
  maxResponseBytes?: number;
}

type Scrub = (text: string) => string;

/** The key the request carried, from the request config an axios error holds. */
function requestKey(error: unknown): string | undefined {
  const headers = (error as { config?: { headers?: unknown } } | null | undefined)?.config?.headers;
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

function fromResponse(response: AxiosResponse, ctx: FailureContext, details: RegistryErrorDetails, scrub: Scrub): RegistryError {
  const status = response.status;
  const said = serverMessageOf(response.data, scrub);
  const where = `${ctx.method} ${ctx.path}`;
  const base = { ...details, status, serverMessage: said };
  const suffix = said ? `: ${said}` : '';
  if (status >= 300 && status < 400) {
    const location = String(response.headers?.location ?? '');
    if (location.includes('/users/2fa_choose')) {
      return new AuthenticationError('authentication', `${where} was redirected to the two-factor sign-in page (HTTP ${status})`, {
        ...base,
        hint: 'This user is part-way through a web sign-in with two-factor authentication: finish or cancel it in the Registry web UI, then retry.',
      });
    }
    if (location.includes('/maintenance')) {
      return new ServerError('maintenance', `${where}: the APTrust Registry is undergoing maintenance (HTTP ${status} to ${location})`, {
        ...base,
        status: 503,
        hint: 'Try again later.',
      });
    }
    let target = location;
    try {
      const url = new URL(location, ctx.baseUrl);
      target = url.origin === new URL(ctx.baseUrl).origin ? url.pathname : url.origin;
    } catch {
      /* keep the raw Location */
    }
    return new NetworkError(
      'redirect',
      `${where} answered HTTP ${status} redirecting to ${target}; redirects are not followed, so credentials never leave ${new URL(ctx.baseUrl).origin}`,
      base,
    );
  }
  if (status === 401) {
    const html = typeof response.data === 'string' && /<html/i.test(response.data);
    return new AuthenticationError('authentication', `${where} was refused: HTTP 401${suffix}`, {
      ...base,
      hint: html
        ? 'The Registry answered with a web page: this user may have a pending password reset; finish it in the web UI.'
        : KEY_HINT,
    });
  }
  if (status === 403) return new PermissionError('permission', `${where} was refused: HTTP 403${suffix}`, base);
  if (status === 404) return new NotFoundError('not_found', `${where}: HTTP 404${suffix}`, base);
  if (status === 429) return new ServerError('rate_limited', `${where}: HTTP 429 Too Many Requests${suffix}`, base);
  if (status >= 500) return new ServerError('server', `${where}: HTTP ${status}${suffix}`, base);
  return new RegistryError('http', `${where}: unexpected HTTP ${status}${suffix}`, base);
}

/**
 * Normalises one failed attempt. RegistryErrors pass through (masked). Nothing the server said
 * reaches the error with the key in it: every text is masked of the key (ctx.secrets and the
 * key the request carried), exactly and in its encoded forms.
 */
export function normalizeFailure(error: unknown, ctx: FailureContext): RegistryError {
  const scrub = secretScrubber([...(ctx.secrets ?? []), requestKey(error)]);
  return scrubError(normalized(error, ctx, scrub), scrub);
}

function normalized(error: unknown, ctx: FailureContext, scrub: Scrub): RegistryError {
  if (error instanceof RegistryError) return error;
  const where = `${ctx.method} ${ctx.path}`;
  const details: RegistryErrorDetails = { method: ctx.method, path: ctx.path, cause: sanitisedCause(error) };
  if (ctx.aborted) return new AbortedError('aborted', `${where} was aborted by the caller`, details);
  if (ctx.timedOut) return new TimeoutError('timeout', `${where} timed out after ${ctx.timeoutMs} ms without a complete response`, details);
  // Before the cut-off-body case below: a streamed body past the cap also fails with a response.
  if (ctx.maxResponseBytes !== undefined && isOverLimit(error, ctx.maxResponseBytes)) {
    return tooLarge(ctx.method, ctx.path, ctx.maxResponseBytes, (error as { response?: AxiosResponse }).response?.status);
  }
  if (isAxiosError(error) && error.response) {
    // A success status whose body broke off mid-stream (a reset or truncated response).
    if (error.response.status >= 200 && error.response.status < 300) {
      return new ServerError('bad_response', `${where}: the response body was cut off (${error.message})`, {
        ...details,
        status: error.response.status,
      });
    }
    return fromResponse(error.response, ctx, details, scrub);
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError('network', `${where} failed: ${typeof code === 'string' ? `${code} ` : ''}${message}`.trim(), details);
}
