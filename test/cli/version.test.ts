// --version: the built binary prints package.json's version (what `npm i -g` users see), and so
// does -V anywhere before the sandbox's own flags.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';
import { runInProcess } from './in-process.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe.concurrent('--version', () => {
  it("the built binary prints package.json's version, exit 0", async () => {
    const result = await runCli(['--version']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
    expect(result.stderr).toBe('');
  });

  it.each([['-V'], ['list', 'items', '--version']])('%j prints it too, without a request', async (...args) => {
    const result = await runInProcess(args, { env: { APTRUST_REGISTRY_URL: 'http://127.0.0.1:9' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${version}\n`);
  });
});
