import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call } from './helpers.js';

const ITEMS = '/member-api/v3/items?per_page=1';

// Fault injection: what a proxy or flaky network does to the client, on a fixed schedule.
describe('sandbox faults', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 100, redirectOrigin: 'http://registry.example.test:9999' });
  });
  afterAll(() => sb.stop());

  it('fires every N-th API request after the offset', async () => {
    sb.setFaults([{ kind: '503', every: 3, offset: 1, retryAfter: '7' }]);
    const statuses: number[] = [];
    for (let n = 1; n <= 7; n++) statuses.push((await call(sb, ITEMS)).status);
    expect(statuses).toEqual([200, 200, 200, 503, 200, 200, 503]);
    sb.setFaults([]);
  });

  it('sends 503 as JSON with Retry-After and 429 as HTML with an HTTP-date Retry-After', async () => {
    sb.setFaults([{ kind: '503', every: 1, retryAfter: '7' }]);
    const a = await call(sb, ITEMS);
    expect(a.status).toBe(503);
    expect(a.headers['retry-after']).toBe('7');
    expect(a.headers['content-type']).toMatch(/application\/json/);
    const date = 'Wed, 21 Oct 2015 07:28:00 GMT';
    sb.setFaults([{ kind: '429', every: 1, retryAfter: date }]);
    const b = await call(sb, ITEMS);
    expect(b.status).toBe(429);
    expect(b.headers['retry-after']).toBe(date);
    expect(b.headers['content-type']).toMatch(/text\/html/);
    sb.setFaults([]);
  });

  it('sends 502 and 504 gateway pages and a 200 HTML page for "html"', async () => {
    for (const [kind, status] of [
      ['502', 502],
      ['504', 504],
      ['html', 200],
    ] as const) {
      sb.setFaults([{ kind, every: 1 }]);
      const r = await call(sb, ITEMS);
      expect(r.status).toBe(status);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.json).toBeUndefined();
    }
    sb.setFaults([]);
  });

  it('redirects to redirectOrigin with the same path and query', async () => {
    sb.setFaults([{ kind: 'redirect', every: 1 }]);
    const r = await call(sb, '/member-api/v3/files?state=A&per_page=2');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('http://registry.example.test:9999/member-api/v3/files?state=A&per_page=2');
    sb.setFaults([]);
  });

  it('resets the connection without a response', async () => {
    sb.setFaults([{ kind: 'reset', every: 1 }]);
    await expect(call(sb, ITEMS)).rejects.toThrow(/ECONNRESET|socket hang up/);
    expect(sb.requests.at(-1)?.status).toBe(0);
    sb.setFaults([]);
  });

  it('truncates the body after promising its full length', async () => {
    sb.setFaults([{ kind: 'truncate', every: 1 }]);
    await expect(call(sb, '/member-api/v3/items?per_page=5')).rejects.toThrow(/aborted|ECONNRESET|socket hang up/);
    sb.setFaults([]);
  });

  it('hangs until stopped', async () => {
    sb.setFaults([{ kind: 'hang', every: 1 }]);
    const pending = call(sb, ITEMS).then(
      () => 'answered',
      () => 'failed',
    );
    const first = await Promise.race([pending, new Promise((r) => setTimeout(() => r('still waiting'), 200))]);
    expect(first).toBe('still waiting');
    sb.setFaults([]);
    expect((await call(sb, ITEMS)).status).toBe(200);
  });

  it('limits a rule to matching paths and counts only /member-api requests', async () => {
    sb.setFaults([{ kind: '504', every: 1, paths: /\/files/ }]);
    expect((await call(sb, ITEMS)).status).toBe(200);
    expect((await call(sb, '/member-api/v3/files?per_page=1')).status).toBe(504);
    sb.setFaults([{ kind: '502', every: 2 }]);
    await call(sb, '/maintenance', { user: null });
    expect((await call(sb, ITEMS)).status).toBe(200);
    expect((await call(sb, ITEMS)).status).toBe(502);
    sb.setFaults([]);
  });

  it('rejects malformed rules', () => {
    expect(() => sb.setFaults([{ kind: '503', every: 0 }])).toThrow(RangeError);
    expect(() => sb.setFaults([{ kind: 'boom' as never, every: 1 }])).toThrow(TypeError);
  });
});

describe('sandbox latency and hang cleanup', () => {
  it('delays every response by latencyMs', async () => {
    const sb = await startSandbox({ files: 50, latencyMs: 120 });
    try {
      const t0 = Date.now();
      expect((await call(sb, ITEMS)).status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
    } finally {
      await sb.stop();
    }
  });

  it('stop() ends hung requests instead of waiting for them', async () => {
    const sb = await startSandbox({ files: 50, faults: [{ kind: 'hang', every: 1 }] });
    const pending = call(sb, ITEMS).then(
      () => 'answered',
      () => 'failed',
    );
    while (!sb.requests.some((r) => r.url === ITEMS)) await new Promise((r) => setTimeout(r, 5));
    // stop() must not wait for the hung request (it would wait forever: the test's timeout says so).
    await sb.stop();
    expect(await pending).toBe('failed');
  });
});
