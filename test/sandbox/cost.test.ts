// The server cost model: exact accounting per list request, and the wait on `cores` slots,
// driven by fake timers (no test depends on how fast the machine is).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CALIBRATED_BASE_MS, CALIBRATED_PER_ROW_MS, CostModel, Semaphore } from '../../src/sandbox/cost.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { internalsOf } from '../../src/sandbox/internals.js';
import { TimerSet } from '../../src/sandbox/timers.js';
import { call, list } from './helpers.js';

/** Lets pending promise callbacks and I/O run, without touching (possibly fake) timers. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('server cost accounting', () => {
  it('is calibrated on the real server: page 1 = 0.14 s and page 190 = 2.16 s at per_page=1000', () => {
    const model = new CostModel({}, new TimerSet());
    expect(model.modelledMs({ offset: 0, returned: 1000 })).toBeCloseTo(140, 9);
    expect(model.modelledMs({ offset: 189_000, returned: 1000 })).toBeCloseTo(2160, 9);
    expect(CALIBRATED_BASE_MS).toBeCloseTo(129.312, 3);
    expect(CALIBRATED_PER_ROW_MS).toBeCloseTo(0.010688, 6);
    expect(model.cores).toBe(2);
    expect(model.timeScale).toBe(1);
  });

  it('adds base + perRow × (offset + rows returned) for every list answered 200, and nothing else', async () => {
    const sb = await startSandbox({ files: 200, serverCost: { baseMs: 100, perRowMs: 0.5, timeScale: 0 } });
    try {
      const live = sb.cost;
      expect(live).toEqual({ requests: 0, modelledMs: 0 });
      await list(sb, '/member-api/v3/files?per_page=10&page=3&sort=id__asc'); // offset 20, 10 rows
      expect(sb.cost).toEqual({ requests: 1, modelledMs: 115 });
      await list(sb, '/member-api/v3/items?per_page=7'); // offset 0, 7 rows
      expect(sb.cost).toEqual({ requests: 2, modelledMs: 218.5 });
      const n = (await list(sb, '/member-api/v3/files?per_page=1')).count;
      await list(sb, `/member-api/v3/files?per_page=50&page=${Math.ceil(n / 50) + 3}`); // past the end: offset only
      expect(sb.cost.requests).toBe(4);
      expect(sb.cost.modelledMs).toBe(218.5 + 100.5 + 100 + 0.5 * 50 * (Math.ceil(n / 50) + 2));
      // Not counted: errors, show routes, unauthenticated requests.
      expect((await call(sb, '/member-api/v3/files?bogus=1')).status).toBe(500);
      expect((await call(sb, '/member-api/v3/files/show/1')).status).toBe(200);
      expect((await call(sb, '/member-api/v3/files', { user: null })).status).toBe(401);
      expect(sb.cost.requests).toBe(4);
      expect(live).toBe(sb.cost); // the same object, updated in place
      sb.resetCost();
      expect(live).toEqual({ requests: 0, modelledMs: 0 });
      await list(sb, '/member-api/v3/files?per_page=2');
      expect(live).toEqual({ requests: 1, modelledMs: 101 });
    } finally {
      await sb.stop();
    }
  });

  it('accounts with the calibrated figures when no serverCost is given, without waiting', async () => {
    const sb = await startSandbox({ files: 50 });
    try {
      await list(sb, '/member-api/v3/items?per_page=20');
      expect(sb.cost.requests).toBe(1);
      expect(sb.cost.modelledMs).toBeCloseTo(CALIBRATED_BASE_MS + 20 * CALIBRATED_PER_ROW_MS, 9);
      expect(internalsOf(sb).cost.waits).toBe(false);
    } finally {
      await sb.stop();
    }
  });

  it('rejects nonsense options', async () => {
    await expect(startSandbox({ files: 10, serverCost: { cores: 0 } })).rejects.toThrow(/cores/);
    await expect(startSandbox({ files: 10, serverCost: { timeScale: -1 } })).rejects.toThrow(/timeScale/);
    await expect(startSandbox({ files: 10, serverCost: { baseMs: Number.NaN } })).rejects.toThrow(/baseMs/);
  });
});

describe('server cost waits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a semaphore hands its slots out in arrival order', async () => {
    const s = new Semaphore(2);
    const got: number[] = [];
    const releases: (() => void)[] = [];
    for (let k = 0; k < 4; k++) void s.acquire().then((release) => (got.push(k), releases.push(release)));
    await turn();
    expect(got).toEqual([0, 1]);
    expect(s.queued).toBe(2);
    releases[0]();
    releases[0](); // twice is once
    await turn();
    expect(got).toEqual([0, 1, 2]);
    releases[1]();
    await turn();
    expect(got).toEqual([0, 1, 2, 3]);
    expect(s.queued).toBe(0);
  });

  it('holds one of `cores` slots for the modelled time × timeScale; the query runs once it has one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const model = new CostModel({ baseMs: 100, perRowMs: 1, cores: 2, timeScale: 0.5 }, new TimerSet());
    const ran: number[] = [];
    const done: number[] = [];
    const start = (k: number, returned: number) =>
      void model
        .run(
          () => (ran.push(k), { offset: 0, returned }),
          (a) => model.modelledMs(a),
        )
        .then(() => done.push(k));
    start(0, 100); // 200 ms modelled → 100 ms
    start(1, 20); // 120 ms → 60 ms
    start(2, 0); // 100 ms → 50 ms
    await turn();
    expect(ran).toEqual([0, 1]);
    expect(model.queued).toBe(1);
    await vi.advanceTimersByTimeAsync(59);
    expect(done).toEqual([]);
    await vi.advanceTimersByTimeAsync(1); // t = 60: request 1 done, request 2 gets its core
    expect(done).toEqual([1]);
    expect(ran).toEqual([0, 1, 2]);
    await vi.advanceTimersByTimeAsync(40); // t = 100: request 0
    expect(done).toEqual([1, 0]);
    await vi.advanceTimersByTimeAsync(9);
    expect(done).toEqual([1, 0]);
    await vi.advanceTimersByTimeAsync(1); // t = 110 = 60 + 50
    expect(done).toEqual([1, 0, 2]);
  });

  it('over HTTP: a list request beyond the cores waits, and sees the data as of when it got one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const sb = await startSandbox({ files: 100, serverCost: { baseMs: 1000, perRowMs: 0, cores: 1 } });
    try {
      const before = sb.matchingIds('files', { institution_id: 2 }).length;
      const first = list(sb, '/member-api/v3/files?per_page=1000&sort=id__asc');
      const second = list(sb, '/member-api/v3/files?per_page=1000&sort=id__asc&institution_id=2');
      const cost = internalsOf(sb).cost;
      while (sb.requests.length < 2 || cost.queued < 1) await turn();
      expect(sb.cost.requests).toBe(1); // the first query ran; the second waits for the core
      sb.change({ kind: 'insert', resource: 'files', count: 3 });
      let settled = 0;
      void first.then(() => settled++);
      void second.then(() => settled++);
      await vi.advanceTimersByTimeAsync(999);
      await turn();
      expect(settled).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      const a = await first;
      expect(a.results).toHaveLength(before); // answered from before the insert
      while (sb.cost.requests < 2) await turn();
      await vi.advanceTimersByTimeAsync(1000);
      const b = await second;
      expect(b.results).toHaveLength(before + 3); // its query ran after the insert
      expect(sb.cost.modelledMs).toBe(2000);
    } finally {
      await sb.stop();
    }
  });
});
