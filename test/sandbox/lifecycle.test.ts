import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseFault, runSandboxCommand, startSandbox } from '../../src/sandbox/index.js';
import { call } from './helpers.js';

const count = (type: string) => process.getActiveResourcesInfo().filter((t) => t === type).length;

describe('sandbox lifecycle', () => {
  it('generates the same data and keys from the same seed, different ones from another', async () => {
    const [a, b, c] = await Promise.all([
      startSandbox({ seed: 7, files: 300 }),
      startSandbox({ seed: 7, files: 300 }),
      startSandbox({ seed: 8, files: 300 }),
    ]);
    try {
      expect(a.user.apiKey).toBe(b.user.apiKey);
      expect(a.user.apiKey).not.toBe(c.user.apiKey);
      expect(a.data.files.filter(() => true)).toEqual(b.data.files.filter(() => true));
      expect(a.data.workItems.at(40)).toEqual(b.data.workItems.at(40));
      expect(a.data.files.at(100)).not.toEqual(c.data.files.at(100));
      expect(a.data.files.length).toBe(300);
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('leaves no server, socket or timer behind after stop()', async () => {
    const servers = count('TCPServerWrap');
    const timeouts = count('Timeout');
    const sb = await startSandbox({ files: 50, latencyMs: 5 });
    sb.simulateIngest({ name: 'slow.tar', stepMs: 60_000, appearAfterMs: 60_000 });
    sb.setFaults([{ kind: 'hang', every: 2 }]);
    await call(sb, '/member-api/v3/items?per_page=1');
    void call(sb, '/member-api/v3/items?per_page=1').catch(() => undefined); // hangs
    await new Promise((r) => setTimeout(r, 30));
    expect(count('TCPServerWrap')).toBe(servers + 1);
    await sb.stop();
    await sb.stop(); // idempotent
    await new Promise((r) => setImmediate(r));
    expect(count('TCPServerWrap')).toBe(servers);
    expect(count('Timeout')).toBeLessThanOrEqual(timeouts);
    expect(count('TCPSocketWrap')).toBe(0);
  });

  it('runSandboxCommand prints exactly three pasteable lines and honours the flags', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    const sb = await runSandboxCommand(
      ['--port', '0', '--seed', '3', '--files', '120', '--fault', '429:2:120', '--ingest', 'cli_bag.tar:failed'],
      { stdout, stderr },
    );
    try {
      const lines = out.trimEnd().split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe(`APTRUST_REGISTRY_URL=${sb.url}`);
      expect(lines[0]).toMatch(/^APTRUST_REGISTRY_URL=http:\/\/127\.0\.0\.1:\d+$/);
      expect(lines[1]).toBe(`APTRUST_REGISTRY_EMAIL=${sb.user.email}`);
      expect(lines[2]).toBe(`APTRUST_REGISTRY_API_KEY=${sb.user.apiKey}`);
      expect(sb.data.files.length).toBe(120);
      expect((await call(sb, '/member-api/v3/items?per_page=1')).status).toBe(200);
      const second = await call(sb, '/member-api/v3/items?per_page=1');
      expect(second.status).toBe(429);
      expect(second.headers['retry-after']).toBe('120');
    } finally {
      await sb.stop();
    }
  });

  it('rejects unknown CLI flags', async () => {
    await expect(runSandboxCommand(['--bogus'], { stdout: new PassThrough(), stderr: new PassThrough() })).rejects.toThrow();
  });

  it('parses fault specs whose Retry-After is an HTTP-date', () => {
    expect(parseFault('503:4:Wed, 21 Oct 2015 07:28:00 GMT')).toEqual({
      kind: '503',
      every: 4,
      retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT',
    });
    expect(parseFault('reset:10')).toEqual({ kind: 'reset', every: 10 });
    expect(() => parseFault('boom:1')).toThrow(/^--fault/);
    expect(() => parseFault('503')).toThrow(/^--fault/);
  });
});
