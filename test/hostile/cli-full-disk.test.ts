// stdout on a full disk (`aptrust-registry list items > /dev/full`): one clear line on stderr and
// the documented exit code, not an uncaught ENOSPC stack trace. Only a real process shows this
// (process.stdout on a file, the exit), so the built CLI is spawned; Linux has /dev/full.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, EXIT_CODE_TABLE } from '../../src/cli/exit-codes.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { MAIN, childEnv, sandboxEnv, truth } from '../cli/helpers.js';
import type { CliResult } from '../cli/helpers.js';

const FULL = '/dev/full';
let sandbox: Sandbox;
let firstId = '';

beforeAll(async () => {
  if (!existsSync(FULL)) return;
  sandbox = await startSandbox({ port: 0, workItems: 60 });
  firstId = String((await truth<{ id: number }>(sandbox, 'items'))[0].id);
});
afterAll(async () => {
  await sandbox?.stop();
});

function runToFullDisk(args: readonly string[]): Promise<CliResult> {
  const out = openSync(FULL, 'w');
  return new Promise((resolve, reject) => {
    const argv = args.map((arg) => (arg === 'FIRST_ID' ? firstId : arg));
    const child = spawn(process.execPath, [MAIN, ...argv], { env: childEnv(sandboxEnv(sandbox)), stdio: ['ignore', out, 'pipe'] });
    closeSync(out);
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: '', stderr }));
  });
}

describe.skipIf(!existsSync(FULL))('stdout on a full disk', () => {
  it.each([
    [['list', 'items']],
    [['list', 'items', '--all', '--format', 'csv']],
    [['list', 'items', '--format', 'json']],
    [['get', 'items', 'FIRST_ID', '--format', 'json']],
    [['report', 'in-process', '--days', '36500', '--format', 'ndjson']], // a century: the sandbox's items are from before 2026
    [['--version']],
  ])('%j: one line "cannot write output: no space left on device", exit EXIT.output', async (args) => {
    const result = await runToFullDisk(args);
    expect(result.stderr).toBe('aptrust-registry: cannot write output: no space left on device (ENOSPC)\n');
    expect(result.code).toBe(EXIT.output);
  });

  it('the exit code is in the documented table', () => {
    expect(EXIT_CODE_TABLE.find((e) => e.code === EXIT.output)?.meaning).toMatch(/cannot write output/);
  });
});
