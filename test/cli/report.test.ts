// Reports over every page, each compared with an independent computation from the sandbox's
// unfiltered rows, read in one raw per_page=0 request, not through the client (so a wrong filter
// in a report definition, or in the client's crawl, cannot hide). "Now" is the CLI's injected
// clock, fixed per test near the end of the sandbox's generated history, so the default windows
// (the last 30 days) hold some records and leave others out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenericFileView, PremisEventView, WorkItemView } from '../../src/index.js';
import { REPORTS } from '../../src/cli/reports.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { csvRecords, parseNdjson, sandboxEnv, truth } from './helpers.js';
import { runInProcess, virtualClock } from './in-process.js';

let sandbox: Sandbox;
let env: Record<string, string>;
let items: WorkItemView[];
let files: GenericFileView[];
let events: PremisEventView[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 400, workItems: 300 });
  env = sandboxEnv(sandbox);
  [items, files, events] = await Promise.all([
    truth<WorkItemView>(sandbox, 'items'),
    truth<GenericFileView>(sandbox, 'files'),
    truth<PremisEventView>(sandbox, 'events'),
  ]);
});
afterAll(async () => {
  await sandbox?.stop();
});

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().replace('.000Z', 'Z');
const ids = (records: { id?: unknown }[]) => records.map((r) => Number(r.id)).sort((a, b) => a - b);
const inOrder = (records: { id?: unknown }[]) => records.map((r) => Number(r.id));

