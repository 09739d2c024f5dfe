// The RegistryError hierarchy. Every failure of this package is one of these, never a raw
// AxiosError: an AxiosError carries the request config, and with it the X-Pharos-API-Key header.

/** What kind of failure an error is; stable strings for programs (and the CLI's exit codes). */
export type RegistryErrorCode =
  | 'invalid_input'
  | 'configuration'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'rate_limited'
  | 'server'
  | 'maintenance'
  | 'redirect'
  | 'bad_response'
  | 'timeout'
  | 'aborted'
  | 'network'
  | 'http';

/** The optional fields of a {@link RegistryError}, as passed to its constructor. */
export interface RegistryErrorDetails {
  /** The HTTP status of the last response; undefined when no response arrived. */
  status?: number;
  /** The server's own words, from either of its error shapes, `{"Error": …}` or `{"error": …}`. */
  serverMessage?: string;
  /** The HTTP method of the request, e.g. `GET`. */
  method?: string;
  /** Path and query of the request (never headers, never the base URL's credentials). */
  path?: string;
  /** How many attempts were made (1 when nothing was retried). */
  attempts?: number;
  /** A hint for a person: what to check next. */
  hint?: string;
  /** The underlying failure (a sanitised summary; never the request's headers). Not enumerable. */
  cause?: unknown;
}

/**
 * Any failure of the Registry client: every error the client throws or rejects with is one of
 * these (or a subclass), never a raw HTTP-library error, and none carries the API key.
 * Use `instanceof` on the subclasses, or switch on {@link RegistryError.code | code}.
 * @example
 * ```ts
 * try {
 *   await client.workItems.get(42);
 * } catch (err) {
 *   if (err instanceof NotFoundError) console.error('no such item');
 *   else if (err instanceof RegistryError) console.error(err.code, err.status, err.serverMessage, err.hint);
 *   else throw err;
 * }
 * ```
 */
export class RegistryError extends Error {
  static {
    // On the prototype, not an instance field: V8 writes the stack header at construction time.
    this.prototype.name = 'RegistryError';
  }
  /** What kind of failure this is; stable strings for programs. */
  readonly code: RegistryErrorCode;
  /** The HTTP status of the last response; undefined when no response arrived. */
  readonly status: number | undefined;
  /** The server's own words, from `{"Error": …}` or `{"error": …}`. */
  readonly serverMessage: string | undefined;
  /** The HTTP method of the request, e.g. `GET`. */
  readonly method: string | undefined;
  /** Path and query of the request (never headers, never the base URL's credentials). */
  readonly path: string | undefined;
  /** How many attempts were made (1 when nothing was retried). */
  readonly attempts: number | undefined;
  /** A hint for a person: what to check next. */
  readonly hint: string | undefined;

  /**
   * @param code - what kind of failure this is
   * @param message - a sentence for a person; never contains the API key
   * @param details - status, server message, request and hint, where known
   */
  constructor(code: RegistryErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(message);
    this.code = code;
    this.status = details.status;
    this.serverMessage = details.serverMessage;
    this.method = details.method;
    this.path = details.path;
    this.attempts = details.attempts;
    this.hint = details.hint;
    // `cause` stays off the enumerable surface: it is a sanitised summary anyway (src/transport/failure.ts),
    // but JSON.stringify and util.inspect of the error should show only our own fields.
    if (details.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: details.cause, enumerable: false, writable: true, configurable: true });
    }
  }

  /** The error's own fields for `JSON.stringify` (no stack, no cause). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      status: this.status,
      serverMessage: this.serverMessage,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
      hint: this.hint,
    };
  }
}

// ---- scrubbing: server text that echoes the key (the forms: src/secrets.ts) ----

export { MIN_SECRET_LENGTH, secretForms, secretScrubber } from './secrets.js';

/**
 * Masks the secrets in every text an error carries (message, stack, server message, hint, path
 * and its sanitised cause), in place, and returns it.
 */
export function scrubError<E extends RegistryError>(error: E, scrub: (text: string) => string): E {
  const fields = error as unknown as Record<string, unknown>;
  for (const name of ['message', 'stack', 'serverMessage', 'hint', 'path']) {
    const value = fields[name];
    if (typeof value === 'string') {
      const scrubbed = scrub(value);
      if (scrubbed !== value) fields[name] = scrubbed;
    }
  }
  const cause = (error as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    cause.message = scrub(cause.message);
    if (typeof cause.stack === 'string') cause.stack = scrub(cause.stack);
  }
  return error;
}

/** Bad input caught before any request was sent: unknown filter, wrong type, bad id, bad date. */
export class InvalidInputError extends RegistryError {
  static {
    this.prototype.name = 'InvalidInputError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('invalid_input', message, details);
  }
}

