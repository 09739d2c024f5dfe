// Durations a Node timer cannot hold (above 2^31 - 1 ms, about 24.8 days) fire at once. They are
// refused, naming the limit, before anything is scheduled or sent: the client's timeoutMs,
// maxRetryTimeMs (which also bounds every Retry-After wait) and retryBaseDelayMs, the
// APTRUST_REGISTRY_TIMEOUT_MS variable, and wait-ingest's --timeout and --interval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createClient } from '../../src/index.js';
import { runInProcess } from '../cli/in-process.js';
import { startRawServer, writeJson } from './raw-server.js';
import type { RawServer } from './raw-server.js';

const MAX = 2 ** 31 - 1;
const base = { baseUrl: 'http://127.0.0.1:9', user: 'me@example.edu', apiKey: 'k', env: {} };

describe('client durations beyond a Node timer', () => {
  it.each(['timeoutMs', 'maxRetryTimeMs', 'retryBaseDelayMs'] as const)('%s: 1e12 is a ConfigurationError naming the limit', (name) => {
    expect(() => createClient({ ...base, [name]: 1e12 })).toThrow(ConfigurationError);
    expect(() => createClient({ ...base, [name]: 1e12 })).toThrow(/at most 2147483647 ms.*24 days/);
    expect(() => createClient({ ...base, [name]: MAX + 1 })).toThrow(ConfigurationError);
    expect(() => createClient({ ...base, [name]: MAX })).not.toThrow();
  });

  it('APTRUST_REGISTRY_TIMEOUT_MS=1e12 likewise', () => {
    expect(() => createClient({ ...base, env: { APTRUST_REGISTRY_TIMEOUT_MS: '1e12' } })).toThrow(/timeoutMs must be at most/);
  });
});

describe('a 30-day Retry-After', () => {
  let server: RawServer;
  beforeAll(async () => {
    server = await startRawServer((_request, socket) => writeJson(socket, 503, { error: 'busy' }, { 'Retry-After': String(30 * 86_400) }));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('is not waited for, nor retried at once: the retry budget ends the call after one attempt', async () => {
    // The largest budget allowed: still far below 30 days, so the wait is refused, not overflowed.
    const client = createClient({ ...base, baseUrl: server.url, maxRetryTimeMs: MAX, maxAttempts: 4 });
    const error = await client.workItems.list({}).catch((e: unknown) => e);
    client.close();
    expect(error).toMatchObject({ code: 'server', status: 503, attempts: 1 });
    expect(server.requests).toHaveLength(1);
  });
});

describe('wait-ingest durations beyond a Node timer', () => {
  let server: RawServer;
  beforeAll(async () => {
    server = await startRawServer((_request, socket) => writeJson(socket, 200, { count: 0, next: '', previous: '', results: null }));
  });
  afterAll(async () => {
    await server?.close();
  });
  const env = () => ({ APTRUST_REGISTRY_URL: server.url, APTRUST_REGISTRY_EMAIL: 'me@example.edu', APTRUST_REGISTRY_API_KEY: 'k' });

  it.each([
    ['--timeout', '600h', []],
    ['--interval', '600h', ['--timeout', '1s']],
    ['--timeout', `${MAX + 1}ms`, []],
    ['--timeout', '99999999999999999999', []],
  ])('%s %s is a usage error (exit 2) naming the limit, before any request', async (flag, value, rest) => {
    const before = server.requests.length;
    const result = await runInProcess(['wait-ingest', '--name', 'bag.tar', flag, value, ...rest], { env: env() });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`${flag} must be at most 596h (about 24 days)`);
    expect(server.requests.length).toBe(before);
  });
});
