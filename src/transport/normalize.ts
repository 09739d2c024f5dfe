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
} from '../errors.js';
import type { RegistryErrorDetails } from '../errors.js';

export interface FailureContext {
  method: string;
  path: string;
  /** Our per-attempt deadline fired. */
  timedOut: boolean;
  /** The caller's signal fired. */
  aborted: boolean;
  timeoutMs: number;
  baseUrl: string;
}

const KEY_HINT =
  'Check APTRUST_REGISTRY_EMAIL and APTRUST_REGISTRY_API_KEY. Demo and production keys are separate: a key works only on the server that issued it.';

/** The server's message from `{"StatusCode","Error"}` or `{"error"}`; a short excerpt of anything else. */
export function serverMessageOf(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
      const text =
        title ||
        body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
      return text.length > 200 ? `${text.slice(0, 200)}…` : text || undefined;
    }
  }
  if (parsed && typeof parsed === 'object') {
    const record = parsed as Record<string, unknown>;
    const message = record.Error ?? record.error;
    if (typeof message === 'string' && message !== '') return message;
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

function fromResponse(response: AxiosResponse, ctx: FailureContext, details: RegistryErrorDetails): RegistryError {
  const status = response.status;
  const said = serverMessageOf(response.data);
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

/** Normalises one failed attempt. RegistryErrors pass through unchanged. */
export function normalizeFailure(error: unknown, ctx: FailureContext): RegistryError {
  if (error instanceof RegistryError) return error;
  const where = `${ctx.method} ${ctx.path}`;
  const details: RegistryErrorDetails = { method: ctx.method, path: ctx.path, cause: sanitisedCause(error) };
  if (ctx.aborted) return new AbortedError('aborted', `${where} was aborted by the caller`, details);
  if (ctx.timedOut) return new TimeoutError('timeout', `${where} timed out after ${ctx.timeoutMs} ms without a complete response`, details);
  if (isAxiosError(error) && error.response) {
    // A success status whose body broke off mid-stream (a reset or truncated response).
    if (error.response.status >= 200 && error.response.status < 300) {
      return new ServerError('bad_response', `${where}: the response body was cut off (${error.message})`, {
        ...details,
        status: error.response.status,
      });
    }
    return fromResponse(error.response, ctx, details);
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return new NetworkError('network', `${where} failed: ${typeof code === 'string' ? `${code} ` : ''}${message}`.trim(), details);
}
