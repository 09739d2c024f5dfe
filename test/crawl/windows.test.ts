// all() in windows of created_at: shallow requests, exact at microseconds, exactly once while the
// data changes, the order kept, a server that does not keep to the window refused.
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError, ServerError } from '../../src/index.js';
import type { Crawl } from '../../src/index.js';
import { at, fakeFiles, fileRow } from '../helpers/fake-window-server.js';
import type { FakeFiles, FileRow } from '../helpers/fake-window-server.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

function serve(server: FakeFiles) {
  const scope = registry()
    .get(/\/member-api\/v3\/files/)
    .times(100_000);
  scope.reply((uri) => server.reply(uri));
}

async function drain<T extends { id: number }>(crawl: Crawl<T>): Promise<number[]> {
  const ids: number[] = [];
  for await (const record of crawl) ids.push(record.id);
  return ids;
}

/** n rows, one every `stepUs` microseconds from 2024-01-01, id order = time order. */
function spaced(n: number, stepUs: bigint, from = at('2024-01-01T00:00:00Z')): FileRow[] {
  return Array.from({ length: n }, (_, i) => fileRow(i + 1, from + BigInt(i) * stepUs));
}

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);
const isShallow = (q: URLSearchParams) => q.get('page') === '1';

describe('windows of created_at', () => {
  it('yields every record once in (created_at, id) order, every request a first page', async () => {
    const server = fakeFiles(spaced(5_000, 1_000_003n));
    serve(server);
    const crawl = testClient().files.all({ per_page: 100 }, { concurrency: 4 });
    expect(await drain(crawl)).toEqual(range(5_000));
    expect(server.requests.every(isShallow)).toBe(true);
    expect(server.requests.every((q) => q.getAll('sort').join() === 'created_at__asc,id__asc' || q.get('per_page') === '1')).toBe(true);
    expect(crawl.stats).toMatchObject({ method: 'windows', records: 5_000, instants: 0 });
    // Sized to come back short: not many more requests than pages.
    expect(crawl.stats.requests).toBeLessThan(2 * (5_000 / 100));
  });

  it('does not need the count: one that says 18 neither stops the crawl nor its concurrency', async () => {
    const server = fakeFiles(spaced(3_000, 7_777n));
    server.count = 18;
    let inFlight = 0;
    let most = 0;
    registry()
      .get(/\/member-api\/v3\/files/)
      .times(10_000)
      .reply(async (uri) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight -= 1;
        return server.reply(uri);
      });
    expect(await drain(testClient().files.all({ per_page: 100 }, { concurrency: 4 }))).toEqual(range(3_000));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(5);
  });

  it('tells adjacent microseconds apart (a Date would merge them) and keeps both window ends inclusive', async () => {
    // 40 rows, one per microsecond: every window edge falls between two adjacent microseconds.
    const server = fakeFiles(spaced(40, 1n, at('2024-05-01T10:00:00Z', 120)));
    serve(server);
    expect(await drain(testClient().files.all({ per_page: 3 }, { concurrency: 2 }))).toEqual(range(40));
    const sent = server.requests.flatMap((q) => [q.get('created_at__gteq'), q.get('created_at__lteq')]).filter(Boolean);
    expect(sent.length).toBeGreaterThan(10);
    for (const text of sent) expect(text).toMatch(/^2024-05-01T10:00:00\.000\d{3}Z$/);
  });

  it('pages by offset inside an instant that holds more than a page, then goes on in windows', async () => {
    const instant = at('2021-01-12T17:14:35Z');
    const rows = [
      ...spaced(30, 1_000n, instant - 1_000_000n),
      ...range(350, 31).map((id) => fileRow(id, instant)),
      ...spaced(40, 5_000n, instant + 1n).map((r, i) => ({ ...r, id: 381 + i })),
    ];
    const server = fakeFiles(rows);
    serve(server);
    const crawl = testClient().files.all({ per_page: 100 }, { concurrency: 3 });
    expect(await drain(crawl)).toEqual(range(420));
    expect(crawl.stats.instants).toBe(1);
    expect(crawl.stats.instantPages).toBe(4); // pages 1 to 4 of the instant's 350
    const inside = server.requests.filter(
      (q) => q.get('created_at__gteq') === '2021-01-12T17:14:35.000000Z' && q.get('created_at__lteq') === '2021-01-12T17:14:35.000000Z',
    );
    expect(inside.map((q) => q.get('page'))).toEqual(['1', '2', '3', '4']);
  });

  it('reads an instant again when its count moves, so a record leaving it skips none that stayed', async () => {
    const instant = at('2021-01-12T17:14:35Z');
    const rows = range(350).map((id) => fileRow(id, instant));
    const server = fakeFiles(rows);
    const left: number[] = [];
    server.beforeAnswer = (_n, query) => {
      // Between pages of the instant, a record before the offset leaves the filter.
      if (query.get('page') === '3' && left.length === 0) {
        rows[10].state = 'D';
        left.push(rows[10].id);
      }
    };
    serve(server);
    const crawl = testClient().files.all({ state: 'A', per_page: 100 });
    const ids = await drain(crawl);
    expect(new Set(ids).size).toBe(ids.length);
    expect(range(350).filter((id) => !left.includes(id) && !ids.includes(id))).toEqual([]);
    // A second pass from page 1, after the first saw the count move.
    expect(crawl.stats.instantPages).toBeGreaterThan(4);
  });

  it('keeps a descending sort on created_at, ties by id ascending', async () => {
    const rows = spaced(700, 123_456n).map((r, i) =>
      i % 7 === 0 && i > 0 ? { ...r, created: r.created! - 123_456n, updated: r.updated } : r,
    );
    const server = fakeFiles(rows);
    serve(server);
    const expected = [...rows].sort((a, b) => (a.created === b.created ? a.id - b.id : a.created! > b.created! ? -1 : 1)).map((r) => r.id);
    expect(await drain(testClient().files.all({ sort: 'created_at__desc', per_page: 50 }, { concurrency: 4 }))).toEqual(expected);
  });

  it("keeps the caller's own created_at bounds", async () => {
    const server = fakeFiles(spaced(2_000, 60_000_000n)); // one a minute
    serve(server);
    const ids = await drain(
      testClient().files.all({ created_at__gteq: '2024-01-01T05:00:00Z', created_at__lteq: '2024-01-01T09:00:00Z', per_page: 50 }),
    );
    expect(ids).toEqual(range(241, 301)); // 05:00 to 09:00 inclusive
    const first = server.requests[0];
    expect(first.get('created_at__gteq')).toBe('2024-01-01T05:00:00Z');
  });

  it('a list whose records lack created_at (NULL, sent as the zero time) is paged by offset instead, nothing lost', async () => {
    const rows = spaced(260, 1_000_000n);
    for (const i of [5, 77, 200]) rows[i] = fileRow(i + 1, null);
    const server = fakeFiles(rows);
    serve(server);
    const crawl = testClient().files.all({ per_page: 100 });
    expect((await drain(crawl)).sort((a, b) => a - b)).toEqual(range(260));
    expect(crawl.stats.method).toBe('offset');
    expect(crawl.stats.reason).toMatch(/no created_at/);
  });

  it('a list that fits one page is that page, as sent: no window, so no timestamp is needed', async () => {
    registry()
      .get(/\/member-api\/v3\/files/)
      .reply(200, { count: 2, next: '', previous: '', results: [{ id: 9 }, { id: 4, created_at: '0001-01-01T00:00:00Z' }] });
    expect(await drain(testClient().files.all())).toEqual([9, 4]);
  });

  it('a list that fits one page costs one request', async () => {
    const server = fakeFiles(spaced(99, 1_000n));
    serve(server);
    expect(await drain(testClient().files.all({ per_page: 100 }))).toEqual(range(99));
    expect(server.requests).toHaveLength(1);
  });
});

