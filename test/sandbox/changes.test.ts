// Changes while a client crawls: inserts, state changes and touches, on a schedule of list
// requests, each batch atomic, with an oracle (matchingIds) and listeners (onChange).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseChange,
  runSandboxCommand,
  startSandbox,
  type ChangeBatch,
  type Sandbox,
  type SandboxFile,
  type SandboxFileDetail,
  type SandboxObject,
  type SandboxWorkItem,
} from '../../src/sandbox/index.js';
import { internalsOf } from '../../src/sandbox/internals.js';
import { call, ids, list, sysadmin } from './helpers.js';
import { us, wire } from './time-helpers.js';
import { PassThrough } from 'node:stream';

const maxTime = (rows: Iterable<object>): number => {
  let max = 0;
  for (const r of rows)
    for (const v of Object.values(r)) if (typeof v === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v)) max = Math.max(max, us(v));
  return max;
};

describe('sandbox changes: insert', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 500 });
  });
  afterAll(() => sb.stop());

  it('files: next ids, distinct µs after every timestamp, state A, in an object of institution 2, everywhere', async () => {
    const before = sb.data.files.length;
    const latest = Math.max(maxTime(sb.data.files), maxTime(sb.data.objects), maxTime(sb.data.workItems));
    const count0 = (await list(sb, '/member-api/v3/files?per_page=1')).count;
    const batch = sb.change({ kind: 'insert', resource: 'files', count: 5 });
    expect(batch).toMatchObject({ seq: 1, kind: 'insert', resource: 'files', afterRequest: null });
    expect(batch.ids).toEqual([before + 1, before + 2, before + 3, before + 4, before + 5]);

    const page = await list<SandboxFile>(sb, '/member-api/v3/files?per_page=5&sort=id__desc');
    expect(page.count).toBe(count0 + 5); // live count
    const rows = page.results.reverse();
    expect(ids(rows)).toEqual(batch.ids);
    const times = rows.map((f) => us(f.created_at));
    expect(times[0]).toBeGreaterThan(latest);
    for (let k = 1; k < times.length; k++) expect(times[k]).toBeGreaterThan(times[k - 1]);
    expect(rows[0].created_at).toBe(batch.firstAt);
    expect(rows[4].created_at).toBe(batch.lastAt);
    for (const f of rows) {
      expect(f).toMatchObject({
        state: 'A',
        institution_id: 2,
        updated_at: f.created_at,
        md5: '',
        last_fixity_check: '2000-01-01T00:00:00Z',
      });
      expect(f.identifier.startsWith(`${f.object_identifier}/`)).toBe(true);
    }
    expect(new Set(rows.map((f) => f.intellectual_object_id)).size).toBe(1);

    // Filters, sorts, the oracle, show routes (by id and identifier), files/show, the parent's aggregates.
    const since = await list<SandboxFile>(
      sb,
      `/member-api/v3/files?per_page=100&created_at__gteq=${batch.firstAt}&sort=created_at__desc&sort=id__asc`,
    );
    expect(ids(since.results)).toEqual([...batch.ids].reverse());
    expect(sb.matchingIds('files', { created_at__gteq: batch.firstAt })).toEqual(batch.ids);
    expect(sb.matchingIds('files', { institution_id: 2, state: 'A' })).toEqual(expect.arrayContaining(batch.ids));
    const shown = await call(sb, `/member-api/v3/files/show/${batch.ids[0]}`);
    expect(shown.status).toBe(200);
    const detail = shown.json as SandboxFileDetail;
    expect(detail).toMatchObject({ id: batch.ids[0], state: 'A', checksums: null, premis_events: null, created_at: batch.firstAt });
    expect(detail.storage_records?.length).toBeGreaterThan(0);
    const byIdentifier = await call(sb, `/member-api/v3/files/show/${encodeURIComponent(rows[0].identifier)}`);
    expect(byIdentifier.json.id).toBe(batch.ids[0]);
    const parent = sb.data.objects.byId(rows[0].intellectual_object_id) as SandboxObject;
    const shownParent = (await call(sb, `/member-api/v3/objects/show/${parent.id}`)).json as SandboxObject;
    expect(shownParent.file_count).toBe(sb.data.files.filter((f) => f.intellectual_object_id === parent.id && f.state === 'A').length);
    expect(sb.data.fileDetail(batch.ids[0])?.id).toBe(batch.ids[0]);
  });

  it('items: Ingest, Receive / Pending, institution 2, listed, filtered and shown', async () => {
    const before = sb.data.workItems.length;
    const batch = sb.change({ kind: 'insert', resource: 'items', count: 3 });
    expect(batch.ids).toEqual([before + 1, before + 2, before + 3]);
    const pending = await list<SandboxWorkItem>(
      sb,
      `/member-api/v3/items?status=Pending&per_page=1000&sort=id__asc&date_processed__gteq=${batch.firstAt}`,
    );
    expect(ids(pending.results)).toEqual(batch.ids);
    for (const w of pending.results) {
      expect(w).toMatchObject({ action: 'Ingest', stage: 'Receive', status: 'Pending', institution_id: 2, created_at: w.updated_at });
    }
    expect((await call(sb, `/member-api/v3/items/show/${batch.ids[2]}`)).json.name).toBe(pending.results[2].name);
    expect(sb.matchingIds('items', 'status=Pending&institution_id=2')).toEqual(expect.arrayContaining(batch.ids));
  });

  it('objects: state A, no files, institution of choice, shown by identifier', async () => {
    const before = sb.data.objects.length;
    const batch = sb.change({ kind: 'insert', resource: 'objects', count: 2, institutionId: 3 });
    expect(batch.ids).toEqual([before + 1, before + 2]);
    const admin = sysadmin(sb);
    const rows = (
      await list<SandboxObject>(sb, `/member-api/v3/objects?institution_id=3&per_page=2&sort=created_at__desc&sort=id__asc`, admin)
    ).results;
    expect(ids(rows)).toEqual([...batch.ids].reverse());
    expect(rows[0]).toMatchObject({ state: 'A', file_count: 0, size: 0, institution_id: 3, institution_identifier: 'institution2.edu' });
    const shown = await call(sb, `/member-api/v3/objects/show/${encodeURIComponent(rows[0].identifier)}`, { user: admin });
    expect(shown.json.id).toBe(rows[0].id);
    expect((await call(sb, `/member-api/v3/objects/show/${rows[0].id}`)).status).toBe(403); // institution 3, not ours
  });
});

