// One scenario of limits.test.ts in a process of its own (node --max-old-space-size=…), so that
// memory is measured from the process itself: its peak RSS (VmHWM) is reported with the outcome.
// Run from a transpiled copy of src/ (limits-child.ts), never from dist/, so it tests this tree.
import { readFileSync } from 'node:fs';
import { createClient } from '../../src/index.js';
import { RESULT_PREFIX } from './limits-protocol.js';
import type { ChildResult, ChildScenario } from './limits-protocol.js';

function statusKiB(field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : Number.NaN;
}

function report(result: Omit<ChildResult, 'vmHwmKiB'>): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify({ ...result, vmHwmKiB: statusKiB('VmHWM') })}\n`);
}

async function main(): Promise<void> {
  const scenario = JSON.parse(process.argv[2] ?? '{}') as ChildScenario;
  // A safety net, not the measurement (that is VmHWM, below): a client with no limit is stopped
  // here, past the ceiling the test asserts anyway, instead of growing to gigabytes.
  const watchdog = setInterval(() => {
    if (statusKiB('VmRSS') > scenario.ceilingKiB) {
      report({ outcome: 'runaway' });
      process.exit(3);
    }
  }, 5);
  watchdog.unref();
  const client = createClient({
    baseUrl: scenario.url,
    user: 'user@inst1.edu',
    apiKey: 'limits-test-key',
    env: scenario.env ?? {},
    // Deadlines must not be what ends a scenario: only the size limit may.
    timeoutMs: 600_000,
    retryBaseDelayMs: 1,
  });
  try {
    let records = 0;
    if (scenario.op === 'list') records = (await client.files.list({ per_page: scenario.perPage ?? 1000 })).results.length;
    else if (scenario.op === 'get') records = (await client.files.get(1)) ? 1 : 0;
    else
      for await (const record of client.files.all(
        { per_page: scenario.perPage ?? 1000 },
        { paging: 'offset', concurrency: scenario.concurrency },
      )) {
        if (record) records += 1;
      }
    report({ outcome: 'ok', records });
  } catch (error) {
    const e = error as Error & { code?: string; attempts?: number; status?: number; hint?: string };
    report({
      outcome: 'error',
      error: { name: e.name, code: e.code, message: e.message, attempts: e.attempts, status: e.status, hint: e.hint },
    });
  } finally {
    client.close();
    clearInterval(watchdog);
  }
}

await main();
