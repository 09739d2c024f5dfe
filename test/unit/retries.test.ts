// Retries: connection errors, timeouts, 429/502/503/504 and broken JSON are retried with backoff,
// honouring Retry-After; 400/401/403/404 and 500 are not (errata §7: bad parameters give 500).
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugEvent, RegistryError } from '../../src/index.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

const ok = { id: 1 };
const path = '/member-api/v3/items/show/1';
const refused = () => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });

describe('retried', () => {
  const transient: [string, (scope: ReturnType<typeof registry>) => void][] = [
    ['503', (s) => s.get(path).reply(503, 'busy')],
    ['502', (s) => s.get(path).reply(502, '<html>bad gateway</html>')],
    ['504', (s) => s.get(path).reply(504, '')],
    ['429', (s) => s.get(path).reply(429, '', { 'Retry-After': '0' })],
    ['a reset connection', (s) => s.get(path).replyWithError(refused())],
    ['a truncated JSON body', (s) => s.get(path).reply(200, '{"id": 1, "na')],
    ['an HTML 200 from a proxy', (s) => s.get(path).reply(200, '<html>Checking your browser</html>')],
  ];
  for (const [what, arrange] of transient) {
    it(`${what}, then success`, async () => {
      arrange(registry());
      registry().get(path).reply(200, ok);
      await expect(testClient().workItems.get(1)).resolves.toEqual(ok);
    });
  }

  it('a hung attempt times out and is retried', async () => {
    // A minute's hang against a 2-second timeout: the second, prompt answer wins on any machine.
    registry().get(path).delay(60_000).reply(200, ok);
    registry().get(path).reply(200, ok);
    await expect(testClient({ timeoutMs: 2_000 }).workItems.get(1)).resolves.toEqual(ok);
  });

  it('honours Retry-After in seconds', async () => {
    const events: DebugEvent[] = [];
    registry().get(path).reply(429, '', { 'Retry-After': '1' });
    registry().get(path).reply(200, ok);
    const started = Date.now();
    await testClient({ debug: (e) => events.push(e) }).workItems.get(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    const retry = events.find((e) => e.type === 'retry');
    expect(retry?.type === 'retry' && retry.delayMs).toBeGreaterThanOrEqual(1_000);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    const events: DebugEvent[] = [];
    registry()
      .get(path)
      .reply(503, '', { 'Retry-After': new Date(Date.now() + 2_000).toUTCString() });
    registry().get(path).reply(200, ok);
    await testClient({ debug: (e) => events.push(e) }).workItems.get(1);
    const retry = events.find((e) => e.type === 'retry');
    expect(retry?.type === 'retry' && retry.delayMs).toBeGreaterThan(500);
  });
});

describe('not retried', () => {
  for (const status of [400, 401, 403, 404, 500]) {
    it(`HTTP ${status}: one attempt only`, async () => {
      registry().get(path).reply(status, { StatusCode: status, Error: 'no' });
      const error = (await testClient()
        .workItems.get(1)
        .catch((e: unknown) => e)) as RegistryError;
      expect(error.status).toBe(status);
      expect(error.attempts).toBe(1);
    });
  }
});

describe('giving up', () => {
  it('after maxAttempts, says how many attempts and the last status', async () => {
    registry().get(path).times(3).reply(503, { StatusCode: 503, Error: 'down for a moment' });
    const error = (await testClient({ maxAttempts: 3 })
      .workItems.get(1)
      .catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('ServerError');
    expect(error.attempts).toBe(3);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/gave up after 3 attempts; last status 503/);
    expect(error.message).toMatch(/down for a moment/);
  });

  it('when the retry time budget runs out, says so', async () => {
    registry().get(path).reply(429, '', { 'Retry-After': '3600' });
    const error = (await testClient({ maxRetryTimeMs: 1_000 })
      .workItems.get(1)
      .catch((e: unknown) => e)) as RegistryError;
    expect(error.code).toBe('rate_limited');
    expect(error.attempts).toBe(1);
  });

  it('network failures end as NetworkError with no status', async () => {
    registry().get(path).times(2).replyWithError(refused());
    const error = (await testClient({ maxAttempts: 2 })
      .workItems.get(1)
      .catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('NetworkError');
    expect(error.message).toMatch(/gave up after 2 attempts; no response/);
  });

  it('a hung server ends in a TimeoutError whose message says it timed out', async () => {
    registry().get(path).times(2).delay(2_000).reply(200, ok);
    const error = (await testClient({ maxAttempts: 2, timeoutMs: 150 })
      .workItems.get(1)
      .catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('TimeoutError');
    expect(error.message).toMatch(/timed out after 150 ms/);
  });
});

describe('cancellation', () => {
  it('an AbortSignal stops a call and its retry wait promptly', async () => {
    // A 100-second retry wait, aborted at once: ending well before it proves the wait was cut short.
    registry().get(path).reply(503, '', { 'Retry-After': '100' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const error = (await testClient()
      .workItems.get(1, { signal: controller.signal })
      .catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('AbortedError');
    expect(Date.now() - started).toBeLessThan(25_000);
  });

  it('an AbortSignal stops a crawl mid-way', async () => {
    const page = (n: number) => ({
      count: 10_000,
      next: '',
      previous: '',
      results: Array.from({ length: 100 }, (_, i) => ({ id: n * 100 + i + 1 })),
    });
    let served = 0;
    registry()
      .get(/\/member-api\/v3\/items\?/)
      .times(100)
      .delay(20)
      .reply(() => [200, JSON.stringify(page(served++))]);
    const controller = new AbortController();
    let seen = 0;
    const error = await (async () => {
      for await (const _ of testClient().workItems.all({ per_page: 100 }, { paging: 'offset', signal: controller.signal })) {
        seen += 1;
        if (seen === 150) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect((error as RegistryError).name).toBe('AbortedError');
    expect(served).toBeLessThan(6);
    nock.cleanAll(); // the pages never asked for
  });
});