describe('sandbox changes: state and touch', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 600 });
  });
  afterAll(() => sb.stop());

  it('files flip A ↔ D with updated_at bumped; checksums and the oracle follow', async () => {
    const before = new Map(sb.data.files.filter((f) => f.institution_id === 2).map((f) => [f.id, f]));
    const active = sb.matchingIds('files', { institution_id: 2, state: 'A' });
    const batch = sb.change({ kind: 'state', resource: 'files', count: 8, institutionId: 2 });
    expect(batch.ids).toHaveLength(8);
    for (const id of batch.ids) {
      const was = before.get(id) as SandboxFile;
      const now = (await call(sb, `/member-api/v3/files/show/${id}`)).json as SandboxFileDetail;
      expect(now.state).toBe(was.state === 'A' ? 'D' : 'A');
      expect(us(now.updated_at)).toBeGreaterThanOrEqual(us(batch.firstAt));
      expect(us(now.updated_at)).toBeLessThanOrEqual(us(batch.lastAt));
      const sums = await list<{ state: string }>(sb, `/member-api/v3/checksums?generic_file_id=${id}`);
      expect(sums.results?.every((c) => c.state === now.state) ?? true).toBe(true);
    }
    const flipped = new Set(batch.ids);
    const expected = [...before.values()]
      .filter((f) => (flipped.has(f.id) ? f.state !== 'A' : f.state === 'A'))
      .map((f) => f.id)
      .sort((a, b) => a - b);
    expect(sb.matchingIds('files', { institution_id: 2, state: 'A' })).toEqual(expected);
    expect(expected).not.toEqual(active);
    const listed = await list<SandboxFile>(sb, '/member-api/v3/files?state=A&per_page=1000&sort=id__asc');
    expect(ids(listed.results)).toEqual(expected);
  });

  it('objects flip A ↔ D with updated_at bumped, in lists, filters and the oracle', async () => {
    const before = new Map(sb.data.objects.filter((o) => o.institution_id === 2).map((o) => [o.id, o]));
    const batch = sb.change({ kind: 'state', resource: 'objects', count: 4, institutionId: 2 });
    const deleted = new Set(sb.matchingIds('objects', { institution_id: 2, state: 'D' }));
    for (const id of batch.ids) {
      const was = before.get(id) as SandboxObject;
      const now = (await call(sb, `/member-api/v3/objects/show/${id}`)).json as SandboxObject;
      expect(now.state).toBe(was.state === 'A' ? 'D' : 'A');
      expect(deleted.has(id)).toBe(now.state === 'D');
      expect(us(now.updated_at)).toBeGreaterThanOrEqual(us(batch.firstAt));
    }
    const listed = await list<SandboxObject>(sb, '/member-api/v3/objects?state=D&per_page=1000&sort=id__asc');
    expect(ids(listed.results ?? [])).toEqual([...deleted]);
    const recent = await list<SandboxObject>(sb, `/member-api/v3/objects?per_page=100&sort=id__asc&updated_at__gteq=${batch.firstAt}`);
    expect(ids(recent.results)).toEqual(batch.ids);
  });

  it('items move Pending → Started → Success, anything else is requeued', async () => {
    const before = new Map(sb.data.workItems.filter(() => true).map((w) => [w.id, w]));
    const batch = sb.change({ kind: 'state', resource: 'items', count: 20 });
    for (const id of batch.ids) {
      const was = before.get(id) as SandboxWorkItem;
      const now = sb.data.workItems.byId(id) as SandboxWorkItem;
      const want = was.status === 'Pending' ? 'Started' : was.status === 'Started' ? 'Success' : 'Pending';
      expect(now.status, `${was.status} → ${now.status}`).toBe(want);
      if (want === 'Started') expect(now.stage).toBe(was.stage);
      expect(now.updated_at).toBe(now.date_processed);
      expect(now.stage_started_at).toBe(now.updated_at);
      expect(us(now.updated_at)).toBeGreaterThan(us(was.updated_at));
    }
    const started = batch.ids.filter((id) => (sb.data.workItems.byId(id) as SandboxWorkItem).status === 'Started');
    expect(sb.matchingIds('items', { status: 'Started' })).toEqual(expect.arrayContaining(started));
  });

  it('touch changes updated_at and nothing else', async () => {
    const admin = sysadmin(sb);
    for (const resource of ['files', 'objects', 'items'] as const) {
      const view = resource === 'items' ? sb.data.workItems : sb.data[resource];
      const snapshot = new Map<number, Record<string, unknown>>([...(view as Iterable<{ id: number }>)].map((r) => [r.id, r as never]));
      const batch = sb.change({ kind: 'touch', resource, count: 6 });
      expect(batch.ids).toHaveLength(6);
      for (const id of batch.ids) {
        const now = (await call(sb, `/member-api/v3/${resource}/show/${id}`, { user: admin })).json as Record<string, unknown>;
        const was = snapshot.get(id) as Record<string, unknown>;
        const keys = resource === 'files' ? ['state', 'size', 'identifier', 'created_at', 'uuid'] : Object.keys(was);
        for (const k of keys) if (k !== 'updated_at') expect(now[k], `${resource} ${id} ${k}`).toEqual(was[k]);
        expect(us(now.updated_at as string)).toBeGreaterThan(us(was.updated_at as string));
      }
      // Work items have no updated_at filter: the newest by updated_at are the touched ones.
      const newest = await list(sb, `/member-api/v3/${resource}?per_page=6&sort=updated_at__desc&sort=id__asc`, admin);
      expect(ids(newest.results).sort((x, y) => x - y)).toEqual(batch.ids);
      if (resource !== 'items') expect(sb.matchingIds(resource, { updated_at__gteq: batch.firstAt })).toEqual(batch.ids);
    }
  });

  it('picks the same rows for the same batches (seeded), distinct within a batch', async () => {
    const [a, b] = await Promise.all([startSandbox({ files: 300, seed: 5 }), startSandbox({ files: 300, seed: 5 })]);
    try {
      for (const s of [a, b]) s.change({ kind: 'insert', resource: 'files', count: 2 });
      const pa = a.change({ kind: 'state', resource: 'files', count: 25 });
      const pb = b.change({ kind: 'state', resource: 'files', count: 25 });
      expect(pa.ids).toEqual(pb.ids);
      expect(new Set(pa.ids).size).toBe(25);
      expect(a.change({ kind: 'touch', resource: 'items', count: 10_000 }).ids).toHaveLength(a.data.workItems.length); // capped
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('keeps the timestamp indexes right through changes: patched, not rebuilt', async () => {
    const { indexStats } = internalsOf(sb);
    const window = async () => {
      const all = sb.data.files.filter((f) => f.institution_id === 2);
      const times = all.map((f) => us(f.updated_at)).sort((x, y) => x - y);
      const [lo, hi] = [times[Math.floor(times.length / 2)], times[times.length - 1]];
      const got = await list<SandboxFile>(
        sb,
        `/member-api/v3/files?per_page=1000&sort=updated_at__asc&sort=id__asc&updated_at__gteq=${wire(lo)}&updated_at__lteq=${wire(hi)}`,
      );
      const want = all
        .filter((f) => us(f.updated_at) >= lo && us(f.updated_at) <= hi)
        .sort((x, y) => us(x.updated_at) - us(y.updated_at) || x.id - y.id);
      expect(ids(got.results)).toEqual(ids(want));
      const created = await list<SandboxFile>(sb, '/member-api/v3/files?per_page=1000&sort=created_at__desc&sort=id__asc');
      const byCreated = [...all].sort((x, y) => us(y.created_at) - us(x.created_at) || x.id - y.id);
      expect(ids(created.results)).toEqual(ids(byCreated).slice(0, 1000));
    };
    await window();
    const builds = indexStats.builds;
    const patches = indexStats.patches;
    sb.change({ kind: 'touch', resource: 'files', count: 30, institutionId: 2 });
    await window();
    sb.change({ kind: 'state', resource: 'files', count: 30, institutionId: 2 });
    sb.change({ kind: 'insert', resource: 'files', count: 30 });
    await window();
    expect(indexStats.builds).toBe(builds);
    expect(indexStats.patches).toBeGreaterThan(patches);
  });
});

describe('sandbox change schedule', () => {
  it('fires after every n-th list answered 200; other requests do not count', async () => {
    const sb = await startSandbox({ files: 200, changes: [{ kind: 'insert', resource: 'files', count: 2, every: 3, offset: 1 }] });
    try {
      const n0 = sb.data.files.length;
      const total = async () => (await list(sb, '/member-api/v3/files?per_page=1')).count;
      const inst0 = await total(); // request 1
      expect(await total()).toBe(inst0); // 2
      await call(sb, '/member-api/v3/files/show/1'); // not a list
      await call(sb, '/member-api/v3/files?nope=1'); // a 500
      await call(sb, '/member-api/v3/files', { user: null }); // a 401
      expect(await total()).toBe(inst0); // 3
      expect(sb.data.files.length).toBe(n0);
      expect(await total()).toBe(inst0); // 4: fires after it (offset 1, every 3)
      expect(sb.data.files.length).toBe(n0 + 2);
      expect(await total()).toBe(inst0 + 2); // 5 sees it
      await total(); // 6
      await total(); // 7: fires
      expect(sb.data.files.length).toBe(n0 + 4);
      sb.setChanges([{ kind: 'touch', resource: 'items', every: 1 }]); // restarts the count
      const seen: ChangeBatch[] = [];
      sb.onChange((b) => seen.push(b));
      await total();
      expect(seen).toMatchObject([{ kind: 'touch', resource: 'items', afterRequest: 1, seq: 3 }]);
      sb.setChanges([]);
      await total();
      expect(seen).toHaveLength(1);
    } finally {
      await sb.stop();
    }
  });

  it('does not count requests a fault answered instead of the registry', async () => {
    const sb = await startSandbox({
      files: 100,
      changes: [{ kind: 'insert', resource: 'items', every: 2 }],
      faults: [{ kind: '503', every: 2 }],
    });
    try {
      const n0 = sb.data.workItems.length;
      for (let k = 0; k < 4; k++) await call(sb, '/member-api/v3/items?per_page=1'); // 200, 503, 200, 503
      expect(sb.data.workItems.length).toBe(n0 + 1);
    } finally {
      await sb.stop();
    }
  });

  it('applies a batch atomically: concurrent requests see all of it or none of it', async () => {
    const sb = await startSandbox({ files: 300, changes: [{ kind: 'insert', resource: 'files', count: 25, every: 1 }] });
    try {
      const last = sb.data.files.length;
      const pages = await Promise.all(
        Array.from({ length: 12 }, () => list<SandboxFile>(sb, '/member-api/v3/files?per_page=1000&sort=id__desc')),
      );
      const seen = pages.map((p) => ids(p.results).filter((id) => id > last).length);
      for (const n of seen) expect(n % 25).toBe(0);
      expect(new Set(seen).size).toBeGreaterThan(1);
    } finally {
      await sb.stop();
    }
  });

  it('tells listeners synchronously after each batch, in subscription order, before the next answer', async () => {
    const sb = await startSandbox({ files: 200, changes: [{ kind: 'state', resource: 'files', count: 5, every: 2, institutionId: 2 }] });
    try {
      const log: string[] = [];
      const snapshots: number[][] = [];
      const off = sb.onChange((b) => {
        log.push(`a${b.seq}@${b.afterRequest}`);
        snapshots.push(sb.matchingIds('files', { institution_id: 2, state: 'A' }));
      });
      sb.onChange((b) => log.push(`b${b.seq}`));
      const active = async () =>
        ids((await list<SandboxFile>(sb, '/member-api/v3/files?state=A&per_page=1000&sort=id__asc')).results ?? []);
      await active(); // 1
      await active(); // 2 → batch 1
      expect(log).toEqual(['a1@2', 'b1']);
      expect(await active()).toEqual(snapshots[0]); // 3 sees exactly the snapshot
      const manual = sb.change({ kind: 'touch', resource: 'files' });
      expect(log).toEqual(['a1@2', 'b1', `a${manual.seq}@null`, `b${manual.seq}`]);
      off();
      await active(); // 4 → batch 3, only b hears it
      expect(log.at(-1)).toBe('b3');
      expect(log).toHaveLength(5);
    } finally {
      await sb.stop();
    }
  });

  it('rejects bad rules', async () => {
    await expect(startSandbox({ files: 10, changes: [{ kind: 'explode' as never, resource: 'files', every: 1 }] })).rejects.toThrow(/kind/);
    await expect(startSandbox({ files: 10, changes: [{ kind: 'insert', resource: 'alerts' as never, every: 1 }] })).rejects.toThrow(
      /resource/,
    );
    await expect(startSandbox({ files: 10, changes: [{ kind: 'insert', resource: 'files', every: 0 }] })).rejects.toThrow(/every/);
    await expect(startSandbox({ files: 10, changes: [{ kind: 'insert', resource: 'files', every: 1, count: -2 }] })).rejects.toThrow(
      /count/,
    );
  });
});

describe('sandbox.matchingIds', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 300 });
  });
  afterAll(() => sb.stop());

  it('takes the HTTP query names as a record, URLSearchParams or a string, unscoped and unpaged', async () => {
    const admin = sysadmin(sb);
    const all = await list<SandboxWorkItem>(
      sb,
      '/member-api/v3/items?per_page=1000&sort=id__asc&status__in=Pending&status__in=Failed',
      admin,
    );
    const want = ids(all.results);
    expect(sb.matchingIds('items', { status__in: ['Pending', 'Failed'] })).toEqual(want);
    expect(sb.matchingIds('items', new URLSearchParams('status__in=Pending&status__in=Failed&page=3&per_page=1&sort=id__desc'))).toEqual(
      want,
    );
    expect(sb.matchingIds('items', '?status__in=Pending&status__in=Failed')).toEqual(want);
    expect(sb.matchingIds('files')).toHaveLength(sb.data.files.length);
  });

  it('gives alerts as id:user_id', () => {
    const rows = sb.data.alerts.filter(() => true);
    expect(sb.matchingIds('alerts')).toEqual(rows.map((a) => `${a.id}:${a.user_id}`));
    expect(sb.matchingIds('alerts', { user_id: sb.user.id }).every((k) => k.endsWith(`:${sb.user.id}`))).toBe(true);
  });

  it('throws what the server would answer 500 to', () => {
    expect(() => sb.matchingIds('files', { nope: 1 })).toThrow(/500: Invalid query params: nope/);
    expect(() => sb.matchingIds('files', { created_at__gteq: 'not a date' })).toThrow(/invalid input syntax for type timestamp/);
  });
});

