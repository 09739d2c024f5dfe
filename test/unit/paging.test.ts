// all(): every record exactly once although the default sort has ties, counts are stale and rows
// arrive mid-crawl (errata §2.2, §2.3, §4); pages in order under concurrency; backpressure.
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index.js';
import { fakePager, makeRows } from '../helpers/fake-pager.js';
import type { Row } from '../helpers/fake-pager.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

function serve(pager: ReturnType<typeof fakePager>) {
  registry()
    .get(/\/member-api\/v3\/items/)
    .times(10_000)
    .reply((uri) => pager.reply(uri));
}

async function collect(iterable: AsyncIterable<unknown>): Promise<number[]> {
  const ids: number[] = [];
  for await (const record of iterable) ids.push((record as Row).id);
  return ids;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('all() pages exactly once', () => {
  it('naive offset paging over the default sort loses and doubles rows (the problem we solve)', async () => {
    const pager = fakePager(makeRows(300));
    serve(pager);
    const client = testClient();
    const seen: number[] = [];
    // Pages of 60 cut through groups of 100 equal timestamps, whose order changes per request.
    for (let page = 1; page <= 5; page += 1) {
      const { results } = await client.workItems.list({ page, per_page: 60 });
      seen.push(...results.map((r) => r.id));
    }
    expect(new Set(seen).size).toBeLessThan(300);
  });

  it('sends the tie-break sort and yields each record once, in id order', async () => {
    const pager = fakePager(makeRows(2_537));
    serve(pager);
    const ids = await collect(testClient().workItems.all({ per_page: 100 }, { paging: 'offset' }));
    expect(ids).toEqual(range(2_537));
    expect(pager.requests.every((q) => q.getAll('sort').join() === 'id__asc')).toBe(true);
    expect(pager.requests.length).toBe(26);
  });

  it('ends on the empty page after a total that is an exact multiple of per_page ("results": null)', async () => {
    const pager = fakePager(makeRows(300));
    serve(pager);
    const ids = await collect(testClient().workItems.all({ per_page: 100 }, { paging: 'offset' }));
    expect(ids).toEqual(range(300));
    expect(pager.requests.map((q) => q.get('page'))).toEqual(['1', '2', '3', '4']);
  });

  it('list() of an empty result is an empty page, not an error', async () => {
    serve(fakePager([]));
    await expect(testClient().workItems.list({ status: 'Failed' })).resolves.toEqual({ count: 0, next: '', previous: '', results: [] });
  });

  it("puts the caller's sort first and id__asc last", async () => {
    const pager = fakePager(makeRows(250));
    serve(pager);
    const ids = await collect(testClient().workItems.all({ sort: 'name__desc', per_page: 100 } as never, { paging: 'offset' }));
    expect(new Set(ids).size).toBe(250);
    expect(pager.requests[0].getAll('sort')).toEqual(['name__desc', 'id__asc']);
  });

  it('keeps going past a stale-low count and an empty `next` while pages are full', async () => {
    const pager = fakePager(makeRows(450));
    pager.countSkew = -300; // count says 150: next is "" after page 2
    serve(pager);
    expect(await collect(testClient().workItems.all({ per_page: 75 }, { paging: 'offset' }))).toEqual(range(450));
  });

  it('stops on a short page even when a stale-high count still promises more', async () => {
    const pager = fakePager(makeRows(120));
    pager.countSkew = 5_000;
    serve(pager);
    expect(await collect(testClient().workItems.all({ per_page: 100 }, { paging: 'offset', concurrency: 1 }))).toEqual(range(120));
    expect(pager.requests.length).toBe(2);
  });

  it('skips rows shifted onto the next page by inserts ahead of the offset, without remembering every id', async () => {
    const pager = fakePager(makeRows(1_000));
    // A descending user sort on id puts new rows first, shifting every later page by the inserts.
    let nextId = 1_001;
    pager.beforePage = (n) => {
      if (n > 1) for (let i = 0; i < 7; i += 1) pager.rows.push({ id: nextId++, updated_at: '2024-01-09T00:00:00Z', name: 'new' });
    };
    serve(pager);
    const ids = await collect(
      testClient().workItems.all({ sort: 'id__desc', per_page: 100 } as never, { paging: 'offset', concurrency: 1 }),
    );
    expect(new Set(ids).size).toBe(ids.length);
    for (let id = 1; id <= 1_000; id += 1) expect(ids).toContain(id);
  });

  it('clamps per_page to 1000 in all() instead of refusing it (errata §2.2)', async () => {
    const pager = fakePager(makeRows(1_500));
    serve(pager);
    expect(await collect(testClient().workItems.all({ per_page: 5_000 }, { paging: 'offset' }))).toEqual(range(1_500));
    expect(pager.requests[0].get('per_page')).toBe('1000');
  });
});

describe('all() with concurrency', () => {
  for (const concurrency of [1, 2, 4, 8]) {
    it(`yields in order and exactly once at concurrency ${concurrency}, however replies interleave`, async () => {
      const pager = fakePager(makeRows(1_234));
      registry()
        .get(/\/member-api\/v3\/items/)
        .times(1_000)
        .delay(Math.floor(Math.random() * 20))
        .reply((uri) => pager.reply(uri));
      expect(await collect(testClient().workItems.all({ per_page: 50 }, { paging: 'offset', concurrency }))).toEqual(range(1_234));
    });
  }

  it('never has more than `concurrency` pages in flight or waiting, and stops asking when the consumer stops', async () => {
    const pager = fakePager(makeRows(5_000));
    let inFlight = 0;
    let maxInFlight = 0;
    registry()
      .get(/\/member-api\/v3\/items/)
      .times(1_000)
      .reply(async (uri) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight -= 1;
        return pager.reply(uri);
      });
    const client = testClient();
    let taken = 0;
    for await (const _ of client.workItems.all({ per_page: 100 }, { paging: 'offset', concurrency: 3 })) {
      taken += 1;
      if (taken === 250) break;
      if (taken % 100 === 0) await new Promise((r) => setTimeout(r, 30)); // a slow consumer
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(maxInFlight).toBeLessThanOrEqual(3);
    // 3 pages consumed, at most 3 more requested ahead of the consumer.
    expect(pager.requests.length).toBeLessThanOrEqual(6);
  });

  it('refuses a concurrency outside 1..32 at once, as it refuses any bad input to all()', () => {
    const client = testClient();
    expect(() => client.workItems.all({}, { concurrency: 0 })).toThrow(/concurrency must be an integer from 1 to 32/);
    expect(() => client.workItems.all({}, { concurrency: 33 })).toThrow(InvalidInputError);
  });
});

describe('alerts order by (id, user_id)', () => {
  it('an admin sees an alert once per recipient; all() keeps every (id, user_id) pair', async () => {
    const rows: Row[] = [];
    for (let id = 1; id <= 40; id += 1)
      for (const user_id of [1, 2, 3]) rows.push({ id, user_id, updated_at: '2024-01-01T00:00:00Z', name: 'a' });
    const pager = fakePager(rows);
    registry()
      .get(/\/member-api\/v3\/alerts/)
      .times(100)
      .reply((uri) => pager.reply(uri));
    const seen: string[] = [];
    for await (const alert of testClient().alerts.all({ per_page: 7 }, { paging: 'offset' })) seen.push(`${alert.id}/${alert.user_id}`);
    expect(seen.length).toBe(120);
    expect(new Set(seen).size).toBe(120);
    expect(pager.requests[0].getAll('sort')).toEqual(['id__asc', 'user_id__asc']);
  });
});
