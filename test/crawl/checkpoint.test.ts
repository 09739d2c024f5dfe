// A crawl in windows can be stopped anywhere and resumed from its checkpoint: together the runs
// hand out exactly what one uninterrupted crawl does, in the same order, none lost, none twice.
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index.js';
import type { CrawlCheckpoint } from '../../src/index.js';
import { at, fakeFiles, fileRow } from '../helpers/fake-window-server.js';
import type { FakeFiles, FileRow } from '../helpers/fake-window-server.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

function serve(server: FakeFiles) {
  registry()
    .get(/\/member-api\/v3\/files/)
    .times(100_000)
    .reply((uri) => server.reply(uri));
}

/** Rows with crowded instants: every 7th row shares the instant of the one before, and one instant holds 250. */
function crowded(n: number): FileRow[] {
  const from = at('2024-01-01T00:00:00Z');
  let t = from;
  return Array.from({ length: n }, (_, i) => {
    if (i % 7 !== 0 && !(i >= 1_000 && i < 1_250)) t += 1_000_007n;
    return fileRow(i + 1, t);
  });
}

/** Takes `stopAfter` records, then returns them and the checkpoint, as JSON would keep it. */
async function runUntil(
  params: Record<string, unknown>,
  stopAfter: number,
  resume?: CrawlCheckpoint,
  concurrency = 3,
): Promise<{ ids: number[]; checkpoint: CrawlCheckpoint | undefined }> {
  const crawl = testClient().files.all(params, { concurrency, resume });
  const ids: number[] = [];
  for await (const file of crawl) {
    ids.push(file.id);
    if (ids.length === stopAfter) break;
  }
  const checkpoint = crawl.checkpoint();
  return { ids, checkpoint: checkpoint && (JSON.parse(JSON.stringify(checkpoint)) as CrawlCheckpoint) };
}

describe('resuming a crawl from its checkpoint', () => {
  it('runs stopped at many points, each resumed, hand out what one uninterrupted crawl does', async () => {
    const server = fakeFiles(crowded(3_000));
    serve(server);
    const whole = (await runUntil({ per_page: 100 }, Number.POSITIVE_INFINITY)).ids;
    expect(whole).toHaveLength(3_000);
    // Stops inside a window, at a page boundary, inside the 250-record instant and past the end.
    const stops = [1, 99, 100, 101, 1_050, 1_100, 1_249, 640, 7];
    const pieces: number[] = [];
    let checkpoint: CrawlCheckpoint | undefined;
    for (const stop of [...stops, Number.POSITIVE_INFINITY]) {
      const run = await runUntil({ per_page: 100 }, stop, checkpoint);
      pieces.push(...run.ids);
      checkpoint = run.checkpoint;
    }
    expect(pieces).toEqual(whole);
    expect(checkpoint?.records).toBe(3_000);
  });

  it('a resumed run asks only from the checkpoint instant on', async () => {
    const server = fakeFiles(crowded(2_000));
    serve(server);
    const first = await runUntil({ per_page: 100 }, 1_500);
    const boundary = first.checkpoint?.after?.at as string;
    server.requests.length = 0;
    const rest = await runUntil({ per_page: 100 }, Number.POSITIVE_INFINITY, first.checkpoint);
    expect(rest.ids).toEqual(Array.from({ length: 500 }, (_, i) => i + 1_501));
    expect(server.requests.every((q) => q.get('per_page') === '1' || (q.get('created_at__gteq') ?? '') >= boundary.slice(0, 19))).toBe(
      true,
    );
  });

  it('keeps a descending crawl and the caller’s own bound', async () => {
    const server = fakeFiles(crowded(1_200));
    serve(server);
    const params = { per_page: 50, sort: 'created_at__desc', created_at__gteq: '2024-01-01T00:05:00Z' };
    const whole = (await runUntil(params, Number.POSITIVE_INFINITY)).ids;
    const first = await runUntil(params, 333);
    const rest = await runUntil(params, Number.POSITIVE_INFINITY, first.checkpoint);
    expect([...first.ids, ...rest.ids]).toEqual(whole);
    expect(first.checkpoint?.direction).toBe('desc');
  });

  it('a checkpoint taken before any record resumes from the start; one taken at the end yields nothing more', async () => {
    const server = fakeFiles(crowded(500));
    serve(server);
    const crawl = testClient().files.all({ per_page: 100 });
    const before = crawl.checkpoint() as CrawlCheckpoint;
    expect(before.after).toBeUndefined();
    const all = await runUntil({ per_page: 100 }, Number.POSITIVE_INFINITY, before);
    expect(all.ids).toHaveLength(500);
    const again = await runUntil({ per_page: 100 }, Number.POSITIVE_INFINITY, all.checkpoint);
    expect(again.ids).toEqual([]);
    expect(again.checkpoint).toEqual(all.checkpoint);
  });

  it('records inserted after the checkpoint are handed out by the resumed run, once', async () => {
    const rows = crowded(1_000);
    const server = fakeFiles(rows);
    serve(server);
    const first = await runUntil({ per_page: 100 }, 400);
    const last = rows[rows.length - 1].created as bigint;
    for (let i = 0; i < 30; i++) rows.push(fileRow(5_000 + i, last + BigInt(i + 1) * 10n));
    const rest = await runUntil({ per_page: 100 }, Number.POSITIVE_INFINITY, first.checkpoint);
    const ids = [...first.ids, ...rest.ids];
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(1_030);
  });
});

describe('a checkpoint passed back is checked before any request', () => {
  it('refuses one of another crawl, naming both', async () => {
    const server = fakeFiles(crowded(300));
    serve(server);
    const { checkpoint } = await runUntil({ per_page: 100, state: 'A' }, 10);
    server.requests.length = 0;
    expect(() => testClient().files.all({ state: 'D' }, { resume: checkpoint })).toThrow(InvalidInputError);
    expect(() => testClient().files.all({ state: 'D' }, { resume: checkpoint })).toThrow(/another crawl \(files \{"state":"A"\}\)/);
    expect(() => testClient().objects.all({ state: 'A' }, { resume: checkpoint })).toThrow(/another crawl/);
    // per_page changes nothing in what is handed out, so it may differ.
    expect(() => testClient().files.all({ state: 'A', per_page: 1000 }, { resume: checkpoint })).not.toThrow();
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a crawl that pages by offset, and anything that is not a checkpoint', () => {
    const files = testClient().files;
    const checkpoint = files.all({ sort: 'identifier__asc' }).checkpoint();
    expect(checkpoint).toBeUndefined();
    const fake = {
      version: 1,
      resource: 'files',
      query: '{"sort":["identifier__asc"]}',
      column: 'created_at',
      direction: 'asc',
      records: 0,
    };
    expect(() => files.all({ sort: 'identifier__asc' }, { resume: fake as CrawlCheckpoint })).toThrow(/only in windows.*pages by offset/);
    expect(() => files.all({}, { resume: { version: 2 } as unknown as CrawlCheckpoint })).toThrow(/must be a checkpoint/);
    const broken = { ...fake, query: '{}', after: { at: 'yesterday', keys: [1] } };
    expect(() => files.all({}, { resume: broken as CrawlCheckpoint })).toThrow(/position is not one a crawl gives/);
  });
});
