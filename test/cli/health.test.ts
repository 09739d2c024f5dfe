// report health through the CLI (in-process, over real HTTP to a sandbox on loopback), its
// numbers checked against an independent computation from the sandbox's rows, read by one raw
// per_page=0 request each (never through our client or its crawl): storage by option, objects by
// month, work items by status and week, files by days since their last fixity check. Its two
// tables must equal `report problems` and `report failed-fixity` run through the CLI for the
// same window and clock. Then the file: written whole or not at all, exit 8 when it cannot be,
// and bad input refused before any request.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenericFileView, IntellectualObjectView, WorkItemView } from '../../src/index.js';
import { PROBLEM_FIELDS, FIXITY_EVENT_FIELDS } from '../../src/cli/health/crawl.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { apiRequests, sandboxEnv, truth } from './helpers.js';
import { runInProcess, virtualClock } from './in-process.js';

let sandbox: Sandbox;
let env: Record<string, string>;
let files: GenericFileView[];
let objects: IntellectualObjectView[];
let items: WorkItemView[];
let now: number;
const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-health-'));

const DAY = 86_400_000;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  env = sandboxEnv(sandbox);
  [files, objects, items] = await Promise.all([
    truth<GenericFileView>(sandbox, 'files', { state: 'A' }),
    truth<IntellectualObjectView>(sandbox, 'objects', { state: 'A' }),
    truth<WorkItemView>(sandbox, 'items'),
  ]);
  // "Now": 10 days (and half a second, off any record's time) after the last work item was processed.
  now = Math.max(...items.map((i) => Date.parse(i.date_processed))) + 10 * DAY + 500;
});
afterAll(async () => {
  await sandbox?.stop();
});

interface Health {
  schema: string;
  generated_at: string;
  registry: string;
  storage: { files: number; bytes: number; options: { storage_option: string; files: number; bytes: number }[] };
  ingests: { objects: number; bytes: number; months: { month: string; objects: number; bytes: number }[] };
  work_queue: {
    window: { column: string; days: number; from: string };
    period: string;
    statuses: string[];
    totals: Record<string, number>;
    total: number;
    periods: { start: string; end: string; statuses: Record<string, number>; total: number }[];
  };
  fixity: {
    files: number;
    buckets: { label: string; min_days: number | null; max_days: number | null; files: number }[];
    failed_events: { window: { from: string; days: number }; total: number; rows: Record<string, unknown>[]; truncated: boolean };
  };
  problems: { window: { from: string; days: number }; total: number; rows: Record<string, unknown>[]; truncated: boolean };
}

async function health(args: string[], at = now) {
  const result = await runInProcess(['report', 'health', ...args], { env, clock: virtualClock(at) });
  return result;
}

