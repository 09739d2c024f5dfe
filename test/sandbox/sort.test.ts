import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, ids, list } from './helpers.js';

type FileRow = { id: number; updated_at: string; state: string; size: number; identifier: string };

// errata §4 and §2.2: any view column sorts, unknown ones are 500s, default sorts have ties.
describe('sandbox sort', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.stop());

  it('applies repeatable sort keys in order', async () => {
    const r = await list<FileRow>(sb, '/member-api/v3/files?per_page=0&sort=state__desc&sort=size__asc&sort=id__asc');
    for (let k = 1; k < r.results.length; k++) {
      const [a, b] = [r.results[k - 1], r.results[k]];
      expect(a.state >= b.state).toBe(true);
      if (a.state === b.state) expect(a.size < b.size || (a.size === b.size && a.id < b.id)).toBe(true);
    }
  });

  it('answers an unknown sort column with the Postgres 500, and treats a bad direction as asc', async () => {
    expect((await call(sb, '/member-api/v3/files?sort=colour__asc')).json).toEqual({
      StatusCode: 500,
      Error: 'ERROR #42703 column "colour" does not exist',
    });
    // errata §4: the JSON name mtime is not a column; mod_time is.
    expect((await call(sb, '/member-api/v3/files?sort=mtime__asc')).status).toBe(500);
    expect((await call(sb, '/member-api/v3/files?sort=mod_time__desc')).status).toBe(200);
    expect((await call(sb, '/member-api/v3/checksums?sort=generic_file_identfier__asc')).status).toBe(500);
    expect((await call(sb, '/member-api/v3/items?sort=identifier__asc')).status).toBe(500);
    const sideways = ids((await list(sb, '/member-api/v3/files?per_page=50&sort=id__sideways')).results);
    expect(sideways).toEqual([...sideways].sort((a, b) => a - b));
  });

  it('refuses fields that are not view columns, and sorts a plain column name ascending', async () => {
    // The real server: files storage_records (only on files/show) and deletions stage/status 500 too.
    for (const [route, column] of [
      ['files', 'storage_records'],
      ['deletions', 'stage'],
      ['deletions', 'status'],
    ]) {
      expect((await call(sb, `/member-api/v3/${route}?sort=${column}__asc`)).json).toEqual({
        StatusCode: 500,
        Error: `ERROR #42703 column "${column}" does not exist`,
      });
    }
    const plain = (await list<FileRow>(sb, '/member-api/v3/files?per_page=0&sort=identifier')).results.map((f) => f.identifier);
    expect(plain).toEqual([...plain].sort());
  });

  it('sorts by id in a stable total order', async () => {
    const a = ids((await list(sb, '/member-api/v3/files?per_page=0&sort=id__desc')).results);
    const b = ids((await list(sb, '/member-api/v3/files?per_page=0&sort=id__desc')).results);
    expect(a).toEqual(b);
    expect(a).toEqual([...a].sort((x, y) => y - x));
  });

  it('returns ties of the default sort (updated_at desc) in a different order on each request', async () => {
    const a = await list<FileRow>(sb, '/member-api/v3/files?per_page=0');
    const b = await list<FileRow>(sb, '/member-api/v3/files?per_page=0');
    for (const r of [a, b]) {
      for (let k = 1; k < r.results.length; k++) expect(r.results[k - 1].updated_at >= r.results[k].updated_at).toBe(true);
    }
    expect(ids(a.results)).not.toEqual(ids(b.results));
    expect(new Set(ids(a.results))).toEqual(new Set(ids(b.results)));
  });

  it('makes naive offset paging on the default sort duplicate and drop rows; id__asc as a tie-breaker fixes it', async () => {
    const crawl = async (extra: string) => {
      const seen: number[] = [];
      let count: number | undefined;
      for (let page = 1; ; page++) {
        const r = await list(sb, `/member-api/v3/files?per_page=50&page=${page}${extra}`);
        count = r.count;
        seen.push(...ids(r.results));
        if (r.next === '') break;
      }
      return { seen, count: count ?? 0 };
    };
    const naive = await crawl('');
    expect(naive.seen.length).toBe(naive.count);
    expect(new Set(naive.seen).size).toBeLessThan(naive.count);
    const stable = await crawl('&sort=updated_at__desc&sort=id__asc');
    expect(new Set(stable.seen).size).toBe(stable.count);
  });

  it('treats items sort=user as a no-op (ORDER BY CURRENT_USER)', async () => {
    expect((await call(sb, '/member-api/v3/items?sort=user__asc')).status).toBe(200);
  });
});