describe('exactly once while the data changes', () => {
  // Between any two requests: a row inserted after the last, one leaving the filter (state D) and
  // one coming back. A record that is state A for the whole crawl must be yielded exactly once.
  for (const concurrency of [1, 2, 4, 8]) {
    it(`inserts and state changes during the crawl lose and double nothing at concurrency ${concurrency}`, async () => {
      const rows = spaced(2_000, 999_999n);
      const server = fakeFiles(rows);
      const changed = new Set<number>();
      let clock = rows[rows.length - 1].created! + 1n;
      let pick = 7;
      server.beforeAnswer = () => {
        clock += 10n;
        server.rows.push(fileRow(server.rows.length + 1, clock));
        changed.add(server.rows.length);
        for (let k = 0; k < 3; k++) {
          pick = (pick * 7_919 + 13) % 2_000;
          const row = server.rows[pick];
          row.state = row.state === 'A' ? 'D' : 'A';
          row.updated = clock;
          changed.add(row.id);
        }
      };
      serve(server);
      const ids = await drain(testClient().files.all({ state: 'A', per_page: 50 }, { concurrency }));
      expect(new Set(ids).size).toBe(ids.length);
      const throughout = range(2_000).filter((id) => !changed.has(id));
      const got = new Set(ids);
      expect(throughout.filter((id) => !got.has(id))).toEqual([]);
    });
  }

  for (const concurrency of [1, 4]) {
    it(`sorted by updated_at__desc, rows updated and inserted meanwhile are neither lost nor doubled (concurrency ${concurrency})`, async () => {
      const rows = spaced(1_500, 1_000_000n);
      const server = fakeFiles(rows);
      let clock = rows[rows.length - 1].created! + 1n;
      let pick = 3;
      server.beforeAnswer = () => {
        clock += 10n;
        server.rows.push(fileRow(server.rows.length + 1, clock));
        for (let k = 0; k < 5; k++) {
          pick = (pick * 7_919 + 13) % 1_500;
          server.rows[pick].updated = clock; // a touch: moves it to the front of updated_at desc
        }
      };
      serve(server);
      const crawl = testClient().files.all({ sort: 'updated_at__desc', per_page: 40 }, { concurrency });
      const ids = await drain(crawl);
      expect(new Set(ids).size).toBe(ids.length);
      const got = new Set(ids);
      expect(range(1_500).filter((id) => !got.has(id))).toEqual([]);
      expect(crawl.stats.method).toBe('windows+recheck');
    });
  }

  it('the same case by offset loses records when pages are answered out of order (the failure windows fix)', async () => {
    const rows = spaced(1_500, 1_000_000n);
    const server = fakeFiles(rows);
    let clock = rows[rows.length - 1].created! + 1n;
    server.beforeAnswer = () => {
      for (let k = 0; k < 5; k++) server.rows.push(fileRow(server.rows.length + 1, (clock += 1n)));
    };
    // The requests in flight together are answered newest first, as a busy server may: a later page
    // then sees fewer of the inserts than the page before it, and the rows between are skipped.
    const held: { uri: string; resolve: (answer: [number, string]) => void }[] = [];
    const flush = () => {
      for (const { uri, resolve } of held.splice(0).reverse()) resolve(server.reply(uri));
    };
    registry()
      .get(/\/member-api\/v3\/files/)
      .times(10_000)
      .reply((uri) => {
        if (held.length === 0) setImmediate(flush);
        return new Promise<[number, string]>((resolve) => held.push({ uri, resolve }));
      });
    const offset = await drain(testClient().files.all({ sort: 'updated_at__desc', per_page: 40 }, { concurrency: 4, paging: 'offset' }));
    const lost = (ids: number[]) => range(1_500).filter((id) => !new Set(ids).has(id)).length;
    expect(lost(offset)).toBeGreaterThan(0);
    server.rows.splice(1_500);
    server.requests.length = 0;
    const windows = await drain(testClient().files.all({ sort: 'updated_at__desc', per_page: 40 }, { concurrency: 4 }));
    expect(lost(windows)).toBe(0);
    expect(new Set(windows).size).toBe(windows.length);
  });
});