/** Missing or unusable client options: no URL, no credentials, credentials over plain http. */
export class ConfigurationError extends RegistryError {
  static {
    this.prototype.name = 'ConfigurationError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('configuration', message, details);
  }
}

/** HTTP 401: the email or key is wrong, or the key belongs to the other server. */
export class AuthenticationError extends RegistryError {
  static {
    this.prototype.name = 'AuthenticationError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('authentication', message, details);
  }
}

/** HTTP 403: another institution's record, or a user without a role. */
export class PermissionError extends RegistryError {
  static {
    this.prototype.name = 'PermissionError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('permission', message, details);
  }
}

/** HTTP 404: no such id or identifier (or a non-numeric id on a numeric route). */
export class NotFoundError extends RegistryError {
  static {
    this.prototype.name = 'NotFoundError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('not_found', message, details);
  }
}

/** The codes of a {@link ServerError}: one class, as the CLI's exit code (5) and a script's "try later" are one. */
export type ServerErrorCode = 'server' | 'rate_limited' | 'maintenance' | 'bad_response';

/**
 * HTTP 5xx and 429, maintenance mode, and bodies that are not the Registry answer they should be.
 * The one class with several codes besides {@link NetworkError}, so its code is an argument:
 * `server` (a 5xx), `maintenance` (lasts; not retried), `bad_response` (the body),
 * `rate_limited` (a {@link RateLimitError}).
 */
export class ServerError extends RegistryError {
  static {
    this.prototype.name = 'ServerError';
  }
  declare readonly code: ServerErrorCode;
  constructor(code: ServerErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(code, message, details);
  }
}

/** The details of a {@link RateLimitError}: those of any error, and how long the server asked us to wait. */
export interface RateLimitErrorDetails extends RegistryErrorDetails {
  /** The server's `Retry-After`, in milliseconds from when it answered; undefined when it sent none. */
  retryAfter?: number;
}

/** HTTP 429 Too Many Requests: code `rate_limited`, with the wait the server asked for. */
export class RateLimitError extends ServerError {
  static {
    this.prototype.name = 'RateLimitError';
  }
  declare readonly code: 'rate_limited';
  /** The server's `Retry-After` in milliseconds (seconds or an HTTP date, converted); undefined when it sent none. */
  readonly retryAfter: number | undefined;
  constructor(message: string, details: RateLimitErrorDetails = {}) {
    super('rate_limited', message, details);
    this.retryAfter = details.retryAfter;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfter: this.retryAfter };
  }
}

/** No response in time (connect to last byte), after the retries allowed. */
export class TimeoutError extends RegistryError {
  static {
    this.prototype.name = 'TimeoutError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('timeout', message, details);
  }
}

/** The caller's AbortSignal fired. */
export class AbortedError extends RegistryError {
  static {
    this.prototype.name = 'AbortedError';
  }
  constructor(message: string, details: RegistryErrorDetails = {}) {
    super('aborted', message, details);
  }
}

/** The codes of a {@link NetworkError}. */
export type NetworkErrorCode = 'network' | 'redirect';

/**
 * The connection failed or broke: refused, reset, DNS, TLS (`network`), or a redirect we will not
 * follow (`redirect`): two codes, so the code is an argument.
 */
export class NetworkError extends RegistryError {
  static {
    this.prototype.name = 'NetworkError';
  }
  declare readonly code: NetworkErrorCode;
  constructor(code: NetworkErrorCode, message: string, details: RegistryErrorDetails = {}) {
    super(code, message, details);
  }
}

/** Where in a local bag a {@link BagError} was found. */
export interface BagErrorDetails extends RegistryErrorDetails {
  /** The file at fault (a manifest, a tar, a bag directory), as given. */
  file?: string;
  /** The 1-based line of a manifest, when the fault is one line. */
  line?: number;
}

/**
 * A local bag that cannot be read or trusted (verifyObject): a malformed manifest line, a path
 * outside the bag (`..`, absolute), a duplicate entry, an unreadable tar. An
 * {@link InvalidInputError} (code `invalid_input`, CLI exit 2): it is found before any request is
 * sent, and the message names the file and line.
 */
export class BagError extends InvalidInputError {
  static {
    this.prototype.name = 'BagError';
  }
  /** The file at fault, as given. */
  readonly file: string | undefined;
  /** The 1-based manifest line, when the fault is one line. */
  readonly line: number | undefined;
  constructor(message: string, details: BagErrorDetails = {}) {
    super(message, details);
    this.file = details.file;
    this.line = details.line;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), file: this.file, line: this.line };
  }
}