/** A Registry timestamp as a key that sorts as the instant (microseconds kept). */
const key = (t: string) => {
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(t) as RegExpExecArray;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}`;
};
/** Newest first by `column`, then id: the reports' order. */
function newestFirst<T extends { id: number }>(records: T[], column: keyof T): T[] {
  return [...records].sort((a, b) => {
    const ka = key(String(a[column]));
    const kb = key(String(b[column]));
    return ka === kb ? a.id - b.id : ka < kb ? 1 : -1;
  });
}
/** On or after `from` (ms), at microsecond precision. */
const onOrAfter = (t: string, from: number) => {
  const f = new Date(from).toISOString();
  return key(t) >= `${f.slice(0, 19)}.${f.slice(20, 23).padEnd(9, '0')}`;
};

/** A "now" 10 days (and half a second, off any record's time) after the latest of `times`. */
function nowAfter(times: string[]): number {
  const latest = Math.max(...times.map((t) => Date.parse(t)));
  return latest + 10 * DAY + 500;
}

async function report(args: string[], now: number) {
  const result = await runInProcess(['report', ...args], { env, clock: virtualClock(now) });
  expect(result.code, result.stderr).toBe(0);
  return { records: parseNdjson(result.stdout), stderr: result.stderr };
}

const IN_PROCESS = ['Pending', 'Started'];
const PROBLEM = ['Failed', 'Cancelled', 'Suspended'];
const RESTORE = ['Restore File', 'Restore Object', 'Glacier Restore'];
const isProblem = (i: WorkItemView) => PROBLEM.includes(i.status) || i.needs_admin_review;

// Concurrent: each test only reads, so they can share the sandbox.
describe.concurrent('report: apt-cmd windows (last 30 days by date_processed) and order (newest first)', () => {
  it.each([
    ['in-process', (i: WorkItemView) => IN_PROCESS.includes(i.status)],
    ['problems', isProblem],
    ['restorations', (i: WorkItemView) => RESTORE.includes(i.action)],
  ] as const)('%s: by default the last 30 days, newest first', async (name, selects) => {
    const all = items.filter(selects);
    const now = nowAfter(all.map((i) => i.date_processed));
    const expected = newestFirst(
      all.filter((i) => onOrAfter(i.date_processed, now - 30 * DAY)),
      'date_processed',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length); // the window leaves some out
    const { records, stderr } = await report([name], now);
    expect(inOrder(records)).toEqual(inOrder(expected));
    // No bar when stderr is not a terminal: the summary line for CI logs alone.
    expect(stderr).toMatch(new RegExp(`^aptrust-registry: ${name}: [\\d,]+ records? in \\d+s.*\\n$`));
  });

  it.each(['in-process', 'problems', 'restorations', 'stalled'])(
    '%s: --days N, --since Nd and --since DATE are the same window',
    async (name) => {
      const now = Date.UTC(2025, 6, 1, 12);
      const a = await report([name, '--days', '1000'], now);
      const b = await report([name, '--since', '1000d'], now);
      const c = await report([name, '--since', iso(now - 1000 * DAY)], now);
      expect(a.records.length).toBeGreaterThan(0);
      expect(inOrder(b.records)).toEqual(inOrder(a.records));
      expect(inOrder(c.records)).toEqual(inOrder(a.records));
    },
  );

  it('problems: each once, newest first (the merge of its two crawls: test/cli/report-order.test.ts)', async () => {
    const now = Date.UTC(2025, 6, 1, 12);
    const expected = newestFirst(
      items.filter((i) => isProblem(i) && onOrAfter(i.date_processed, now - 3000 * DAY)),
      'date_processed',
    );
    expect(expected.length).toBeGreaterThan(1);
    const { records } = await report(['problems', '--days', '3000'], now);
    expect(inOrder(records)).toEqual(inOrder(expected));
    expect(new Set(ids(records)).size).toBe(records.length);
  });

  it('--paging offset gives the same report; --paging windows is refused before any request (exit 2)', async () => {
    const now = Date.UTC(2025, 6, 1, 12);
    const auto = await report(['problems', '--days', '3000'], now);
    const offset = await report(['problems', '--days', '3000', '--paging', 'offset', '--concurrency', '3'], now);
    expect(inOrder(offset.records)).toEqual(inOrder(auto.records));
    const before = sandbox.requests.length;
    const windows = await runInProcess(['report', 'in-process', '--paging', 'windows'], { env, clock: virtualClock(now) });
    expect(windows.code, windows.stderr).toBe(2);
    expect(windows.stderr).toContain('date_processed__desc');
    expect(sandbox.requests.length).toBe(before);
  });

  it('stalled --hours: Started/Pending not updated for that long, all time by default, newest first', async () => {
    const now = Date.UTC(2025, 6, 1, 12);
    const hours = 24 * 30;
    const cutoff = now - hours * 3_600_000;
    const expected = newestFirst(
      items.filter((i) => IN_PROCESS.includes(i.status) && Date.parse(i.updated_at) < cutoff),
      'date_processed',
    );
    expect(expected.length).toBeGreaterThan(0);
    const { records } = await report(['stalled', '--hours', String(hours)], now);
    expect(inOrder(records)).toEqual(inOrder(expected));
  });

  it('failed-fixity: fixity check events with outcome Failure, by default the last 30 days by date_time', async () => {
    const failed = events.filter((e) => e.event_type === 'fixity check' && e.outcome === 'Failure');
    const now = nowAfter(failed.map((e) => e.date_time));
    const expected = newestFirst(
      failed.filter((e) => onOrAfter(e.date_time, now - 30 * DAY)),
      'date_time',
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(inOrder((await report(['failed-fixity'], now)).records)).toEqual(inOrder(expected));
    // 31 days on, the same checks are out of the window.
    expect((await report(['failed-fixity'], now + 31 * DAY)).records).toEqual([]);
    const since = '2000-01-01';
    const everything = newestFirst(failed, 'date_time');
    expect(inOrder((await report(['failed-fixity', '--since', since], now)).records)).toEqual(inOrder(everything));
  });

  it('not-checked-since --days: active files with an old last fixity check, and a note on stderr saying how the cutoff was computed', async () => {
    const now = Date.UTC(2025, 6, 1, 12, 30);
    const cutoff = now - 60 * DAY;
    const expected = files.filter((f) => f.state === 'A' && Date.parse(f.last_fixity_check) <= cutoff);
    expect(expected.length).toBeGreaterThan(0);
    const { records, stderr } = await report(['not-checked-since', '--days', '60'], now);
    expect(ids(records)).toEqual(ids(expected));
    expect(stderr.split('\n')[0]).toBe(
      'aptrust-registry: note: files whose last fixity check is on or before 2025-05-02T12:30:00Z (60 days before now, 2025-07-01T12:30:00Z)',
    );
    const relative = await report(['not-checked-since', '--since', '60d'], now);
    expect(ids(relative.records)).toEqual(ids(expected));
    expect(relative.stderr).toContain('on or before 2025-05-02T12:30:00Z (60d before now, 2025-07-01T12:30:00Z)');
    const absolute = await report(['not-checked-since', '--since', '2025-05-02T12:30:00Z'], now);
    expect(ids(absolute.records)).toEqual(ids(expected));
    expect(absolute.stderr).toContain('on or before 2025-05-02T12:30:00Z (the date given by --since)');
    const quiet = await runInProcess(['report', 'not-checked-since', '--days', '60', '-q'], { env, clock: virtualClock(now) });
    expect(quiet.stderr).toBe('');
  });

  it('csv with the same --fields as list', async () => {
    const result = await runInProcess(['report', 'problems', '--days', '3000', '--format', 'csv', '--fields', 'id,status'], {
      env,
      clock: virtualClock(Date.UTC(2025, 6, 1)),
    });
    expect(result.code, result.stderr).toBe(0);
    const { header, records } = csvRecords(result.stdout);
    expect(header).toEqual(['id', 'status']);
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(['Failed', 'Cancelled', 'Suspended', 'Pending', 'Started', 'Success']).toContain(r.status);
  });

  it('problems and restorations tables show note and outcome', async () => {
    for (const name of ['problems', 'restorations']) {
      const def = REPORTS.find((r) => r.name === name);
      expect(def?.columns).toEqual(expect.arrayContaining(['note', 'outcome']));
      const result = await runInProcess(['report', name, '--days', '3000', '--format', 'table'], {
        env: { ...env, COLUMNS: '400' },
        clock: virtualClock(Date.UTC(2025, 6, 1)),
      });
      expect(result.code, result.stderr).toBe(0);
      const header = result.stdout.split('\n')[0].split(/\s+/);
      expect(header).toEqual(expect.arrayContaining(['note', 'outcome']));
    }
  });
});

describe.concurrent('report --help says what each report selects', () => {
  it.each(REPORTS.map((r) => r.name))('%s', async (name) => {
    const result = await runInProcess(['report', name, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Selects: ');
    expect(result.stdout).toMatch(/\nOrder: /);
    expect(result.stdout).toContain('--since <when>');
    expect(result.stdout).toContain('--days <n>');
    expect(result.stdout).toContain('30d, 12h');
  });
});
