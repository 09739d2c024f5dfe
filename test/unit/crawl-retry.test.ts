// The retry budget of a crawl page: all() runs for many minutes, and one page out of retries ends
// it all, so its pages get crawlMaxAttempts (12) and crawlMaxRetryTimeMs (10 min) where list() and
// get() keep maxAttempts (4) and maxRetryTimeMs (2 min). What is retried stays the same. Backoff
// is retryBaseDelayMs 1 (testClient), so eleven waits take well under a second; the time budget
// tests compare a Retry-After against budgets seconds apart, not against how fast this machine is.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import type { DebugEvent, RegistryError } from '../../src/index.js';
import { ConfigurationError } from '../../src/index.js';
import { envelope, itemRows, itemsPage, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

const busy = { StatusCode: 503, Error: 'restarting' };

async function ids(iterable: AsyncIterable<{ id: number }>): Promise<number[]> {
  const got: number[] = [];
  for await (const record of iterable) got.push(record.id);
  return got;
}

const crawl = (options: Parameters<typeof testClient>[0] = {}) =>
  ids(testClient(options).workItems.all({ per_page: 10 }, { paging: 'offset', concurrency: 1 }));

describe('a crawl page outlasts a Registry restart', () => {
  it('8 consecutive 503s on page 2: retried, and every record comes once', async () => {
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 25));
    itemsPage(2).times(8).reply(503, busy);
    itemsPage(2).reply(200, envelope(itemRows(11, 20), 25));
    itemsPage(3).reply(200, envelope(itemRows(21, 25), 25));
    const events: DebugEvent[] = [];
    expect(await crawl({ debug: (e) => events.push(e) })).toEqual(itemRows(1, 25).map((r) => r.id));
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(8);
  });

  it('the first page too', async () => {
    itemsPage(1).times(8).reply(503, busy);
    itemsPage(1).reply(200, envelope(itemRows(1, 5), 5));
    expect(await crawl()).toEqual(itemRows(1, 5).map((r) => r.id));
  });

  it('list() with the same failures gives up after its 4 attempts', async () => {
    itemsPage(1).times(4).reply(503, busy);
    const error = (await testClient()
      .workItems.list({ page: 1 })
      .catch((e: unknown) => e)) as RegistryError;
    expect(error.attempts).toBe(4);
    expect(error.message).toMatch(/gave up after 4 attempts; last status 503/);
  });

  it('a page fetched again at its turn (it looked whole, was not JSON) has the crawl budget too', async () => {
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 15));
    itemsPage(2).reply(200, '{"count": 15, "results": [{"id": 11,, }]}');
    itemsPage(2).times(6).reply(503, busy);
    itemsPage(2).reply(200, envelope(itemRows(11, 15), 15));
    expect(await crawl()).toEqual(itemRows(1, 15).map((r) => r.id));
  });
});

describe('a crawl still gives up', () => {
  it('after crawlMaxAttempts (12 by default), saying so', async () => {
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 25));
    itemsPage(2).times(12).reply(503, busy);
    const error = (await crawl().catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('ServerError');
    expect(error.attempts).toBe(12);
    expect(error.message).toMatch(/gave up after 12 attempts; last status 503/);
  });

  it('after crawlMaxAttempts when given, whatever maxAttempts is', async () => {
    itemsPage(1).times(2).reply(503, busy);
    const error = (await crawl({ maxAttempts: 10, crawlMaxAttempts: 2 }).catch((e: unknown) => e)) as RegistryError;
    expect(error.attempts).toBe(2);
  });

  it('when the crawl retry time budget runs out, with the usual wording', async () => {
    itemsPage(1).reply(503, busy, { 'Retry-After': '0' });
    itemsPage(1).reply(503, busy, { 'Retry-After': '3600' });
    const error = (await crawl({ crawlMaxRetryTimeMs: 5_000 }).catch((e: unknown) => e)) as RegistryError;
    expect(error.attempts).toBe(2);
    expect(error.message).toMatch(/the retry time budget ran out; last status 503/);
  });

  it('the crawl budget, not the request one, bounds a crawl page’s wait', async () => {
    // A 1 s Retry-After: past list()'s 500 ms budget, well within the crawl's 5 s.
    const options = { maxRetryTimeMs: 500, crawlMaxRetryTimeMs: 5_000 };
    itemsPage(1).reply(503, busy, { 'Retry-After': '0' });
    itemsPage(1).reply(503, busy, { 'Retry-After': '1' });
    const listed = (await testClient(options)
      .workItems.list({ page: 1 })
      .catch((e: unknown) => e)) as RegistryError;
    expect(listed.message).toMatch(/the retry time budget ran out/);
    itemsPage(1).reply(503, busy, { 'Retry-After': '1' });
    itemsPage(1).reply(200, envelope(itemRows(1, 5), 5));
    expect(await crawl(options)).toEqual(itemRows(1, 5).map((r) => r.id));
  });

  it('what is not retryable is not retried on a crawl page either (a 500, a 404)', async () => {
    for (const status of [500, 404]) {
      itemsPage(1).reply(200, envelope(itemRows(1, 10), 25));
      itemsPage(2).reply(status, { StatusCode: status, Error: 'no' });
      const error = (await crawl().catch((e: unknown) => e)) as RegistryError;
      expect(error.status).toBe(status);
      expect(error.attempts).toBe(1);
    }
  });
});

describe('crawlMaxAttempts and crawlMaxRetryTimeMs options', () => {
  const base = { baseUrl: 'http://localhost:1', user: 'u', apiKey: 'k', env: {} };

  it('default to 12 attempts and 10 minutes, and never below the request budget unless given', () => {
    expect(resolveConfig(base)).toMatchObject({
      maxAttempts: 4,
      crawlMaxAttempts: 12,
      maxRetryTimeMs: 120_000,
      crawlMaxRetryTimeMs: 600_000,
    });
    expect(resolveConfig({ ...base, maxAttempts: 20, maxRetryTimeMs: 3_600_000 })).toMatchObject({
      crawlMaxAttempts: 20,
      crawlMaxRetryTimeMs: 3_600_000,
    });
    expect(resolveConfig({ ...base, maxAttempts: 20, crawlMaxAttempts: 3, crawlMaxRetryTimeMs: 1_000 })).toMatchObject({
      crawlMaxAttempts: 3,
      crawlMaxRetryTimeMs: 1_000,
    });
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 'many'])('crawlMaxAttempts %s is refused, naming the option', (value) => {
    expect(() => resolveConfig({ ...base, crawlMaxAttempts: value as number })).toThrow(ConfigurationError);
    expect(() => resolveConfig({ ...base, crawlMaxAttempts: value as number })).toThrow(/crawlMaxAttempts must be a positive number/);
  });

  it.each([0, -5, 'an hour'])('crawlMaxRetryTimeMs %s is refused, naming the option', (value) => {
    expect(() => resolveConfig({ ...base, crawlMaxRetryTimeMs: value as number })).toThrow(/crawlMaxRetryTimeMs must be a positive number/);
  });

  it('crawlMaxRetryTimeMs past what a Node timer can wait is refused, naming the limit', () => {
    expect(() => resolveConfig({ ...base, crawlMaxRetryTimeMs: 1e12 })).toThrow(/crawlMaxRetryTimeMs must be at most 2147483647 ms/);
  });
});
