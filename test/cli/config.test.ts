// Where the connection comes from: flags > environment > config file (~/.aptrust or --config),
// and the key from the environment, the file or --api-key-file (never a flag value).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let dir: string;
const WRONG = 'not-the-key-0123456789';

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text, { mode: 0o600 });
  return p;
}

function configText(key: string, email = sandbox.user.email, url = sandbox.url): string {
  return [
    '# apt-cmd settings',
    `APTRUST_REGISTRY_URL="${url}"`,
    `export APTRUST_REGISTRY_EMAIL='${email}'`,
    `APTRUST_REGISTRY_API_KEY=${key}   # the key`,
    'APTRUST_AWS_KEY="ignored"',
    '',
  ].join('\n');
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 50 });
  dir = mkdtempSync(path.join(tmpdir(), 'aptrust-cli-config-'));
});
afterAll(async () => {
  await sandbox?.stop();
});

const LIST = ['list', 'items', 'per_page=1'];

// Concurrent: each test only reads, or works on its own bag, so they can share the sandbox.
describe.concurrent('connection settings', () => {
  it('--config FILE alone is enough (KEY=value, quotes, export, comments)', async () => {
    const result = await runInProcess([...LIST, '--config', file('a.env', configText(sandbox.user.apiKey))]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('~/.aptrust is read when present', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'aptrust-cli-home-'));
    writeFileSync(path.join(home, '.aptrust'), configText(sandbox.user.apiKey));
    const result = await runInProcess(LIST, { env: { HOME: home } });
    expect(result.code, result.stderr).toBe(0);
  });

  it('environment beats the config file', async () => {
    const config = file('wrong-key.env', configText(WRONG));
    expect((await runInProcess([...LIST, '--config', config])).code).toBe(3);
    const result = await runInProcess([...LIST, '--config', config], { env: { APTRUST_REGISTRY_API_KEY: sandbox.user.apiKey } });
    expect(result.code, result.stderr).toBe(0);
    const reverse = await runInProcess([...LIST, '--config', file('right.env', configText(sandbox.user.apiKey))], {
      env: { APTRUST_REGISTRY_API_KEY: WRONG },
    });
    expect(reverse.code).toBe(3);
    expect(reverse.stderr + reverse.stdout).not.toContain(WRONG);
  });

  it('flags beat the environment: --url and --email', async () => {
    const env = {
      APTRUST_REGISTRY_URL: 'http://127.0.0.1:9',
      APTRUST_REGISTRY_EMAIL: 'nobody@example.edu',
      APTRUST_REGISTRY_API_KEY: sandbox.user.apiKey,
    };
    const result = await runInProcess([...LIST, '--url', sandbox.url, '--email', sandbox.user.email], { env });
    expect(result.code, result.stderr).toBe(0);
    const wrongEmail = await runInProcess([...LIST, '--url', sandbox.url, '--email', 'nobody@example.edu'], {
      env: { ...env, APTRUST_REGISTRY_EMAIL: sandbox.user.email },
    });
    expect(wrongEmail.code).toBe(3);
  });

  it('--api-key-file beats the environment and the config file; - reads stdin', async () => {
    const env = { APTRUST_REGISTRY_URL: sandbox.url, APTRUST_REGISTRY_EMAIL: sandbox.user.email, APTRUST_REGISTRY_API_KEY: WRONG };
    const keyFile = file('key.txt', `${sandbox.user.apiKey}\n`);
    expect((await runInProcess([...LIST, '--api-key-file', keyFile], { env })).code).toBe(0);
    const fromStdin = await runInProcess([...LIST, '--api-key-file', '-'], { env, input: `${sandbox.user.apiKey}\n` });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    const wrongFile = await runInProcess(
      [...LIST, '--api-key-file', file('wrong.txt', WRONG), '--config', file('b.env', configText(sandbox.user.apiKey))],
      { env },
    );
    expect(wrongFile.code).toBe(3);
  });

  it('a missing --config or --api-key-file is a usage error', async () => {
    const missing = path.join(dir, 'nope.env');
    const a = await runInProcess([...LIST, '--config', missing]);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain(missing);
    const b = await runInProcess([...LIST, '--api-key-file', missing], {
      env: { APTRUST_REGISTRY_URL: sandbox.url, APTRUST_REGISTRY_EMAIL: sandbox.user.email },
    });
    expect(b.code).toBe(2);
  });

  it('nothing configured: exit 2 naming what is missing and where to put it', async () => {
    const result = await runInProcess(LIST, { env: { APTRUST_REGISTRY_URL: sandbox.url, APTRUST_REGISTRY_EMAIL: sandbox.user.email } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('APTRUST_REGISTRY_API_KEY');
    expect(result.stderr).toContain('--api-key-file');
    const noUrl = await runInProcess(LIST);
    expect(noUrl.code).toBe(2);
    expect(noUrl.stderr).toContain('APTRUST_REGISTRY_URL');
  });

  it('a malformed config line is reported by number, never echoed', async () => {
    const config = file('bad.env', `${configText(sandbox.user.apiKey)}this line has the-secret-text in it\n`);
    const result = await runInProcess([...LIST, '--config', config]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/malformed line\(s\) 6 of /);
    expect(result.stderr).not.toContain('the-secret-text');
  });
});
