// The one axios instance: headers, User-Agent, origin rules, per-attempt deadlines, retries.
import { setTimeout as sleep } from 'node:timers/promises';
import axios from 'axios';
import type { AxiosInstance, AxiosResponse, RawAxiosRequestConfig } from 'axios';
import { MAX_TIMER_MS } from '../config.js';
import type { ResolvedConfig } from '../config.js';
import { redactHeaders } from '../debug.js';
import { RegistryError } from '../errors.js';
import { VERSION } from '../version.js';
import { createAgents } from './agents.js';
import { errorBodyText, isReadable } from './body.js';
import { failureOf, registryError, requestOf, retryAfterOf } from './normalize.js';
import type { Failure, RequestInfo } from './normalize.js';
import { createBytePool, parseJson, readBytes } from './page-bytes.js';
import { backoffDelay, isRetryable } from './retry-policy.js';

/**
 * Which retry budget a call gets: `request` (maxAttempts, maxRetryTimeMs) for list(), get() and
 * everything else; `crawl` (crawlMaxAttempts, crawlMaxRetryTimeMs) for the pages of all(), where
 * giving up on one page throws away a crawl of many minutes.
 */
export type RetryBudget = 'request' | 'crawl';

export interface CallOptions {
  /** Cancels the call (and any retry wait). */
  signal?: AbortSignal;
}

/** Call options with `read`, which turns a successful response into the result. */
export interface ReadOptions<T> extends CallOptions {
  /**
   * Runs inside the attempt, under its deadline: throwing a retryable error from here retries it.
   * The body is a stream (src/transport/page-bytes.ts reads it); `attempt` counts from 1.
   */
  read: (response: AxiosResponse<unknown>, attempt: number) => T | Promise<T>;
  /**
   * Default `request`. Only the number of attempts and the time differ: what is retried does not.
   * Here, not in CallOptions, which is the public options of list() and get().
   */
  budget?: RetryBudget;
}

export type WireCall<T> = (options: RawAxiosRequestConfig) => Promise<AxiosResponse<T>>;

export interface Transport {
  readonly axios: AxiosInstance;
  /** Runs one API call with deadlines, retries and error normalisation; resolves to the parsed body. */
  execute<T>(call: WireCall<T>, options?: CallOptions): Promise<T>;
  /** The same, with the result made by `options.read` instead of parsing the body. */
  execute<T>(call: WireCall<unknown>, options: ReadOptions<T>): Promise<T>;
  /** The error for a failure found after a call (a crawl page decoded at its turn), masked of the key like the rest. */
  fail(failure: Failure, request?: RequestInfo): RegistryError;
  /** Closes idle keep-alive sockets. */
  close(): void;
}

export const USER_AGENT = `aptrust-registry-client/${VERSION} (+https://www.npmjs.com/package/aptrust-registry-client; node ${process.version})`;

export { MAX_SOCKETS } from './agents.js';

