// Like ssh with a private key: a settings file or key file that others can read gets a one-line
// warning naming the file and the fix. Not for stdin (-), not for files only the owner can read.
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.js';
import { startRawServer, writeJson } from './raw-server.js';
import type { RawServer } from './raw-server.js';

const KEY = 'key-0123456789abcdef';
let server: RawServer;

beforeAll(async () => {
  server = await startRawServer((_request, socket) => writeJson(socket, 200, { count: 0, next: '', previous: '', results: [] }));
});
afterAll(async () => {
  await server?.close();
});

function file(name: string, text: string, mode: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-perms-'));
  const target = path.join(dir, name);
  writeFileSync(target, text);
  chmodSync(target, mode);
  return target;
}

function settings(withKey = true): string {
  return `APTRUST_REGISTRY_URL=${server.url}\nAPTRUST_REGISTRY_EMAIL=user@inst1.edu\n${withKey ? `APTRUST_REGISTRY_API_KEY=${KEY}\n` : ''}`;
}

function warnings(stderr: string, target: string): string[] {
  return stderr.split('\n').filter((line) => line.includes(target) && /readable|chmod/.test(line));
}

describe.skipIf(process.platform === 'win32')('files that hold the key, readable by others', () => {
  it.each(['644', '640', '604', '666'])('~/.aptrust with mode %s: one warning naming it and chmod 600', async (mode) => {
    const config = file('.aptrust', settings(), parseInt(mode, 8));
    const result = await runInProcess(['list', 'items'], { env: { HOME: path.dirname(config) } });
    expect(result.code, result.stderr).toBe(0);
    const lines = warnings(result.stderr, config);
    expect(lines, result.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^aptrust-registry: warning: /);
    expect(lines[0]).toContain(`chmod 600 ${config}`);
    expect(lines[0]).toContain(`0${mode}`);
  });

  it.each(['600', '400'])('~/.aptrust with mode %s: no warning', async (mode) => {
    const config = file('.aptrust', settings(), parseInt(mode, 8));
    const result = await runInProcess(['list', 'items'], { env: { HOME: path.dirname(config) } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('--config FILE readable by the group: warned', async () => {
    const config = file('registry.env', settings(), 0o640);
    const result = await runInProcess(['list', 'items', '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    expect(warnings(result.stderr, config)).toHaveLength(1);
    expect(result.stderr).toContain(`chmod 600 ${config}`);
  });

  it('--api-key-file FILE readable by others: warned; mode 600: not', async () => {
    const env = { APTRUST_REGISTRY_URL: server.url, APTRUST_REGISTRY_EMAIL: 'user@inst1.edu' };
    const open = file('key', `${KEY}\n`, 0o644);
    const warned = await runInProcess(['list', 'items', '--api-key-file', open], { env });
    expect(warned.code, warned.stderr).toBe(0);
    expect(warnings(warned.stderr, open)).toHaveLength(1);
    expect(warned.stderr).toContain(`chmod 600 ${open}`);
    expect(warned.stderr).not.toContain(KEY);

    const closed = file('key', `${KEY}\n`, 0o600);
    const quiet = await runInProcess(['list', 'items', '--api-key-file', closed], { env });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('--api-key-file - (stdin): never warned', async () => {
    const env = { APTRUST_REGISTRY_URL: server.url, APTRUST_REGISTRY_EMAIL: 'user@inst1.edu' };
    const result = await runInProcess(['list', 'items', '--api-key-file', '-'], { env, input: `${KEY}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
  });
});
