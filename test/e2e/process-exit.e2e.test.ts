// After a crawl ends — completed, broken off, or aborted — the client leaves no sockets or timers
// that keep a process alive: a CI script can simply end.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxFor } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await sandboxFor({ files: 5_500, latencyMs: 5 });
});
afterAll(async () => sandbox.stop());

/** Runs a script against the built package; resolves with its exit code and how long it lived. */
function runScript(body: string): Promise<{ code: number | null; ms: number; stderr: string }> {
  const script = `import { createClient } from ${JSON.stringify(path.join(root, 'dist/src/index.js'))};
const client = createClient({ baseUrl: process.env.URL, user: process.env.EMAIL, apiKey: process.env.KEY, env: {} });
${body}`;
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, URL: sandbox.url, EMAIL: sandbox.user.email, KEY: sandbox.user.apiKey },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, ms: Date.now() - started, stderr });
    });
  });
}

describe('the process can exit', () => {
  it('after a complete crawl, without close()', async () => {
    const result = await runScript(
      `let n = 0; for await (const _ of client.files.all({ per_page: 500 })) n++; if (n < 2500) process.exitCode = 3;`,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(10_000);
  });

  it('after an aborted crawl', async () => {
    const result = await runScript(`const c = new AbortController(); let n = 0;
try { for await (const _ of client.files.all({ per_page: 100 }, { signal: c.signal, concurrency: 4 })) { if (++n === 150) c.abort(); } }
catch (e) { if (e.name !== 'AbortedError') { console.error(e); process.exitCode = 2; } }`);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(10_000);
  });

  it('after breaking out of a crawl early', async () => {
    const result = await runScript(
      `for await (const f of client.files.all({ per_page: 100 }, { concurrency: 4 })) { if (f.id > 50) break; }`,
    );
    expect(result.code).toBe(0);
    expect(result.ms).toBeLessThan(10_000);
  });
});
