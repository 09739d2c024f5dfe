// Usage errors: exit 2, one line naming the problem, and not a single request to the Registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { apiRequests, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 200 });
});
afterAll(async () => {
  await sandbox?.stop();
});

const CASES: { args: string[]; names: string }[] = [
  { args: ['list', 'nope'], names: '"nope"' },
  { args: ['list', 'items', 'statuz=Failed'], names: '"statuz"' },
  { args: ['list', 'items', 'status=Nope'], names: 'status' },
  { args: ['list', 'items', 'per_page=abc'], names: 'per_page' },
  { args: ['list', 'items', 'per_page=5000'], names: 'per_page' },
  { args: ['list', 'items', 'status'], names: '"status"' },
  { args: ['list', 'items', 'status=Failed', 'status=Pending'], names: '"status"' },
  { args: ['list', 'items', 'sort=bogus__asc'], names: 'bogus__asc' },
  { args: ['list', 'items', '--all', 'page=2'], names: 'page' },
  { args: ['list', 'items', '--concurrency', '2'], names: '--concurrency' },
  { args: ['list', 'items', '--bogus'], names: '--bogus' },
  { args: ['list', 'items', '--format', 'xml'], names: 'xml' },
  { args: ['list', 'items', '--fields', 'id,nmae'], names: '"nmae"' },
  { args: ['list', 'events', 'date_time__gteq=tomorrow'], names: 'date_time__gteq' },
  { args: ['list', 'events', 'date_time__gteq=-7d'], names: 'date_time__gteq' },
  { args: ['count', 'items', 'date_processed__gteq=30days'], names: 'date_processed__gteq' },
  { args: ['count', 'nope'], names: '"nope"' },
  { args: ['count', 'items', 'per_page=5'], names: 'per_page' },
  { args: ['get', 'items', 'abc'], names: '"abc"' },
  { args: ['get', 'workitem', 'identifier=institution.edu/my_bag'], names: 'takes an id, not an identifier' },
  { args: ['get', 'object', 'id=1', 'identifier=institution.edu/my_bag'], names: 'not both' },
  { args: ['get', 'object', 'identifier='], names: 'identifier= is empty' },
  { args: ['get', 'item', 'id='], names: 'id= is empty' },
  { args: ['get', 'file', 'id=institution.edu/my_bag/data/x.pdf'], names: 'identifier=institution.edu/my_bag/data/x.pdf' },
  { args: ['get', 'files', 'institution.edu/my', 'bag/data/x.pdf'], names: 'one id or identifier, got 2' },
  { args: ['list', 'fil'], names: 'file, object or workitem' },
  { args: ['get', 'alerts', '3'], names: '--user-id' },
  { args: ['get', 'items', '3', '--user-id', '2'], names: '--user-id' },
  { args: ['frobnicate'], names: "'frobnicate'" },
  { args: ['wait-ingest'], names: '--name' },
  { args: ['wait-ingest', '--name', 'x.tar', '--timeout', 'soon'], names: '--timeout' },
  { args: ['report', 'nightly'], names: 'nightly' },
  { args: ['report', 'problems', '--days', '3', '--since', '3d'], names: '--days' },
  { args: ['report', 'problems', '--days', 'abc'], names: '--days' },
  { args: ['report', 'problems', '--since', 'last week'], names: '--since' },
  { args: ['report', 'in-process', '--paging', 'windows'], names: 'date_processed__desc' },
  { args: ['report', 'not-checked-since'], names: '--days' },
  { args: ['wait-ingest', '--name', 'x.tar', '--since', 'soon'], names: '--since' },
  { args: ['list', 'items', '--env', 'staging'], names: 'staging' },
  { args: ['list', 'items', '--env', 'demo', '--url', 'https://example.org'], names: '--env' },
];

// Concurrent: none of these may send a request, so the shared request count stays meaningful.
describe.concurrent('usage errors', () => {
  it.each(CASES)('$args → exit 2 naming $names, no request', async ({ args, names }) => {
    const before = apiRequests(sandbox);
    const result = await runInProcess(args, { env: sandboxEnv(sandbox) });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(names);
    expect(result.stderr).toMatch(/^aptrust-registry: /);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stderr).not.toMatch(/\b(all|list|get)\(\)/); // the CLI's terms (--all, page=), not the library's
    expect(result.stdout).toBe('');
    expect(apiRequests(sandbox)).toBe(before);
  });
});
