// `aptrust-registry sandbox`: starts the local registry, prints the three settings lines, serves
// until SIGTERM, and the printed settings work for the other commands. The sandbox is the built
// binary in a real process (a real SIGTERM, and the exit status it ends with); the command run
// against it runs in-process.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { childEnv, MAIN, parseNdjson } from './helpers.js';
import { runInProcess } from './in-process.js';

function settingsFrom(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^(APTRUST_REGISTRY_[A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) out[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

describe('sandbox command', () => {
  it('prints URL, email and key; the CLI works against them; SIGTERM stops it with 0', async () => {
    const child = spawn(process.execPath, [MAIN, 'sandbox', '--port', '0'], { env: childEnv() });
    let stdout = '';
    const settings = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no settings printed: ${stdout}`)), 15_000);
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
        const s = settingsFrom(stdout);
        if (s.APTRUST_REGISTRY_URL && s.APTRUST_REGISTRY_EMAIL && s.APTRUST_REGISTRY_API_KEY) {
          clearTimeout(timer);
          resolve(s);
        }
      });
      child.on('exit', (code) => reject(new Error(`sandbox exited early with ${code}: ${stdout}`)));
    });
    try {
      const result = await runInProcess(['list', 'items', 'per_page=2'], { env: settings });
      expect(result.code, result.stderr).toBe(0);
      expect(parseNdjson(result.stdout)).toHaveLength(2);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
