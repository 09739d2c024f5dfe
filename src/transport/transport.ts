// The one axios instance: headers, User-Agent, origin rules, per-attempt deadlines, retries.
import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import type { AxiosInstance, AxiosResponse, RawAxiosRequestConfig } from 'axios';
import { MAX_TIMER_MS } from '../config.js';
import type { ResolvedConfig } from '../config.js';
import { redactHeaders } from '../debug.js';
import { AbortedError } from '../errors.js';
import type { RegistryError } from '../errors.js';
import { VERSION } from '../version.js';
import { errorBodyText, isReadable, parseJsonBody } from './body.js';
import { normalizeFailure } from './normalize.js';
import { backoffDelay, isRetryable, parseRetryAfter, sleep } from './retry-policy.js';

export interface CallOptions {
  /** Cancels the call (and any retry wait). */
  signal?: AbortSignal;
}

/** Call options with `read`, which turns a successful response into the result. */
export interface ReadOptions<T> extends CallOptions {
  /** Runs inside the attempt, under its deadline: throwing a retryable error from here retries it. */
  read: (response: AxiosResponse<unknown>) => T | Promise<T>;
}

export type WireCall<T> = (options: RawAxiosRequestConfig) => Promise<AxiosResponse<T>>;

export interface Transport {
  readonly axios: AxiosInstance;
  /** Runs one API call with deadlines, retries and error normalisation; resolves to the parsed body. */
  execute<T>(call: WireCall<T>, options?: CallOptions): Promise<T>;
  /** The same, with the result made by `options.read` instead of parsing the body. */
  execute<T>(call: WireCall<unknown>, options: ReadOptions<T>): Promise<T>;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export const USER_AGENT = `aptrust-registry-client/${VERSION} (+https://www.npmjs.com/package/aptrust-registry-client; node ${process.version})`;

/**
 * Sockets per client (per agent, so per origin). Enough for a crawl at 4–8 pages in parallel with
 * room to spare; the Registry checks the key with bcrypt on every request, so more connections
 * than this only queue on the server, and 1000 parallel get() would otherwise open a connection
 * (and a TLS handshake) each. Requests beyond it wait in the agent, inside their timeoutMs.
 */
export const MAX_SOCKETS = 16;

export function createTransport(config: ResolvedConfig): Transport {
  const agentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const instance = axios.create({
    baseURL: config.baseUrl,
    // axios CVE-2025-27152: an absolute URL would otherwise bypass baseURL, headers and all.
    allowAbsoluteUrls: false,
    // errata §1.2: the server redirects to 2FA and maintenance pages; following redirects with our
    // custom headers could also carry the key to another host. We follow none.
    maxRedirects: 0,
    httpAgent,
    httpsAgent,
    proxy: false,
    // Every body, buffered (list, get) or streamed (crawl pages), errors or not: axios counts the
    // bytes after decompression and, past the cap, destroys the stream and the request at once
    // (lib/adapters/http.js). The error is told apart in normalize.ts; it is not retried.
    maxContentLength: config.maxResponseBytes,
    // Parse JSON ourselves, so a truncated or HTML body is an error rather than a string.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' },
  });
  const debug = config.debug;
  if (debug) {
    instance.interceptors.request.use((request) => {
      const meta = request as { attempt?: number };
      debug({
        type: 'request',
        method: (request.method ?? 'get').toUpperCase(),
        url: request.url ?? '',
        attempt: meta.attempt ?? 1,
        headers: redactHeaders(request.headers),
      });
      return request;
    });
  }

  function emitResponse(response: AxiosResponse, attempt: number, started: number) {
    debug?.({
      type: 'response',
      method: (response.config?.method ?? 'get').toUpperCase(),
      url: response.config?.url ?? '',
      attempt,
      status: response.status,
      durationMs: Date.now() - started,
      // A Location header (or any other) that echoes the key is masked too.
      headers: redactHeaders(response.headers, [config.apiKey()]),
    });
  }

  type Attempt<T> = { ok: true; value: T } | { ok: false; error: RegistryError; retryAfter: unknown };

  /** One attempt under its own deadline; failures come back normalised, with the Retry-After header. */
  async function attemptOnce<T>(
    call: WireCall<unknown>,
    attempt: number,
    read: (response: AxiosResponse<unknown>) => T | Promise<T>,
    signal?: AbortSignal,
  ): Promise<Attempt<T>> {
    const deadline = new AbortController();
    const onAbort = () => deadline.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    // A signal aborted before this attempt never fires 'abort': end the attempt before it is sent.
    if (signal?.aborted) deadline.abort(signal.reason);
    const timer = setTimeout(() => deadline.abort(new Error('timeout')), config.timeoutMs);
    const started = Date.now();
    try {
      const response = await call({ signal: deadline.signal, attempt } as RawAxiosRequestConfig);
      emitResponse(response, attempt, started);
      return { ok: true, value: await read(response) };
    } catch (error) {
      const cfg = (error as { config?: { method?: string; url?: string } }).config;
      const response = (error as { response?: AxiosResponse }).response;
      if (response && isReadable(response.data)) response.data = await errorBodyText(response.data);
      if (response) emitResponse(response, attempt, started);
      const aborted = signal?.aborted === true;
      const failure = normalizeFailure(error, {
        method: (cfg?.method ?? 'get').toUpperCase(),
        path: cfg?.url ?? '(unknown path)',
        // The deadline fires for our timer or for the caller's signal; only the former is a timeout.
        timedOut: deadline.signal.aborted && !aborted,
        aborted,
        timeoutMs: config.timeoutMs,
        baseUrl: config.baseUrl,
        maxResponseBytes: config.maxResponseBytes,
        // Errors thrown by `read` carry no request config to find the key in.
        secrets: [config.apiKey()],
      });
      return { ok: false, error: failure, retryAfter: response?.headers?.['retry-after'] };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function execute<T>(call: WireCall<unknown>, options: CallOptions & Partial<ReadOptions<T>> = {}): Promise<T> {
    const { signal } = options;
    const read = options.read ?? (parseJsonBody as (response: AxiosResponse<unknown>) => T);
    if (signal?.aborted) {
      throw new AbortedError('aborted', 'the request was not sent: its signal was already aborted');
    }
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      const result = await attemptOnce(call, attempt, read, signal);
      if (result.ok) return result.value;
      const { error } = result;
      const delay = Math.max(parseRetryAfter(result.retryAfter) ?? 0, backoffDelay(attempt, config.retryBaseDelayMs));
      // A wait past the largest timer Node keeps (2^31-1 ms) would fire at once: out of time too.
      const outOfTime = delay > MAX_TIMER_MS || Date.now() - started + delay > config.maxRetryTimeMs;
      if (!isRetryable(error) || attempt >= config.maxAttempts || outOfTime || signal?.aborted) {
        throw attempt > 1 ? exhausted(error, attempt, outOfTime && attempt < config.maxAttempts) : withAttempts(error, 1);
      }
      debug?.({ type: 'retry', method: error.method ?? 'GET', url: error.path ?? '', attempt, delayMs: delay, reason: error.message });
      try {
        await sleep(delay, signal);
      } catch {
        throw new AbortedError('aborted', `${error.method ?? 'GET'} ${error.path ?? ''} was aborted by the caller`, {
          method: error.method,
          path: error.path,
        });
      }
    }
  }

  return {
    axios: instance,
    execute,
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function withAttempts(error: RegistryError, attempts: number): RegistryError {
  Object.defineProperty(error, 'attempts', { value: attempts, enumerable: true });
  return error;
}

/** After retries: same class and code, a message that says how many attempts and the last status. */
function exhausted(error: RegistryError, attempts: number, outOfTime: boolean): RegistryError {
  const Ctor = error.constructor as new (code: RegistryError['code'], message: string, details: object) => RegistryError;
  const last = error.status !== undefined ? `last status ${error.status}` : 'no response';
  const why = outOfTime ? 'the retry time budget ran out' : `gave up after ${attempts} attempts`;
  return new Ctor(error.code, `${error.message} (${why}; ${last})`, {
    status: error.status,
    serverMessage: error.serverMessage,
    method: error.method,
    path: error.path,
    attempts,
    hint: error.hint,
    cause: (error as { cause?: unknown }).cause,
  });
}
