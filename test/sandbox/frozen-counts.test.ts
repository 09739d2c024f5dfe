// Counts from a materialised view that stopped following the data (errata §2.3): the real server
// said 18 while 200,038 rows existed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type ChangeBatch, type Sandbox, type SandboxFile } from '../../src/sandbox/index.js';
import { ids, list } from './helpers.js';

describe('sandbox frozen counts (at start)', () => {
  let sb: Sandbox;
  let files0: number;
  let active0: number;
  let ingest0: number;
  let added: ChangeBatch;
  beforeAll(async () => {
    sb = await startSandbox({ files: 400, frozenCounts: true });
    files0 = sb.matchingIds('files', { institution_id: 2 }).length;
    active0 = sb.matchingIds('files', { institution_id: 2, state: 'A' }).length;
    ingest0 = sb.matchingIds('items', { institution_id: 2, action: 'Ingest' }).length;
  });
  afterAll(() => sb.stop());

  it('start out equal to the live counts', async () => {
    expect((await list(sb, '/member-api/v3/files?per_page=1')).count).toBe(files0);
    expect((await list(sb, '/member-api/v3/files?per_page=1&state=A')).count).toBe(active0);
  });

  it('stay at their start value while rows are inserted and change state, though the rows are served', async () => {
    added = sb.change({ kind: 'insert', resource: 'files', count: 30 });
    sb.change({ kind: 'state', resource: 'files', count: 10, institutionId: 2 });
    sb.change({ kind: 'insert', resource: 'items', count: 4 });
    expect(sb.matchingIds('files', { institution_id: 2 })).toHaveLength(files0 + 30);

    const newest = await list<SandboxFile>(sb, '/member-api/v3/files?per_page=30&sort=id__desc');
    expect(newest.count).toBe(files0);
    expect(ids(newest.results).sort((a, b) => a - b)).toEqual(added.ids);
    expect((await list(sb, '/member-api/v3/files?per_page=1&state=A&institution_id=2')).count).toBe(active0);
    expect((await list(sb, '/member-api/v3/items?per_page=1&action=Ingest')).count).toBe(ingest0);

    // next follows the count: the page that ends at the frozen count says there is no more.
    const atCount = await list<SandboxFile>(sb, `/member-api/v3/files?per_page=${files0}&sort=id__asc`);
    expect(atCount.results).toHaveLength(files0);
    expect(atCount.next).toBe('');
    const beyond = await list<SandboxFile>(sb, `/member-api/v3/files?per_page=${files0}&page=2&sort=id__asc`);
    expect(ids(beyond.results)).toEqual(added.ids);
  });

  it('leave counts that are not view-based live', async () => {
    const standard = sb.matchingIds('files', { institution_id: 2, storage_option: 'Standard' }).length;
    expect((await list(sb, '/member-api/v3/files?per_page=1&storage_option=Standard')).count).toBe(standard);
    expect((await list(sb, '/member-api/v3/files?per_page=1&storage_option__in=Standard')).count).toBe(standard);
    const since = await list<SandboxFile>(sb, `/member-api/v3/files?per_page=1&created_at__gteq=${added.firstAt}`);
    expect(since.count).toBe(30);
    expect((await list(sb, '/member-api/v3/checksums?per_page=1')).count).toBe(sb.matchingIds('checksums', { institution_id: 2 }).length);
  });
});

describe('sandbox frozen counts (a given number)', () => {
  it('makes every view-based count that number, with staleCounts on top', async () => {
    const sb = await startSandbox({ files: 300, frozenCounts: 18, staleCounts: 2 });
    try {
      expect((await list(sb, '/member-api/v3/files?per_page=1')).count).toBe(20);
      expect((await list(sb, '/member-api/v3/objects?per_page=1&state=A')).count).toBe(20);
      expect((await list(sb, '/member-api/v3/events?per_page=1&event_type=ingestion')).count).toBe(20);
      expect((await list(sb, '/member-api/v3/items?per_page=1')).count).toBe(20);
      const page = await list(sb, '/member-api/v3/files?per_page=20');
      expect(page.results).toHaveLength(20);
      expect(page.next).toBe('');
      expect((await list(sb, '/member-api/v3/alerts?per_page=1')).count).toBe(
        sb.matchingIds('alerts', { institution_id: 2, user_id: sb.user.id }).length,
      );
    } finally {
      await sb.stop();
    }
  });

  it('rejects a negative or fractional number', async () => {
    await expect(startSandbox({ files: 10, frozenCounts: -1 })).rejects.toThrow(/frozenCounts/);
    await expect(startSandbox({ files: 10, frozenCounts: 1.5 })).rejects.toThrow(/frozenCounts/);
  });
});
