// A body that is JSON but not the Registry answer it should be (a list without `results`, a record
// that is `null`) is found inside the attempt: retried like any bad response, and its error
// carries method, path, status, attempts and the retry note; server text in it is masked.
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryError } from '../../src/index.js';
import { ServerError } from '../../src/index.js';
import { resolveConfig } from '../../src/config.js';
import { recordReader } from '../../src/resources/read-path.js';
import { createTransport } from '../../src/transport/transport.js';
import { API_KEY, envelope, itemsPage, ORIGIN, registry, setupNock, testClient, USER } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

const items = '/member-api/v3/items';
const noResults = { count: 1, next: '', previous: '', items: [{ id: 1 }] };

/** What a call that must fail rejects with. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e as RegistryError,
  );

describe('list(): the envelope is checked inside the attempt', () => {
  it('a 200 without `results` is retried, and the next answer is the page', async () => {
    registry().get(items).reply(200, noResults);
    registry()
      .get(items)
      .reply(200, envelope([{ id: 1 }]));
    await expect(testClient().workItems.list()).resolves.toMatchObject({ results: [{ id: 1 }] });
  });

  it('one that never has `results` ends with method, path, status, attempts and the retry note', async () => {
    registry().get(items).times(3).reply(200, noResults);
    const error = await failure(testClient({ maxAttempts: 3 }).workItems.list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'bad_response', method: 'GET', path: items, status: 200, attempts: 3 });
    expect(error.message).toBe(
      `GET ${items}: the items list response has no "results" array; is this an APTrust Registry? (gave up after 3 attempts; last status 200)`,
    );
  });

  it('a non-record in `results` is retried too, and says where it is', async () => {
    registry()
      .get(items)
      .reply(200, envelope([{ id: 1 }, null]));
    registry()
      .get(items)
      .reply(200, envelope([{ id: 1 }, { id: 2 }]));
    await expect(testClient().workItems.list()).resolves.toMatchObject({ results: [{ id: 1 }, { id: 2 }] });
  });

  it('the key echoed into `results` is masked in the message', async () => {
    registry()
      .get(items)
      .reply(200, envelope([API_KEY]));
    const error = await failure(testClient({ maxAttempts: 1 }).workItems.list());
    expect(error.message).toMatch(/results\[0\] where a record/);
    expect(error.message).not.toContain(API_KEY);
    expect(error.message).toContain('***');
  });
});

describe('all(): a page whose envelope is broken at its turn', () => {
  it('carries the request, the status and the attempts that fetched it', async () => {
    registry().get(items).query(true).reply(200, { count: 1, next: '', previous: '', results: 'none' });
    const crawl = testClient({ maxAttempts: 1 }).workItems.all({ per_page: 10 }, { paging: 'offset' });
    const error = await failure(
      (async () => {
        for await (const _ of crawl) void _;
      })(),
    );
    expect(error).toMatchObject({ code: 'bad_response', method: 'GET', status: 200, attempts: 1 });
    expect(error.path).toMatch(/^\/member-api\/v3\/items\?.*page=1/);
    expect(error.message).toMatch(/^GET \/member-api\/v3\/items\?\S+: the items list response has no "results" array/);
  });

  it('a page fetched again (it did not parse) is checked inside its attempts, so a broken envelope there is retried', async () => {
    itemsPage(1).reply(200, '{"count": 3, "results": [oops]}');
    itemsPage(1).reply(200, { count: 3, next: '', previous: '' });
    itemsPage(1).reply(200, envelope([{ id: 1 }, { id: 2 }, { id: 3 }], 3));
    const ids: number[] = [];
    for await (const item of testClient().workItems.all({ per_page: 10 }, { paging: 'offset' })) ids.push(item.id);
    expect(ids).toEqual([1, 2, 3]);
  });
});

describe('recordReader: a show route read inside the attempt', () => {
  const show = '/member-api/v3/items/show/1';
  const transport = () => createTransport(resolveConfig({ baseUrl: ORIGIN, user: USER, apiKey: API_KEY, retryBaseDelayMs: 1, env: {} }));
  const get = (t: ReturnType<typeof transport>) => t.execute((options) => t.axios.get(show, options), { read: recordReader('work item') });

  it('a `null` record is retried, then the record', async () => {
    nock(ORIGIN).get(show).reply(200, 'null', { 'Content-Type': 'application/json' });
    nock(ORIGIN).get(show).reply(200, { id: 1 });
    const t = transport();
    await expect(get(t)).resolves.toEqual({ id: 1 });
    t.close();
  });

  it('one that stays `null` ends with the request, attempts and the note; a key in the body is masked', async () => {
    nock(ORIGIN).get(show).times(4).reply(200, JSON.stringify(API_KEY), { 'Content-Type': 'application/json' });
    const t = transport();
    const error = await failure(get(t));
    expect(error).toMatchObject({ code: 'bad_response', method: 'GET', path: show, status: 200, attempts: 4 });
    expect(error.message).toMatch(/^GET \/member-api\/v3\/items\/show\/1: the work item response is string "\*\*\*", not a record/);
    expect(error.message).toMatch(/gave up after 4 attempts; last status 200\)$/);
    t.close();
  });
});
