// wait-ingest against simulated ingests: 0 when done, 6 when it failed for good, 7 on timeout,
// and no infinite loop on Cancelled (the community scripts' bug). Also the examples, which are
// wait-ingest CI flows run by the installed bin in real processes: run-against-sandbox.sh (nightly
// export plus wait-ingest giving 0, 6, 7, checked by the script itself) and the CI files' job
// scripts in their TARGET=sandbox mode. The examples run concurrently (they mostly wait ~10 s for
// the sandbox's ingest steps). The other tests run in-process on virtual time shared by the CLI
// (./in-process.ts virtualClock) and the sandbox (fake setTimeout, which its ingest steps use):
// time moves only when the CLI sleeps between polls, so which states a poll sees, and when
// --timeout ends the wait, is the same on any machine at any load. One at a time, as the fake
// timers are the process's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { bash, parseNdjson, sandboxEnv, workspace } from './helpers.js';
import { runInProcess, virtualClock } from './in-process.js';
import type { VirtualClockOptions } from './in-process.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');

let sandbox: Sandbox;
let env: Record<string, string>;
let n = 0;
const bag = (what: string) => `cli_${what}_${process.pid}_${(n += 1)}.tar`;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 100 });
  env = sandboxEnv(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

const FAST = ['--interval', '50ms', '--timeout', '15s'];

/** Virtual time for the CLI that also runs the sandbox's (fake) timers as it moves. */
function sharedClock(onSleep?: VirtualClockOptions['onSleep']) {
  return virtualClock({ advance: (ms) => vi.advanceTimersByTimeAsync(ms), onSleep });
}

/** Starts a simulated ingest and lets its work item appear (its first timer is due at once). */
async function ingest(where: Sandbox, options: Parameters<Sandbox['simulateIngest']>[0]): Promise<void> {
  where.simulateIngest(options);
  await vi.advanceTimersByTimeAsync(0);
}

// The examples come first and concurrently: they take longest. The rest follow, one at a time.
describe.concurrent('wait-ingest', () => {
  describe('examples', () => {
    it('run-against-sandbox.sh exits 0 (export, then wait-ingest giving 0, 6 and 7)', async () => {
      const { dir, PATH } = workspace();
      const result = await bash(`"${path.join(EXAMPLES, 'run-against-sandbox.sh')}"`, dir, { PATH, INGEST_STEP_MS: '100' });
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain('exit 6 as expected');
      expect(result.out).toContain('exit 7 as expected');
      expect(result.out).toMatch(/wrote .*objects-\d{4}-\d{2}-\d{2}\.csv \(\d+ records\)/);
    }, 60_000);

    it('gitlab-ci-ingest.yml: the job script passes with TARGET=sandbox', async () => {
      const job = parse(readFileSync(path.join(EXAMPLES, 'gitlab-ci-ingest.yml'), 'utf8'))['deposit-bag'];
      const { dir, PATH } = workspace();
      const result = await bash(job.script.join('\n'), dir, { PATH, ...job.variables, BAG: 'bags/my_bag.tar', TARGET: 'sandbox' });
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain('my_bag.tar was ingested');
      expect(JSON.parse(readFileSync(path.join(dir, 'ingest-result.json'), 'utf8'))).toMatchObject({
        name: 'my_bag.tar',
        status: 'Success',
      });
    }, 60_000);

    it('github-actions-ingest.yml: the sandbox and wait steps pass with target sandbox', async () => {
      const steps: { name?: string; run?: string; env?: Record<string, string> }[] = parse(
        readFileSync(path.join(EXAMPLES, 'github-actions-ingest.yml'), 'utf8'),
      ).jobs.deposit.steps;
      const run = (prefix: string) => steps.find((s) => s.name?.startsWith(prefix))?.run ?? '';
      const { dir, PATH } = workspace();
      // What the runner does between steps: carry $GITHUB_ENV lines into the next step's environment.
      const script = [
        `export GITHUB_ENV="${dir}/github.env" RUNNER_TEMP="${dir}"`,
        run('Start a sandbox'),
        'set -a; . "$GITHUB_ENV"; set +a',
        `(${run('Wait for the ingest')})`,
      ].join('\n');
      const result = await bash(script, dir, {
        PATH,
        BAG: 'bags/my_bag.tar',
        TARGET: 'sandbox',
        ETAG: '',
        INTERVAL: '1s',
        REGISTRY_API_KEY: '',
      });
      expect(result.code, result.out).toBe(0);
      expect(result.out).toContain('::notice::my_bag.tar was ingested');
    }, 60_000);

    it.each(['github-actions-ingest.yml', 'gitlab-ci-ingest.yml'])('%s fails the job on exit 6 and 7, key from a secret', (name) => {
      const text = readFileSync(path.join(EXAMPLES, name), 'utf8');
      expect(text).toMatch(/\b6\)/);
      expect(text).toMatch(/\b7\)/);
      expect(text).toContain('exit "$code"');
      expect(text).not.toMatch(/--api-key[= ]/);
    });
  });

  describe.sequential('on virtual time', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('exit 0 when the ingest reaches Cleanup/Success; the final item on stdout, progress on stderr', async () => {
      const name = bag('ok');
      await ingest(sandbox, { name, outcome: 'success', stepMs: 30 });
      const result = await runInProcess(['wait-ingest', '--name', name, ...FAST], { env, clock: sharedClock() });
      expect(result.code, result.stderr).toBe(0);
      const [item] = parseNdjson(result.stdout);
      expect(item).toMatchObject({ name, action: 'Ingest', stage: 'Cleanup', status: 'Success' });
      expect(result.stderr).toContain(`${name}: ingested`);
    });

    it('keeps waiting while the bag has not appeared yet', async () => {
      const name = bag('late');
      // The bag "arrives" only after the CLI has already asked for it at least once.
      const clock = sharedClock((sleeps) => {
        if (sleeps === 1) sandbox.simulateIngest({ name, outcome: 'success', stepMs: 20 });
      });
      const result = await runInProcess(['wait-ingest', '--name', name, ...FAST, '--format', 'json'], { env, clock });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('not in the Registry yet');
      expect(JSON.parse(result.stdout)).toMatchObject({ name, stage: 'Cleanup', status: 'Success' });
    });

    it('by --etag', async () => {
      const name = bag('etag');
      const etag = `etag-${process.pid}-${n}`;
      await ingest(sandbox, { name, etag, outcome: 'success', stepMs: 20 });
      const result = await runInProcess(['wait-ingest', '--etag', etag, ...FAST], { env, clock: sharedClock() });
      expect(result.code, result.stderr).toBe(0);
      expect(parseNdjson(result.stdout)[0]).toMatchObject({ etag, status: 'Success' });
    });

    it('Failed with retry=true keeps waiting (the Registry retries it)', async () => {
      const name = bag('retry');
      // Start once the CLI is polling; each state then lasts 150 ms of the shared virtual time
      // against 20 ms polls, so the Failed/retry state is seen (7 times), however busy the machine.
      const clock = sharedClock((sleeps) => {
        if (sleeps === 1) sandbox.simulateIngest({ name, outcome: 'failed-retry', stepMs: 150 });
      });
      const result = await runInProcess(['wait-ingest', '--name', name, '--interval', '20ms', '--timeout', '15s'], { env, clock });
      expect(result.stderr).toContain('Failed (will be retried)');
      expect(result.code, result.stderr).toBe(0); // a retryable failure is not the end
      expect(parseNdjson(result.stdout)[0]).toMatchObject({ name, stage: 'Cleanup', status: 'Success' });
    });

    it.each([
      ['failed', 'Failed'],
      ['cancelled', 'Cancelled'],
      ['suspended', 'Suspended'],
    ] as const)('exit 6 when the ingest is %s', async (outcome, status) => {
      const name = bag(outcome);
      await ingest(sandbox, { name, outcome, stepMs: 20 });
      const result = await runInProcess(['wait-ingest', '--name', name, ...FAST], { env, clock: sharedClock() });
      expect(result.code, result.stderr).toBe(6);
      expect(parseNdjson(result.stdout)[0]).toMatchObject({ name, status });
      expect(result.stderr).toContain('ingest failed');
    });

    it('exit 7 when the bag never appears before --timeout; nothing on stdout', async () => {
      const clock = sharedClock();
      const result = await runInProcess(['wait-ingest', '--name', bag('never'), '--interval', '50ms', '--timeout', '600ms'], {
        env,
        clock,
      });
      expect(result.code, result.stderr).toBe(7);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/timed out after/);
      expect(clock.elapsed()).toBeLessThan(10_000); // the CLI's time: it stopped at the timeout (600 ms)
    });

    it('rides out server errors while waiting (503 on every other poll), then exit 0', async () => {
      const flaky = await startSandbox({ port: 0, files: 20, faults: [{ kind: '503', every: 2 }] });
      try {
        const name = bag('flaky');
        // Begin once the CLI polls, so several polls (and so several 503s) happen during the ingest.
        const clock = sharedClock((sleeps) => {
          if (sleeps === 1) flaky.simulateIngest({ name, outcome: 'success', stepMs: 60 });
        });
        const result = await runInProcess(['wait-ingest', '--name', name, '--retries', '0', ...FAST], { env: sandboxEnv(flaky), clock });
        expect(result.code, result.stderr).toBe(0);
        expect(result.stderr).toContain('will keep trying');
        expect(result.stderr.match(/will keep trying/g)).toHaveLength(1);
      } finally {
        await flaky.stop();
      }
    });
  });
});