export function createTransport(config: ResolvedConfig): Transport {
  // Keep-alive and at most MAX_SOCKETS connections, direct or through a CONNECT tunnel (agents.ts).
  const agents = createAgents(config.proxy, config.agent);
  const instance = axios.create({
    baseURL: config.baseUrl,
    // axios CVE-2025-27152: an absolute URL would otherwise bypass baseURL, headers and all.
    allowAbsoluteUrls: false,
    // errata §1.2: the server redirects to 2FA and maintenance pages; following redirects with our
    // custom headers could also carry the key to another host. We follow none.
    maxRedirects: 0,
    httpAgent: agents.httpAgent,
    httpsAgent: agents.httpsAgent,
    // axios's own proxy support sends http requests to the proxy in absolute form, headers (the
    // key) and all, and reads process.env rather than our env option: the agents tunnel instead.
    proxy: false,
    // Every body (each is a stream), errors or not: axios counts the bytes after decompression
    // and, past the cap, fails the stream, destroying it and the request at once
    // (lib/adapters/http.js). The error is told apart in page-bytes.ts; it is not retried.
    maxContentLength: config.maxResponseBytes,
    // Every body as a stream, read by us (page-bytes.ts): into one buffer, capped, then decoded,
    // so a truncated or HTML body is an error rather than a string.
    responseType: 'stream',
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

  type Attempt<T> = { ok: true; value: T } | { ok: false; failure: Failure | RegistryError; request: RequestInfo };

  /** Errors for this client's requests: masked of its key, redirects told against its origin. */
  const fail = (failure: Failure, request: RequestInfo = {}) =>
    registryError(failure, {
      ...request,
      baseUrl: config.baseUrl,
      secrets: [config.apiKey(), ...(config.proxy?.secrets() ?? [])],
      proxy: config.proxy && { label: config.proxy.label, source: config.proxy.source },
    });

  /** A success body parsed as JSON: what a call without `read` resolves to. */
  const readJson = async (response: AxiosResponse<unknown>) => parseJson(await readBytes(response, createBytePool()));

  /** One attempt under its own deadline; a failure comes back as what went wrong, not yet an error. */
  async function attemptOnce<T>(
    call: WireCall<unknown>,
    attempt: number,
    read: ReadOptions<T>['read'],
    signal?: AbortSignal,
  ): Promise<Attempt<T>> {
    const deadline = AbortSignal.timeout(config.timeoutMs);
    const started = Date.now();
    let response: AxiosResponse | undefined;
    try {
      response = await call({ signal: signal ? AbortSignal.any([signal, deadline]) : deadline, attempt } as RawAxiosRequestConfig);
      const value = await read(response, attempt);
      emitResponse(response, attempt, started);
      return { ok: true, value };
    } catch (error) {
      const refused = (error as { response?: AxiosResponse }).response;
      if (refused && isReadable(refused.data)) refused.data = await errorBodyText(refused.data);
      response ??= refused;
      if (response) emitResponse(response, attempt, started);
      // The attempt's signal fires for our deadline or for the caller's; only the former is a timeout.
      const aborted = signal?.aborted === true;
      const failure = failureOf(error, { aborted, timedOut: deadline.aborted && !aborted, timeoutMs: config.timeoutMs });
      const request = requestOf((error as { config?: RawAxiosRequestConfig }).config ?? response?.config);
      return { ok: false, failure, request };
    }
  }

  async function execute<T>(call: WireCall<unknown>, options: CallOptions & Partial<ReadOptions<T>> = {}): Promise<T> {
    const { signal } = options;
    const read = options.read ?? (readJson as ReadOptions<T>['read']);
    const crawl = options.budget === 'crawl';
    const maxAttempts = crawl ? config.crawlMaxAttempts : config.maxAttempts;
    const maxRetryTimeMs = crawl ? config.crawlMaxRetryTimeMs : config.maxRetryTimeMs;
    if (signal?.aborted) throw fail({ kind: 'aborted', sent: false });
    const started = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      const result = await attemptOnce(call, attempt, read, signal);
      if (result.ok) return result.value;
      const { failure, request } = result;
      // A RegistryError we did not make (a ConfigurationError) is thrown as it is.
      if (failure instanceof RegistryError) throw failure;
      const error = fail(failure, { ...request, attempts: attempt });
      const delay = Math.max(retryAfterOf(failure) ?? 0, backoffDelay(attempt, config.retryBaseDelayMs));
      // A wait past the largest timer Node keeps (2^31-1 ms) would fire at once: out of time too.
      const outOfTime = delay > MAX_TIMER_MS || Date.now() - started + delay > maxRetryTimeMs;
      if (!isRetryable(error) || attempt >= maxAttempts || outOfTime || signal?.aborted) {
        if (attempt === 1) throw error;
        throw fail(failure, { ...request, attempts: attempt, gaveUp: outOfTime && attempt < maxAttempts ? 'time' : 'attempts' });
      }
      debug?.({ type: 'retry', method: request.method ?? 'GET', url: request.path ?? '', attempt, delayMs: delay, reason: error.message });
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        throw fail({ kind: 'aborted', sent: true }, { ...request, attempts: attempt });
      }
    }
  }

  return {
    axios: instance,
    execute,
    fail,
    close() {
      agents.destroy();
    },
  };
}
