// Exactly once while the data changes, over real HTTP: the sandbox inserts rows, changes states and
// bumps updated_at between the crawl's own requests (on a schedule of requests, not of time), and
// the oracle is the sandbox's own data, asked after every batch of changes. A record matching the
// filter at every one of those moments must be yielded exactly once; nothing else may be yielded
// that never matched, and nothing twice.
import { afterEach, describe, expect, it } from 'vitest';
import type { Crawl } from '../../src/index.js';
import type { ChangeRule, Sandbox } from '../../src/sandbox/index.js';
import { clientFor, sandboxFor } from './helpers.js';

type Resource = 'files' | 'items';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

interface Verdict {
  lost: number[];
  doubled: number;
  strangers: number[];
  batches: number;
  yielded: number;
}

/** Crawls while the rules fire, and judges the result against the sandbox's data at every batch. */
async function crawlUnderChange(
  s: Sandbox,
  resource: Resource,
  query: Record<string, string>,
  crawl: () => Crawl<{ id: number }>,
): Promise<Verdict> {
  const scoped = { ...query, institution_id: String(s.user.institutionId) };
  const snapshots: Set<number>[] = [new Set(s.matchingIds(resource, scoped))];
  const off = s.onChange(() => snapshots.push(new Set(s.matchingIds(resource, scoped))));
  const ids: number[] = [];
  try {
    for await (const record of crawl()) ids.push(record.id);
  } finally {
    off();
  }
  snapshots.push(new Set(s.matchingIds(resource, scoped)));
  const [first, ...rest] = snapshots;
  const throughout = [...first].filter((id) => rest.every((snap) => snap.has(id)));
  const ever = new Set(snapshots.flatMap((snap) => [...snap]));
  const got = new Set(ids);
  return {
    lost: throughout.filter((id) => !got.has(id)),
    doubled: ids.length - got.size,
    strangers: ids.filter((id) => !ever.has(id)),
    batches: snapshots.length - 2,
    yielded: ids.length,
  };
}

const clean = (v: Verdict) => ({ lost: v.lost, doubled: v.doubled, strangers: v.strangers });
const CLEAN = { lost: [], doubled: 0, strangers: [] };

// Every kind of change on its own and all together, each rule firing after every list request.
const KINDS: Record<string, (resource: Resource) => ChangeRule[]> = {
  inserts: (resource) => [{ kind: 'insert', resource, count: 7, every: 1 }],
  'state changes': (resource) => [{ kind: 'state', resource, count: 9, every: 1, institutionId: 2 }],
  'updated_at bumps': (resource) => [{ kind: 'touch', resource, count: 9, every: 1, institutionId: 2 }],
  'all three': (resource) => [
    { kind: 'insert', resource, count: 5, every: 1 },
    { kind: 'state', resource, count: 5, every: 1, institutionId: 2 },
    { kind: 'touch', resource, count: 5, every: 2, institutionId: 2 },
  ],
};

describe('files crawled in windows of created_at, filtered by a state that changes', () => {
  for (const [name, rules] of Object.entries(KINDS)) {
    for (const concurrency of [1, 2, 4, 8]) {
      it(`${name}, concurrency ${concurrency}: 0 lost, 0 doubled`, async () => {
        sandbox = await sandboxFor({ files: 6_000, changes: rules('files') });
        const client = clientFor(sandbox);
        const verdict = await crawlUnderChange(sandbox, 'files', { state: 'A' }, () =>
          client.files.all({ state: 'A', per_page: 100 }, { concurrency }),
        );
        expect(clean(verdict)).toEqual(CLEAN);
        expect(verdict.batches).toBeGreaterThan(10); // the data really changed during the crawl
      });
    }
  }
});

describe('files sorted by updated_at__desc while rows are inserted (the case that lost 40 records)', () => {
  for (const concurrency of [1, 2, 4, 8]) {
    it(`concurrency ${concurrency}: 0 lost, 0 doubled, the order kept for what did not change`, async () => {
      sandbox = await sandboxFor({
        files: 6_000,
        changes: [
          { kind: 'insert', resource: 'files', count: 10, every: 1 },
          { kind: 'touch', resource: 'files', count: 3, every: 1, institutionId: 2 },
        ],
      });
      const client = clientFor(sandbox);
      const touched = new Set<number>();
      const off = sandbox.onChange((batch) => batch.ids.forEach((id) => touched.add(id)));
      const seen: { id: number; updated_at: string }[] = [];
      const verdict = await crawlUnderChange(sandbox, 'files', {}, () => {
        const crawl = client.files.all({ sort: 'updated_at__desc', per_page: 100 }, { concurrency });
        return (async function* () {
          for await (const f of crawl) {
            seen.push(f);
            yield f;
          }
        })() as unknown as Crawl<{ id: number }>;
      });
      off();
      expect(clean(verdict)).toEqual(CLEAN);
      // Records that did not change come newest first.
      const steady = seen.filter((f) => !touched.has(f.id)).map((f) => f.updated_at);
      expect(steady).toEqual([...steady].sort((a, b) => Date.parse(b) - Date.parse(a)));
    });
  }
});

describe('the work queue crawled in windows of bag_date while items change status (a CI job watching it)', () => {
  for (const concurrency of [1, 2, 4, 8]) {
    it(`status changes and new items, concurrency ${concurrency}: 0 lost, 0 doubled`, async () => {
      sandbox = await sandboxFor({
        workItems: 4_000,
        changes: [
          { kind: 'state', resource: 'items', count: 8, every: 1, institutionId: 2 },
          { kind: 'insert', resource: 'items', count: 4, every: 1 },
        ],
      });
      const client = clientFor(sandbox);
      const verdict = await crawlUnderChange(sandbox, 'items', { status: 'Pending' }, () =>
        client.workItems.all({ status: 'Pending', per_page: 20 }, { concurrency }),
      );
      expect(clean(verdict)).toEqual(CLEAN);
      expect(verdict.batches).toBeGreaterThan(5);
    });
  }
});

describe('stale counts and server cost', () => {
  it('a count frozen at the start does not end the crawl, and every window is one shallow request', async () => {
    sandbox = await sandboxFor({ files: 4_000, frozenCounts: 18, serverCost: { timeScale: 0 } });
    const client = clientFor(sandbox);
    const expected = sandbox.matchingIds('files', { institution_id: sandbox.user.institutionId });
    const crawl = client.files.all({ per_page: 100 }, { concurrency: 4 });
    const ids: number[] = [];
    for await (const f of crawl) ids.push(f.id);
    expect([...ids].sort((a, b) => a - b)).toEqual(expected);
    const pages = sandbox.requests.map((r) => new URL(r.url, sandbox!.url).searchParams.get('page'));
    // Offset pages only inside an instant holding more than a page (an object's files share one).
    expect(pages.filter((p) => p !== '1').length).toBe(crawl.stats.instantPages);
  });

  it('the modelled server work of windows is a fraction of an offset crawl of the same list', async () => {
    sandbox = await sandboxFor({ files: 200_000, serverCost: { timeScale: 0 } });
    const client = clientFor(sandbox);
    const count = async (paging: 'auto' | 'offset') => {
      sandbox!.resetCost();
      let n = 0;
      for await (const _ of client.files.all({ per_page: 1000 }, { paging })) n += 1;
      return { n, ms: sandbox!.cost.modelledMs };
    };
    const windows = await count('auto');
    const offset = await count('offset');
    expect(windows.n).toBe(offset.n);
    // About 100 pages for the member: an offset page costs its depth, a window its own rows.
    expect(windows.ms * 3).toBeLessThan(offset.ms);
  });
});
