// Crawls of thousands of records over HTTP, exactly once, although the default sorts have ties
// whose order changes between requests and counts can be stale (errata §2).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { clientFor, collect, sandboxFor, tally, truth } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await sandboxFor({ files: 5_500 });
});
afterAll(async () => sandbox.stop());

describe('crawls', () => {
  for (const concurrency of [1, 2, 4, 8]) {
    it(`all files at concurrency ${concurrency}: none lost, none doubled, in id order`, async () => {
      const expected = (await truth(sandbox, 'files')).map((f) => f.id);
      expect(expected.length).toBeGreaterThanOrEqual(2_500);
      const got = (await collect(clientFor(sandbox).files.all({ per_page: 100 }, { concurrency }))).map((f) => f.id);
      expect(tally(expected, got)).toEqual({ lost: 0, doubled: 0 });
      expect(got).toEqual(expected);
    });
  }

  it("plain offset paging over the server's default sort does lose and double records (why all() exists)", async () => {
    const client = clientFor(sandbox);
    const expected = (await truth(sandbox, 'files')).map((f) => f.id);
    const got: number[] = [];
    for (let page = 1; ; page += 1) {
      const { results } = await client.files.list({ page, per_page: 100 });
      got.push(...results.map((f) => f.id));
      if (results.length < 100) break;
    }
    const { lost, doubled } = tally(expected, got);
    expect(lost + doubled).toBeGreaterThan(0);
  });

  it('every resource crawls exactly once', async () => {
    const client = clientFor(sandbox);
    const pairs = [
      ['alerts', client.alerts.all()],
      ['checksums', client.checksums.all({ per_page: 50 })],
      ['deletions', client.deletionRequests.all({ per_page: 3 })],
      ['objects', client.objects.all({ per_page: 37 })],
      ['events', client.events.all({ per_page: 250 })],
      ['items', client.workItems.all({ per_page: 99 })],
    ] as const;
    for (const [route, iterable] of pairs) {
      const expected = (await truth(sandbox, route)).map((r) => r.id);
      const got = (await collect(iterable as AsyncIterable<{ id: number }>)).map((r) => r.id);
      expect(tally(expected, got), route).toEqual({ lost: 0, doubled: 0 });
    }
  });

  for (const skew of [-1_500, 1_500]) {
    it(`stale counts (${skew > 0 ? '+' : ''}${skew}) lose nothing`, async () => {
      const stale = await sandboxFor({ files: 5_500, staleCounts: skew });
      try {
        const expected = (await truth(stale, 'files', { state: 'A' })).map((f) => f.id);
        const got = (await collect(clientFor(stale).files.all({ state: 'A', per_page: 200 }, { concurrency: 4 }))).map((f) => f.id);
        expect(tally(expected, got)).toEqual({ lost: 0, doubled: 0 });
      } finally {
        await stale.stop();
      }
    });
  }
});