describe('a server that does not keep to the window is refused, typed', () => {
  it('one that ignores the filters', async () => {
    const server = fakeFiles(spaced(500, 1_000n));
    server.ignore = { filters: true };
    serve(server);
    const error = await drain(testClient().files.all({ per_page: 100 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/does not filter created_at/);
  });

  it('one that ignores the sort', async () => {
    const rows = spaced(500, 1_000n).reverse();
    const server = fakeFiles(rows);
    server.ignore = { sort: true };
    serve(server);
    const error = await drain(testClient().files.all({ per_page: 100 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/did not sort by created_at/);
  });

  it('one whose records have no readable created_at', async () => {
    registry()
      .get(/\/member-api\/v3\/files/)
      .reply(200, { count: 2, next: '', previous: '', results: [{ id: 1, created_at: 'yesterday' }, { id: 2 }] });
    const error = await drain(testClient().files.all({ per_page: 2 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toMatch(/created_at is not a timestamp/);
  });
});

describe('a count that lies', () => {
  it('a count of a trillion on every window costs a few empty windows, not a trillion requests', async () => {
    const server = fakeFiles(spaced(2_000, 1_000_003n));
    server.count = 1e12;
    serve(server);
    const crawl = testClient().files.all({ per_page: 100 }, { concurrency: 4 });
    expect(await drain(crawl)).toEqual(range(2_000));
    expect(crawl.stats.requests).toBeLessThan(400);
  });
});

describe('choosing how to page, before anything is sent', () => {
  it('paging "windows" refuses a sort windows cannot follow; "bogus" is refused', () => {
    const client = testClient();
    expect(() => client.files.all({ sort: 'size__desc' }, { paging: 'windows' })).toThrow(InvalidInputError);
    expect(() => client.files.all({ sort: 'size__desc' }, { paging: 'windows' })).toThrow(/sorted by created_at or updated_at/);
    expect(() => client.files.all({}, { paging: 'bogus' as never })).toThrow(/paging must be one of/);
  });

  it('a sort by another column pages by offset and says why', async () => {
    const server = fakeFiles(spaced(10, 1n));
    serve(server);
    const crawl = testClient().files.all({ sort: 'id__desc' } as never);
    await drain(crawl);
    expect(crawl.stats).toMatchObject({ method: 'offset', reason: 'sorted by id__desc' });
  });
});