describe('sandbox command flags for changes, costs and counts', () => {
  it('parses --change', () => {
    expect(parseChange('insert:files:10:5')).toEqual({ kind: 'insert', resource: 'files', count: 10, every: 5 });
    expect(parseChange('state:items:3:7:2:2')).toEqual({
      kind: 'state',
      resource: 'items',
      count: 3,
      every: 7,
      offset: 2,
      institutionId: 2,
    });
    for (const bad of [
      'insert:files',
      'melt:files:1:1',
      'insert:alerts:1:1',
      'insert:files:1:0',
      'insert:files:x:1',
      'touch:files:1:1:1:1:1',
    ]) {
      expect(() => parseChange(bad), bad).toThrow(/^--change expects/);
    }
  });

  it('starts a sandbox with them', async () => {
    const io = { stdout: new PassThrough(), stderr: new PassThrough() };
    const sb = await runSandboxCommand(
      ['--files', '100', '--server-cost', '--cost-scale', '0', '--cost-cores', '3', '--frozen-counts', '7', '--change', 'insert:files:2:1'],
      io,
    );
    try {
      const cost = internalsOf(sb).cost;
      expect([cost.timeScale, cost.cores, cost.waits]).toEqual([0, 3, false]);
      const n = sb.data.files.length;
      expect((await list(sb, '/member-api/v3/files?per_page=1')).count).toBe(7);
      expect(sb.data.files.length).toBe(n + 2);
      expect(sb.cost.requests).toBe(1);
    } finally {
      await sb.stop();
    }
    await expect(runSandboxCommand(['--frozen-counts', 'soon'], io)).rejects.toThrow(/^--frozen-counts/);
    await expect(runSandboxCommand(['--cost-scale', 'fast'], io)).rejects.toThrow(/^--cost-scale/);
    const scaled = await runSandboxCommand(['--files', '20', '--cost-base', '5', '--cost-per-row', '0.25'], io);
    try {
      const cost = internalsOf(scaled).cost;
      expect([cost.baseMs, cost.perRowMs, cost.timeScale, cost.waits]).toEqual([5, 0.25, 1, true]);
    } finally {
      await scaled.stop();
    }
  });
});
