// Every exit code, and the API key never printed on any of those paths (stdout and stderr, with
// and without --debug). Most run in-process (./in-process.ts); 0, 2, 4 and 5 (with records
// already printed when the crawl fails) also as the exit status of the real built process
// (runCli), so the executable's own wiring — process.exitCode, flushing stdout before exiting,
// nothing keeping it alive — is what is checked there. 6 and 7 come from real processes in the
// examples (wait-ingest.test.ts).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 100 });
  env = sandboxEnv(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

/** A port with nothing listening: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectNoKey(result: { stdout: string; stderr: string }, key: string) {
  expect(result.stdout).not.toContain(key);
  expect(result.stderr).not.toContain(key);
}

/** A sandbox of its own, with faults, so the tests can run concurrently. */
async function withFaults<T>(faults: Parameters<Sandbox['setFaults']>[0], use: (s: Sandbox) => Promise<T>): Promise<T> {
  const faulty = await startSandbox({ port: 0, files: 20, faults });
  try {
    return await use(faulty);
  } finally {
    await faulty.stop();
  }
}

describe.concurrent('exit codes', () => {
  it('0 on success', async () => {
    const result = await runCli(['list', 'items', 'per_page=1'], { env });
    expect(result.code).toBe(0);
  });

  it.each([{ extra: [] as string[] }, { extra: ['--debug'] }])(
    '3 on a wrong key (401), with the demo/production hint, never the key $extra',
    async ({ extra }) => {
      const wrongKey = 'wrong-key-4b1d9c7e2f';
      const result = await runInProcess(['list', 'items', ...extra], { env: { ...env, APTRUST_REGISTRY_API_KEY: wrongKey } });
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/^aptrust-registry: GET .*401/m);
      expect(result.stderr).toMatch(/hint: .*[Dd]emo and production keys/);
      expect(result.stdout).toBe('');
      expectNoKey(result, wrongKey);
      if (extra.length === 0) expect(result.stderr.trim().split('\n')).toHaveLength(2);
    },
  );

  it('3 on a permission refusal (403: a user without a role)', async () => {
    const none = sandbox.users.find((u) => u.role === 'none');
    if (!none) throw new Error('sandbox has no role-none user');
    const result = await runInProcess(['list', 'items'], {
      env: { ...env, APTRUST_REGISTRY_EMAIL: none.email, APTRUST_REGISTRY_API_KEY: none.apiKey },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('403');
    expectNoKey(result, none.apiKey);
  });

  it('4 on a missing record', async () => {
    const result = await runCli(['get', 'checksums', '987654321'], { env });
    expect(result.code).toBe(4);
  });

  it.each([{ extra: [] as string[] }, { extra: ['--debug'] }])(
    '5 on a server error (503 after retries), key never printed $extra',
    async ({ extra }) => {
      // One retry without --debug (the message says so); none with it, to keep the test quick.
      const { result, key } = await withFaults([{ kind: '503', every: 1 }], async (s) => ({
        result: await runInProcess(['list', 'items', '--retries', extra.length ? '0' : '1', ...extra], { env: sandboxEnv(s) }),
        key: s.user.apiKey,
      }));
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('503');
      expectNoKey(result, key);
      if (extra.length > 0) expect(result.stderr).toContain('debug:');
      else expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('5 on a broken body (html where JSON should be)', async () => {
    const result = await withFaults([{ kind: 'html', every: 1 }], (s) =>
      runInProcess(['list', 'items', '--retries', '0'], { env: sandboxEnv(s) }),
    );
    expect(result.code).toBe(5);
    expect(result.stdout).toBe('');
  });

  it('5 when nothing listens (network error); also in the middle of --all', async () => {
    const port = await closedPort();
    const result = await runCli(['list', 'items', '--retries', '0', '--url', `http://127.0.0.1:${port}`], { env });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain('ECONNREFUSED');
    const midway = await withFaults([{ kind: 'reset', every: 1, offset: 1 }], (s) =>
      // --quiet: no count request for the progress lines, so the faults fall on the crawl's pages in order.
      runCli(['list', 'items', '--all', '--paging', 'offset', 'per_page=10', '--retries', '0', '--quiet'], { env: sandboxEnv(s) }),
    );
    expect(midway.code).toBe(5);
    // The first page's records were printed before the failure, none lost in an output batch.
    expect(
      midway.stdout
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { id: number }).id),
    ).toHaveLength(10);
  });

  it('5 during maintenance', async () => {
    const down = await startSandbox({ port: 0, files: 10, maintenance: true });
    try {
      const result = await runInProcess(['list', 'items', '--retries', '0'], { env: sandboxEnv(down) });
      expect(result.code).toBe(5);
      expect(result.stderr).toContain('maintenance');
    } finally {
      await down.stop();
    }
  });

  it('--debug logs requests without the key, on success too', async () => {
    const result = await runInProcess(['list', 'items', 'per_page=2', '--debug'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('debug: → GET');
    expect(result.stderr).toContain('REDACTED');
    expectNoKey(result, sandbox.user.apiKey);
  });

  it('the key is refused as a flag value and not echoed', async () => {
    const result = await runCli(['list', 'items', '--api-key=sekrit-value-123'], { env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--api-key is not accepted');
    expectNoKey(result, 'sekrit-value-123');
    // Pasted where a filter or an option belongs: still masked in the usage message.
    for (const args of [
      ['list', 'items', sandbox.user.apiKey],
      ['list', 'items', `--x=${sandbox.user.apiKey}`],
    ]) {
      const pasted = await runCli(args, { env });
      expect(pasted.code).toBe(2);
      expectNoKey(pasted, sandbox.user.apiKey);
    }
  });
});
