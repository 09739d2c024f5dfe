// A server (or a caching proxy) that ignores `page` and answers every request with the same full
// page would keep all() going for ever: every page is full, so "more may follow". A page that adds
// no record at all ends the crawl with a bad_response naming the page. A page that repeats only
// some of the previous page's records (rows shifted by an insert) is still normal.
import { afterEach, describe, expect, it } from 'vitest';
import { ServerError } from '../../src/index.js';
import { envelope, registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, updated_at: `2024-01-0${((from + i) % 3) + 1}T00:00:00Z`, name: `r${from + i}` }));

/**
 * The same full page for the first `repeats` requests, whatever `page` says; then a short page,
 * so that a crawl which does not notice still ends (and the test with it).
 */
function pageIgnoringRegistry(perPage: number, repeats = 20, count = 10_000) {
  const pages: string[] = [];
  registry()
    .get(/\/member-api\/v3\/items/)
    .times(repeats + 1)
    .reply((uri) => {
      const query = new URL(uri, 'https://x').searchParams;
      pages.push(query.get('page') ?? '');
      return [200, envelope(pages.length <= repeats ? rows(1, perPage) : rows(1, 1), count)];
    });
  return pages;
}

async function drain(iterable: AsyncIterable<unknown>): Promise<{ ids: number[]; error: unknown }> {
  const ids: number[] = [];
  try {
    for await (const record of iterable) ids.push((record as { id: number }).id);
    return { ids, error: undefined };
  } catch (error) {
    return { ids, error };
  }
}

describe('all() against a server that ignores page', () => {
  it('ends at page 2 with a bad_response naming the page (tie-break order)', async () => {
    const pages = pageIgnoringRegistry(5);
    const { ids, error } = await drain(testClient().workItems.all({ per_page: 5 }, { paging: 'offset', concurrency: 1 }));
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect((error as Error).message).toMatch(/page 2\b/);
    expect((error as Error).message).toMatch(/ignor\w* .*page/);
    expect(pages).toEqual(['1', '2']);
  });

  it("the same under a caller's sort (dedupe by the previous page's keys)", async () => {
    const pages = pageIgnoringRegistry(5);
    const { ids, error } = await drain(
      testClient().workItems.all({ per_page: 5, sort: 'updated_at__desc' }, { paging: 'offset', concurrency: 1 }),
    );
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect((error as Error).message).toMatch(/page 2\b/);
    expect(pages).toEqual(['1', '2']);
  });

  it('with pages in parallel: no page after the repeated one is consumed, and the crawl stops', async () => {
    const pages = pageIgnoringRegistry(5);
    const { ids, error } = await drain(testClient().workItems.all({ per_page: 5 }, { paging: 'offset', concurrency: 4 }));
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    expect(error).toMatchObject({ code: 'bad_response' });
    expect((error as Error).message).toMatch(/page 2\b/);
    // Page 1 had launched pages 2..5 (the window); none after them.
    expect(pages.length).toBeLessThanOrEqual(5);
  });

  it('a page that repeats some, not all, of the previous page (rows shifted by inserts) goes on', async () => {
    const answers = [rows(1, 5), rows(4, 5), rows(9, 2)];
    let n = 0;
    registry()
      .get(/\/member-api\/v3\/items/)
      .times(3)
      .reply(() => [200, envelope(answers[n++], 12)]);
    const { ids, error } = await drain(
      testClient().workItems.all({ per_page: 5, sort: 'updated_at__desc' }, { paging: 'offset', concurrency: 1 }),
    );
    expect(error).toBeUndefined();
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('a repeated short last page is not an error: the crawl ends there anyway', async () => {
    const answers = [rows(1, 5), rows(1, 3)];
    let n = 0;
    registry()
      .get(/\/member-api\/v3\/items/)
      .times(2)
      .reply(() => [200, envelope(answers[n++], 8)]);
    const { ids, error } = await drain(testClient().workItems.all({ per_page: 5 }, { paging: 'offset', concurrency: 1 }));
    expect(error).toBeUndefined();
    expect(ids).toEqual([1, 2, 3, 4, 5]);
  });
});
