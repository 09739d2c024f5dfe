// Stream behaviour: `| head` ends quietly with 0 (a real process and a real pipe: the closed pipe
// is what is tested); a progress bar only for a person at a terminal (stderr a TTY and CI unset);
// NO_COLOR honoured. Those run in-process, on captured streams that say they are terminals.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { childEnv, MAIN, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let env: Record<string, string>;

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function sh(command: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { env: childEnv(env) });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      err += d;
    });
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Runs the CLI with stdout and stderr on a terminal; returns what the terminal showed. */
async function inTerminal(args: string[], extraEnv: Record<string, string | undefined> = {}) {
  const result = await runInProcess(args, { env: { ...env, COLUMNS: '100', TERM: 'xterm', ...extraEnv }, terminal: true });
  return { code: result.code, out: result.stdout + result.stderr };
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 2500 });
  env = sandboxEnv(sandbox);
});
afterAll(async () => {
  await sandbox?.stop();
});

// Concurrent: every test only reads from the sandbox.
describe.concurrent('streams and terminals', () => {
  it('| head: the closed pipe ends the crawl quietly with exit 0', async () => {
    const cli = [process.execPath, MAIN, 'list', 'files', '--all', '--format', 'ndjson'].map(quote).join(' ');
    const result = await sh(`${cli} | head -n 2; echo "cli-exit=\${PIPESTATUS[0]}" >&2`);
    expect(result.out.trim().split('\n')).toHaveLength(2);
    expect(result.err.trim()).toBe('cli-exit=0');
  });

  it('no progress bar when stderr is not a terminal: one summary line, nothing with --quiet', async () => {
    const result = await runInProcess(['list', 'files', '--all', '--format', 'csv'], { env });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/^aptrust-registry: files: [\d,]+ records in \d+s.*\n$/);
    expect(result.stderr).not.toMatch(/[\u2588\u2591]/);
    const quiet = await runInProcess(['list', 'files', '--all', '--format', 'csv', '--quiet'], { env });
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a progress bar on a terminal; none when CI is set', async () => {
    const withBar = await inTerminal(['list', 'files', '--all', '--format', 'ndjson', '--concurrency', '1', 'per_page=100']);
    expect(withBar.code, withBar.out).toBe(0);
    expect(withBar.out).toMatch(/files [\u2588\u2591]+ [\d,]+\/[\d,]+ records/);
    const ci = await inTerminal(['list', 'files', '--all', '--format', 'ndjson', 'per_page=100'], { CI: 'true' });
    expect(ci.code).toBe(0);
    expect(ci.out).not.toMatch(/[\u2588\u2591]/);
  });

  it('a table by default on a terminal, bold header unless NO_COLOR', async () => {
    const colour = await inTerminal(['list', 'items', 'per_page=3']);
    expect(colour.code, colour.out).toBe(0);
    expect(colour.out).toContain('\u001b[1mid');
    const plain = await inTerminal(['list', 'items', 'per_page=3'], { NO_COLOR: '1' });
    expect(plain.out).not.toContain('\u001b[1m');
    expect(plain.out).toMatch(/^id\s+name\s+action\s+stage\s+status\s+updated_at/m);
  });
});
