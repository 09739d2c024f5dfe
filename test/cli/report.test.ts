// Reports over every page, each compared with an independent computation from the sandbox's
// unfiltered rows, read in one raw per_page=0 request, not through the client (so a wrong filter
// in a report definition, or in the client's crawl, cannot hide).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GenericFileView, PremisEventView, WorkItemView } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { csvRecords, parseNdjson, sandboxEnv, truth } from './helpers.js';
import { runInProcess } from './in-process.js';

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
  // The reports' cutoffs (--hours, --days) are "now" minus a duration, in the CLI (new Date()) and
  // in the expectations below: one frozen now for both, so the boundary cannot move mid-test.
  vi.useFakeTimers({ toFake: ['Date'] });
});
afterAll(async () => {
  vi.useRealTimers();
  await sandbox?.stop();
});

const ids = (records: { id?: unknown }[]) => records.map((r) => Number(r.id)).sort((a, b) => a - b);

async function report(args: string[]) {
  const result = await runInProcess(['report', ...args], { env });
  expect(result.code, result.stderr).toBe(0);
  // No bar when stderr is not a terminal: the summary line for CI logs alone.
  expect(result.stderr).toMatch(new RegExp(`^aptrust-registry: ${args[0]}: [\\d,]+ records? in \\d+s.*\\n$`));
  return parseNdjson(result.stdout);
}

// Concurrent: each test only reads, or works on its own bag, so they can share the sandbox.
describe.concurrent('report', () => {
  it('in-process: Pending or Started items', async () => {
    const expected = items.filter((i) => ['Pending', 'Started'].includes(i.status));
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(await report(['in-process']))).toEqual(ids(expected));
  });

  it('problems: Failed, Cancelled, Suspended, plus needs_admin_review, each once', async () => {
    const expected = items.filter((i) => ['Failed', 'Cancelled', 'Suspended'].includes(i.status) || i.needs_admin_review);
    const got = await report(['problems']);
    expect(ids(got)).toEqual(ids(expected));
    expect(new Set(ids(got)).size).toBe(got.length);
  });

  it('restorations: the three restore actions', async () => {
    const expected = items.filter((i) => ['Restore File', 'Restore Object', 'Glacier Restore'].includes(i.action));
    expect(ids(await report(['restorations']))).toEqual(ids(expected));
  });

  it('stalled --hours: Started/Pending not updated for that long', async () => {
    const hours = 24 * 30;
    const cutoff = Date.now() - hours * 3_600_000;
    const expected = items.filter((i) => ['Pending', 'Started'].includes(i.status) && Date.parse(i.updated_at) < cutoff);
    expect(ids(await report(['stalled', '--hours', String(hours)]))).toEqual(ids(expected));
  });

  it('not-checked-since --days: active files with an old last fixity check', async () => {
    const days = 60;
    const cutoff = Date.now() - days * 86_400_000;
    const expected = files.filter((f) => f.state === 'A' && Date.parse(f.last_fixity_check) <= cutoff);
    const got = await report(['not-checked-since', '--days', String(days)]);
    // Now is frozen (see beforeAll), but the CLI sends the cutoff at its own precision: compare away from it.
    const near = (f: { last_fixity_check?: unknown }) => Math.abs(Date.parse(String(f.last_fixity_check)) - cutoff) < 60_000;
    expect(ids(got.filter((f) => !near(f)))).toEqual(ids(expected.filter((f) => !near(f))));
  });

  it('failed-fixity --since: fixity check events with outcome Failure', async () => {
    const since = '2000-01-01';
    const expected = events.filter(
      (e) => e.event_type === 'fixity check' && e.outcome === 'Failure' && Date.parse(e.date_time) >= Date.parse(since),
    );
    expect(ids(await report(['failed-fixity', '--since', since]))).toEqual(ids(expected));
  });

  it('csv with the same --fields as list', async () => {
    const result = await runInProcess(['report', 'problems', '--format', 'csv', '--fields', 'id,status'], { env });
    expect(result.code, result.stderr).toBe(0);
    const { header, records } = csvRecords(result.stdout);
    expect(header).toEqual(['id', 'status']);
    for (const r of records) expect(['Failed', 'Cancelled', 'Suspended', 'Pending', 'Started', 'Success']).toContain(r.status);
  });
});
