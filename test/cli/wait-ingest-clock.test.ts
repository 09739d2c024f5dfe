// wait-ingest against what the real Registry answers while a bag is not in the queue yet: an empty
// list, `"results": null`. It must keep waiting (not treat the answer as broken and report exit 5)
// and end with exit 7 at --timeout. Time is virtual (./in-process.ts), so the number of polls is
// exact and no assertion depends on how fast the machine is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxEnv } from './helpers.js';
import { runInProcess, virtualClock } from './in-process.js';
import { startStandIn } from './stand-in-registry.js';
import type { StandIn } from './stand-in-registry.js';

let registry: StandIn;
let sandbox: Sandbox;

beforeAll(async () => {
  [registry, sandbox] = await Promise.all([startStandIn(), startSandbox({ port: 0, files: 20 })]);
});
afterAll(async () => {
  await Promise.all([registry?.stop(), sandbox?.stop()]);
});

describe('wait-ingest with virtual time', () => {
  it('an empty answer ("results": null) keeps it waiting; exit 7 at --timeout, after exactly timeout/interval polls', async () => {
    const clock = virtualClock();
    const before = registry.requests.length;
    const result = await runInProcess(['wait-ingest', '--name', 'bag.tar', '--timeout', '5m', '--interval', '30s'], {
      env: registry.env,
      clock,
    });
    expect(result.code, result.stderr).toBe(7);
    expect(result.stdout).toBe('');
    const polls = registry.requests.slice(before);
    expect(polls).toHaveLength(10); // at 0:00, 0:30 … 4:30; the deadline at 5:00 ends the wait
    for (const { route, query } of polls) {
      expect(route).toBe('items');
      expect(Object.fromEntries(query)).toMatchObject({ action: 'Ingest', name: 'bag.tar', per_page: '1' });
    }
    expect(result.stderr).toContain('bag.tar: not in the Registry yet');
    expect(result.stderr).not.toContain('will keep trying');
    expect(result.stderr).toContain('bag.tar: timed out after 5:00; last seen: not in the Registry yet');
    expect(clock.elapsed()).toBe(300_000);
  });

  it('--quiet: only the verdict on stderr', async () => {
    const result = await runInProcess(['wait-ingest', '--name', 'bag.tar', '--timeout', '1m', '--interval', '10s', '-q'], {
      env: registry.env,
      clock: virtualClock(),
    });
    expect(result.code, result.stderr).toBe(7);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^aptrust-registry: bag\.tar: timed out after 1:00; last seen: not in the Registry yet/);
  });

  it('--since ignores an earlier ingest of the same name (a re-upload not yet seen)', async () => {
    const name = `cli_reupload_${process.pid}.tar`;
    sandbox.simulateIngest({ name, outcome: 'success', stepMs: 1 });
    // The earlier item must exist before the wait starts, or "not in the Registry yet" proves nothing.
    while (!sandbox.data.workItems.find((w) => w.name === name)) await new Promise((resolve) => setTimeout(resolve, 1));
    // Any time after the earlier item was created: a real hour from now, so it is surely later.
    const since = new Date(Date.now() + 3_600_000).toISOString();
    const result = await runInProcess(['wait-ingest', '--name', name, '--since', since, '--timeout', '2m', '--interval', '10s'], {
      env: sandboxEnv(sandbox),
      clock: virtualClock(),
    });
    expect(result.code, result.stderr).toBe(7);
    expect(result.stderr).toContain(`${name}: not in the Registry yet`);
  });

  it('--since 2h: a duration, counted back from the clock: an ingest made before then is ignored, one after is waited for', async () => {
    const name = `cli_since_duration_${process.pid}.tar`;
    sandbox.simulateIngest({ name, outcome: 'success', stepMs: 1 });
    const done = () => sandbox.data.workItems.find((w) => w.name === name && w.stage === 'Cleanup' && w.status === 'Success');
    while (!done()) await new Promise((resolve) => setTimeout(resolve, 1));
    const created = Date.parse(String(done()?.created_at));
    // Three hours on, "the last 2 hours" starts an hour after the item was made: not this upload.
    const later = await runInProcess(['wait-ingest', '--name', name, '--since', '2h', '--timeout', '1m', '--interval', '10s'], {
      env: sandboxEnv(sandbox),
      clock: virtualClock(created + 3 * 3_600_000),
    });
    expect(later.code, later.stderr).toBe(7);
    expect(later.stderr).toContain(`${name}: not in the Registry yet`);
    // An hour on, it is within the last 2 hours (and so is 90m, and 1500000ms is not).
    for (const [since, code] of [
      ['2h', 0],
      ['90m', 0],
      ['1500000ms', 7],
    ] as const) {
      const result = await runInProcess(['wait-ingest', '--name', name, '--since', since, '--timeout', '1m', '--interval', '10s'], {
        env: sandboxEnv(sandbox),
        clock: virtualClock(created + 3_600_000),
      });
      expect(result.code, `${since}: ${result.stderr}`).toBe(code);
    }
  });

  it('exit 5, not 7, when the Registry stayed unreachable until the timeout', async () => {
    const result = await runInProcess(
      ['wait-ingest', '--name', 'bag.tar', '--retries', '0', '--timeout', '1m', '--interval', '10s', '--url', 'http://127.0.0.1:9'],
      { env: registry.env, clock: virtualClock() },
    );
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain('ECONNREFUSED');
    expect(result.stderr.match(/will keep trying/g)).toHaveLength(1);
  });
});