async function healthJson(args: string[] = []): Promise<Health> {
  const result = await health(['--format', 'json', ...args]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Health;
}

/** An instant as a key that sorts as the instant, to the microsecond (the server's resolution). */
const key = (t: string) => {
  const m = /^(.{19})(?:\.(\d+))?Z$/.exec(t) as RegExpExecArray;
  return `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}`;
};
const keyOfMs = (ms: number) => key(new Date(ms).toISOString());
const groupCount = <T>(records: T[], by: (r: T) => string) => {
  const out: Record<string, number> = {};
  for (const r of records) out[by(r)] = (out[by(r)] ?? 0) + 1;
  return out;
};

describe.concurrent('report health --format json: the numbers, against the sandbox’s own rows', () => {
  it('storage: active files and bytes by storage option, most bytes first; the totals', async () => {
    const h = await healthJson();
    const expected = new Map<string, { files: number; bytes: number }>();
    for (const f of files) {
      const row = expected.get(f.storage_option) ?? { files: 0, bytes: 0 };
      row.files += 1;
      row.bytes += f.size;
      expected.set(f.storage_option, row);
    }
    const rows = [...expected].map(([storage_option, v]) => ({ storage_option, ...v })).sort((a, b) => b.bytes - a.bytes);
    expect(rows.length).toBeGreaterThan(3);
    expect(h.storage.options).toEqual(rows);
    expect(h.storage.files).toBe(files.length);
    expect(h.storage.bytes).toBe(files.reduce((s, f) => s + f.size, 0));
  });

  it('ingests: active objects and their bytes by month of created_at', async () => {
    const h = await healthJson();
    const byMonth = new Map<string, { objects: number; bytes: number }>();
    for (const o of objects) {
      const row = byMonth.get(o.created_at.slice(0, 7)) ?? { objects: 0, bytes: 0 };
      row.objects += 1;
      row.bytes += o.size;
      byMonth.set(o.created_at.slice(0, 7), row);
    }
    const months = [...byMonth].map(([month, v]) => ({ month, ...v })).sort((a, b) => a.month.localeCompare(b.month));
    expect(months.length).toBeGreaterThan(12);
    expect(h.ingests.months).toEqual(months);
    expect([h.ingests.objects, h.ingests.bytes]).toEqual([objects.length, objects.reduce((s, o) => s + o.size, 0)]);
  });

  it('work queue: the last 90 days by default, per week from Monday, by status', async () => {
    const h = await healthJson();
    const from = now - 90 * DAY;
    expect(h.work_queue.window).toEqual({ column: 'date_processed', days: 90, from: new Date(from).toISOString() });
    const inWindow = items.filter((i) => key(i.date_processed) >= keyOfMs(from));
    expect(inWindow.length).toBeGreaterThan(5);
    expect(inWindow.length).toBeLessThan(items.length);
    expect(h.work_queue.total).toBe(inWindow.length);
    expect(h.work_queue.totals).toEqual(groupCount(inWindow, (i) => i.status));
    // Each item in the week (Monday to Sunday, UTC) of its date_processed.
    const monday = (t: string) => {
      const d = new Date(`${t.slice(0, 10)}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.toISOString().slice(0, 10);
    };
    const weeks = groupCount(inWindow, (i) => `${monday(i.date_processed)} ${i.status}`);
    const got: Record<string, number> = {};
    for (const p of h.work_queue.periods) for (const [s, n] of Object.entries(p.statuses)) got[`${p.start} ${s}`] = n;
    expect(got).toEqual(weeks);
    expect(h.work_queue.period).toBe('week');
    expect(h.work_queue.periods[0].start).toBe(monday(new Date(from).toISOString()));
    expect(h.work_queue.periods).toHaveLength(14);
  });

  it('fixity: active files by days since their last check, at the microsecond', async () => {
    const h = await healthJson();
    // A file is in a bucket [a, b) when its last check is on or before now - a days and after now - b days.
    const cut = (days: number) => keyOfMs(now - days * DAY);
    const never = (f: GenericFileView) => key(f.last_fixity_check) <= key('2000-01-01T00:00:00Z');
    const between = (a: number, b: number | undefined) =>
      files.filter(
        (f) =>
          !never(f) && key(f.last_fixity_check) <= (a === 0 ? '9999' : cut(a)) && (b === undefined || key(f.last_fixity_check) > cut(b)),
      ).length;
    expect(h.fixity.buckets.map((b) => [b.label, b.files])).toEqual([
      ['under 30 days', between(0, 30)],
      ['30–59 days', between(30, 60)],
      ['60–89 days', between(60, 90)],
      ['90–179 days', between(90, 180)],
      ['180–364 days', between(180, 365)],
      ['365 days or more', between(365, undefined)],
      ['never checked', files.filter(never).length],
    ]);
    expect(h.fixity.files).toBe(files.length);
  });

  it('fixity: 90 days or more, plus never checked, is exactly what report not-checked-since --days 90 lists', async () => {
    const h = await healthJson();
    const overdue = await runInProcess(['report', 'not-checked-since', '--days', '90', '--format', 'json'], {
      env,
      clock: virtualClock(now),
    });
    expect(overdue.code, overdue.stderr).toBe(0);
    const listed = (JSON.parse(overdue.stdout) as unknown[]).length;
    const counted = h.fixity.buckets.filter((b) => b.min_days === null || b.min_days >= 90).reduce((s, b) => s + b.files, 0);
    expect(listed).toBeGreaterThan(0);
    expect(counted).toBe(listed);
  });

  it.each([[[] as string[]], [['--problem-days', '1500']]])(
    'problems and failed fixity (%j) are exactly report problems / failed-fixity for the same window and clock',
    async (args) => {
      const h = await healthJson(args);
      const days = args.length === 0 ? [] : ['--days', args[1]];
      const [problems, failed] = await Promise.all(
        ['problems', 'failed-fixity'].map(async (name) => {
          const r = await runInProcess(['report', name, ...days, '--format', 'json'], { env, clock: virtualClock(now) });
          expect(r.code, r.stderr).toBe(0);
          return JSON.parse(r.stdout) as Record<string, unknown>[];
        }),
      );
      const project = (records: Record<string, unknown>[], fields: readonly string[]) =>
        records.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]])));
      expect(h.problems.rows).toEqual(project(problems, PROBLEM_FIELDS));
      expect(h.problems.total).toBe(problems.length);
      expect(h.fixity.failed_events.rows).toEqual(project(failed, FIXITY_EVENT_FIELDS));
      expect(h.fixity.failed_events.total).toBe(failed.length);
      expect(h.problems.window.days).toBe(args.length === 0 ? 30 : 1500);
      if (args.length > 0) {
        // The wide window holds some of each, so the comparison compares something.
        expect(problems.length).toBeGreaterThan(2);
        expect(failed.length).toBeGreaterThan(0);
      }
    },
  );

  it('--max-rows keeps the newest rows and says the table is cut; the totals count all', async () => {
    const full = await healthJson(['--problem-days', '1500']);
    const cut = await healthJson(['--problem-days', '1500', '--max-rows', '2']);
    expect(cut.problems.rows).toEqual(full.problems.rows.slice(0, 2));
    expect([cut.problems.total, cut.problems.truncated, full.problems.truncated]).toEqual([full.problems.total, true, false]);
  });

  it('the document: its schema, "now", the Registry origin, sizes as exact integers, no credentials', async () => {
    const result = await health(['--format', 'json']);
    expect(result.code).toBe(0);
    const h = JSON.parse(result.stdout) as Health;
    expect(Object.keys(h)).toEqual(['schema', 'generated_at', 'registry', 'storage', 'ingests', 'work_queue', 'fixity', 'problems']);
    expect(h.schema).toBe('aptrust-registry/health-report/1');
    expect(h.generated_at).toBe(new Date(now).toISOString());
    expect(h.registry).toBe(new URL(sandbox.url).origin);
    expect(Number.isSafeInteger(h.storage.bytes)).toBe(true);
    expect(result.stdout).toMatch(/"bytes": \d+,/);
    expect(result.stdout).not.toContain(sandbox.user.apiKey);
    expect(result.stdout).not.toContain(sandbox.user.email);
  });
});

describe('report health: the page and the file', () => {
  it('--html FILE writes one self-contained page atomically, with a note on stderr; no .partial is left', async () => {
    const file = path.join(dir, 'health.html');
    const result = await health(['--html', file, '--problem-days', '1500']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`note: wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d,]+ bytes\\)`));
    expect(existsSync(`${file}.partial`)).toBe(false);
    const page = readFileSync(file, 'utf8');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
    expect(page).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(page).not.toContain(sandbox.user.apiKey);
    // Links to the Registry's own pages, on the API's origin.
    expect(page).toContain(`href="${new URL(sandbox.url).origin}/work_items/show/`);
    expect(page).toMatch(/<svg id="chart-fixity" class="chart" role="img" aria-labelledby="chart-fixity-title chart-fixity-desc"/);
  });

  it('--html FILE --format json: the page, and the numbers on stdout', async () => {
    const file = path.join(dir, 'both.html');
    const result = await health(['--html', file, '--format', 'json', '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as Health).schema).toBe('aptrust-registry/health-report/1');
    expect(readFileSync(file, 'utf8')).toContain('</html>');
  });

  it('--html - writes the page to stdout', async () => {
    const result = await health(['--html', '-', '-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('without --html or --format: a short text summary', async () => {
    const h = await healthJson();
    const result = await health(['-q']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Storage: ${h.storage.files.toLocaleString('en-US')} active files`);
    expect(result.stdout).toContain(`Open problems (last 30 days): ${h.problems.total}`);
    expect(result.stdout).toContain(`Work items (last 90 days): ${h.work_queue.total}`);
  });

  it('a directory that does not exist: exit 8 naming the file, before any request', async () => {
    const before = apiRequests(sandbox);
    const file = path.join(dir, 'no-such-dir', 'health.html');
    const result = await health(['--html', file]);
    expect(result.code).toBe(8);
    expect(result.stderr).toContain(`cannot create ${file}.partial: no such file or directory (ENOENT)`);
    expect(apiRequests(sandbox)).toBe(before);
  });

  it('a crawl that fails leaves FILE as it was and no .partial', async () => {
    const file = path.join(dir, 'kept.html');
    writeFileSync(file, 'yesterday’s page');
    const result = await runInProcess(['report', 'health', '--html', file], {
      env: { ...env, APTRUST_REGISTRY_API_KEY: 'wrong-key' },
      clock: virtualClock(now),
    });
    expect(result.code).toBe(3);
    expect(readFileSync(file, 'utf8')).toBe('yesterday’s page');
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it.each([
    [['--days', '0'], /--days/],
    [['--problem-days', '-3'], /--problem-days/],
    [['--max-rows', '0'], /--max-rows/],
    [['--format', 'csv'], /--format/],
    [['--html', '-', '--format', 'json'], /--html - and --format both write to stdout/],
    [['--html', ''], /--html needs a file name/],
    [['--concurrency', '99'], /--concurrency/],
  ])('bad input %j: exit 2 before any request', async (args, message) => {
    const before = apiRequests(sandbox);
    const result = await health(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(apiRequests(sandbox)).toBe(before);
  });
});

describe('report health: names from the server are text, never markup', () => {
  it('a failed ingest of a bag named <script>… shows the name escaped in the problems table', async () => {
    const hostile = await startSandbox({ port: 0, files: 20, workItems: 10 });
    try {
      const name = `<script>alert("x")</script><img src=x onerror=alert(1)>.tar`;
      hostile.simulateIngest({ name, outcome: 'failed', stepMs: 1 });
      const hostileEnv = sandboxEnv(hostile);
      // Until the simulated ingest has failed, however long that takes on this machine (the test's timeout bounds it).
      for (;;) {
        const found = await truth<WorkItemView>(hostile, 'items', { name });
        if (found[0]?.status === 'Failed') break;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const file = path.join(dir, 'hostile.html');
      const result = await runInProcess(['report', 'health', '--html', file, '--format', 'json', '-q'], {
        env: hostileEnv,
        clock: virtualClock(Date.now() + 60_000),
      });
      expect(result.code, result.stderr).toBe(0);
      const h = JSON.parse(result.stdout) as Health;
      expect(h.problems.rows.map((r) => r.name)).toContain(name);
      const page = readFileSync(file, 'utf8');
      expect(page).not.toContain('<script');
      expect(page).not.toContain('<img');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;.tar');
    } finally {
      await hostile.stop();
    }
  });
});
