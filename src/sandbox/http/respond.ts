import { goJSON } from '../gojson.js';

/** A response built by a handler before anything is written, so faults can mangle it. */
export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Set on a list answered by the registry (200): what its query read, for the cost model. */
  list?: ListAnswer;
}

/** A list page's position: the rows the view read are `offset + returned`. */
export interface ListAnswer {
  offset: number;
  returned: number;
}

/**
 * SetDefaultHeaders in the server's Authenticate middleware puts these on every response that
 * reaches it (401s included; not gin's 301s, which come before any middleware). Recorded on
 * every JSON exchange, e.g. paging.files.no_params and errors.auth.no_headers.
 */
export const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-cache',
  Pragma: 'no-store',
  'X-Xss-Protection': '1',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy':
    "default-src 'self'; font-src 'self' fonts.gstatic.com; style-src 'self' 'unsafe-inline' fonts.googleapis.com; script-src 'self' 'unsafe-inline'",
};

export function jsonResponse(status: number, value: unknown, extra: Record<string, string> = {}): SandboxResponse {
  return jsonBodyResponse(status, goJSON(value), extra);
}

/** A JSON response whose body is already encoded the way goJSON would. */
export function jsonBodyResponse(status: number, body: string, extra: Record<string, string> = {}): SandboxResponse {
  return { status, headers: { 'Content-Type': 'application/json; charset=utf-8', ...DEFAULT_HEADERS, ...extra }, body };
}

/** Handler-error envelope `api.RequestError` — capitalised keys, int StatusCode (errata §7). */
export function handlerError(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { StatusCode: status, Error: message });
}

/** Middleware envelope from authorize.go — a single lower-case `error` key (errata §7). */
export function middlewareError(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { error: message });
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

const STATUS_TEXT: Record<number, string> = { 301: 'Moved Permanently', 302: 'Found' };

/** net/http's http.Redirect for a GET: a tiny HTML body naming the target. */
export function redirectResponse(status: 301 | 302, location: string, extra: Record<string, string> = {}): SandboxResponse {
  return {
    status,
    headers: { Location: location, 'Content-Type': 'text/html; charset=utf-8', ...extra },
    body: `<a href="${htmlEscape(location)}">${STATUS_TEXT[status]}</a>.\n\n`,
  };
}

export function textResponse(
  status: number,
  body: string,
  contentType = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
): SandboxResponse {
  return { status, headers: { 'Content-Type': contentType, ...extra }, body };
}

/** Thrown by parsing code deep inside a handler; the server turns it into its response. */
export class HttpFailure extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`);
  }
}

/** A Postgres error surfaced verbatim as a 500 (errata §3.1, §4). */
export function pgFailure(code: string, message: string): HttpFailure {
  return new HttpFailure(handlerError(500, `ERROR #${code} ${message}`));
}
