import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxUser } from '../../src/sandbox/index.js';
import { call, ids, list, sysadmin } from './helpers.js';

// errata §2: envelope, relative links, the per_page cap applied after the offset, stale counts.
describe('sandbox pager', () => {
  let sb: Sandbox;
  let admin: SandboxUser;
  beforeAll(async () => {
    sb = await startSandbox();
    admin = sysadmin(sb);
  });
  afterAll(() => sb.stop());

  it('returns {count,next,previous,results} with relative links and per_page always present', async () => {
    const r = await call(sb, '/member-api/v3/events');
    expect(Object.keys(r.json)).toEqual(['count', 'next', 'previous', 'results']);
    expect(r.json.next).toBe('/member-api/v3/events?page=2&per_page=20');
    expect(r.json.previous).toBe('');
    expect(r.json.results).toHaveLength(20);
  });

  it('carries every original param, keys sorted, encoded like url.Values.Encode', async () => {
    const r = await list(
      sb,
      '/member-api/v3/objects?state=A&sort=updated_at__desc&sort=id__asc&per_page=5&page=2&identifier__starts_with=institution1.edu%2F',
    );
    expect(r.next).toBe(
      '/member-api/v3/objects?identifier__starts_with=institution1.edu%2F&page=3&per_page=5&sort=updated_at__desc&sort=id__asc&state=A',
    );
    expect(r.previous).toBe(
      '/member-api/v3/objects?identifier__starts_with=institution1.edu%2F&page=1&per_page=5&sort=updated_at__desc&sort=id__asc&state=A',
    );
    const spaced = await list(sb, '/member-api/v3/objects?per_page=1&source_organization=Friends%20of%20the%20Library');
    expect(spaced.count).toBeGreaterThan(1);
    expect(spaced.next).toBe('/member-api/v3/objects?page=2&per_page=1&source_organization=Friends+of+the+Library');
  });

  it('says next "" on the last page and keeps going while count > offset + results', async () => {
    const first = await list(sb, '/member-api/v3/deletions?per_page=1000');
    expect(first.next).toBe('');
    const last = await list(sb, `/member-api/v3/files?per_page=100&page=${Math.ceil(first.count / 100) + 100}`);
    // No rows is `results: null`, as the server's nil slice encodes (paging.files.page_999), not [].
    expect(last.results).toBeNull();
    expect(last.next).toBe('');
  });

  it('computes the offset from the uncapped per_page, then caps the page at 1000', async () => {
    const r = await list(sb, '/member-api/v3/events?page=2&per_page=5000&sort=id__asc', admin);
    expect(r.count).toBe(sb.data.events.length);
    expect(r.results[0]?.id).toBe(5001); // offset 5000, not 1000
    expect(r.results.length).toBe(Math.min(1000, r.count - 5000));
    expect(r.previous).toBe('/member-api/v3/events?page=1&per_page=1000&sort=id__asc');
    const capped = await list(sb, '/member-api/v3/events?page=2&per_page=1200&sort=id__asc', admin);
    expect(capped.results).toHaveLength(1000);
    expect(capped.results[0]?.id).toBe(1201);
    expect(capped.next).toBe('/member-api/v3/events?page=3&per_page=1000&sort=id__asc');
  });

  it('returns every row when per_page is 0, negative or not a number', async () => {
    for (const pp of ['0', '-1', 'abc', '']) {
      const r = await list(sb, `/member-api/v3/files?per_page=${pp}`);
      expect(r.results).toHaveLength(r.count);
      expect(r.next).toBe('');
    }
  });

  it('treats a non-numeric page as 0: offset 0 and next says page=1', async () => {
    const r = await list(sb, '/member-api/v3/items?page=abc&per_page=3&sort=id__asc');
    const first = await list(sb, '/member-api/v3/items?per_page=3&sort=id__asc');
    expect(ids(r.results)).toEqual(ids(first.results));
    expect(r.next).toBe('/member-api/v3/items?page=1&per_page=3&sort=id__asc');
    expect(r.previous).toBe('');
  });
});

describe('sandbox stale counts', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 500, staleCounts: 7 });
  });
  afterAll(() => sb.stop());

  const live = (pred: (f: { institution_id: number; state: string; storage_option: string }) => boolean) =>
    sb.data.files.filter((f) => f.institution_id === 2 && pred(f)).length;

  it('adds staleCounts when every filter is in the count-filter set', async () => {
    expect((await list(sb, '/member-api/v3/files?per_page=1')).count).toBe(live(() => true) + 7);
    expect((await list(sb, '/member-api/v3/files?per_page=1&state=A')).count).toBe(live((f) => f.state === 'A') + 7);
    const items = (await list(sb, '/member-api/v3/items?per_page=1&action=Ingest')).count;
    expect(items).toBe(sb.data.workItems.filter((w) => w.institution_id === 2 && w.action === 'Ingest').length + 7);
  });

  it('counts live for other filters, for __in and for alerts/checksums/deletions', async () => {
    expect((await list(sb, '/member-api/v3/files?per_page=1&storage_option=Standard')).count).toBe(
      live((f) => f.storage_option === 'Standard'),
    );
    expect((await list(sb, '/member-api/v3/files?per_page=1&storage_option__in=Standard')).count).toBe(
      live((f) => f.storage_option === 'Standard'),
    );
    expect((await list(sb, '/member-api/v3/checksums?per_page=1')).count).toBe(
      sb.data.checksums.filter((c) => c.institution_id === 2).length,
    );
  });

  it('derives next from the stale count: an extra empty page', async () => {
    const n = live(() => true);
    const last = await list(sb, `/member-api/v3/files?per_page=${n}`);
    expect(last.results).toHaveLength(n);
    expect(last.next).not.toBe('');
  });
});
