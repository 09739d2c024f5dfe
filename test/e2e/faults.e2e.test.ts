// Faults a network and a busy server produce, injected by the sandbox over real HTTP on a schedule:
// crawls of thousands of records still yield each record exactly once (issue: reliability).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryError } from '../../src/index.js';
import type { FaultKind, Sandbox } from '../../src/sandbox/index.js';
import { clientFor, collect, sandboxFor, tally, truth } from './helpers.js';

let sandbox: Sandbox;
let expected: number[];
beforeAll(async () => {
  sandbox = await sandboxFor({ files: 5_500 });
  expected = (await truth(sandbox, 'files')).map((f) => f.id);
});
afterAll(async () => sandbox.stop());

describe('a fault on every 4th request', () => {
  const kinds: FaultKind[] = ['503', '502', '504', '429', 'reset', 'truncate', 'html', 'hang'];
  for (const kind of kinds) {
    it(`${kind}: 2,500 files, 0 lost, 0 doubled`, async () => {
      sandbox.setFaults([{ kind, every: 4, ...(kind === '429' || kind === '503' ? { retryAfter: '0' } : {}) }]);
      try {
        const client = clientFor(sandbox, sandbox.user, { timeoutMs: kind === 'hang' ? 1_500 : 10_000, maxAttempts: 4 });
        const got = (await collect(client.files.all({ per_page: 100 }, { concurrency: 2 }))).map((f) => f.id);
        expect(expected.length).toBeGreaterThanOrEqual(2_500);
        expect(tally(expected, got)).toEqual({ lost: 0, doubled: 0 });
        expect(got).toEqual(expected);
        client.close();
      } finally {
        sandbox.setFaults([]);
      }
    });
  }

  it('several kinds at once, with concurrency 4', async () => {
    sandbox.setFaults([
      { kind: '503', every: 4, retryAfter: '0' },
      { kind: 'reset', every: 11 },
      { kind: 'truncate', every: 13 },
    ]);
    try {
      const got = (await collect(clientFor(sandbox, sandbox.user, { maxAttempts: 6 }).files.all({ per_page: 50 }, { concurrency: 4 }))).map(
        (f) => f.id,
      );
      expect(tally(expected, got)).toEqual({ lost: 0, doubled: 0 });
    } finally {
      sandbox.setFaults([]);
    }
  });
});

describe('when faults outlast the retries', () => {
  it('says what happened, how many attempts, and the last status', async () => {
    sandbox.setFaults([{ kind: '503', every: 1, retryAfter: '0' }]);
    try {
      const error = (await clientFor(sandbox, sandbox.user, { maxAttempts: 3 })
        .workItems.list()
        .catch((e: unknown) => e)) as RegistryError;
      expect(error.name).toBe('ServerError');
      expect(error.attempts).toBe(3);
      expect(error.message).toMatch(/gave up after 3 attempts; last status 503/);
    } finally {
      sandbox.setFaults([]);
    }
  });

  it('a crawl whose page bodies always break off ends in a bad_response that says so', async () => {
    sandbox.setFaults([{ kind: 'truncate', every: 1 }]);
    try {
      const error = (await collect(clientFor(sandbox, sandbox.user, { maxAttempts: 2, crawlMaxAttempts: 2 }).files.all()).catch(
        (e: unknown) => e,
      )) as RegistryError;
      expect(error.name).toBe('ServerError');
      expect(error.code).toBe('bad_response');
      expect(error.message).toMatch(/the response body was cut off .*gave up after 2 attempts; last status 200/);
    } finally {
      sandbox.setFaults([]);
    }
  });

  it('a hung server ends in a TimeoutError that says it timed out', async () => {
    sandbox.setFaults([{ kind: 'hang', every: 1 }]);
    try {
      const started = Date.now();
      const error = (await clientFor(sandbox, sandbox.user, { timeoutMs: 200, maxAttempts: 2 })
        .workItems.get(1)
        .catch((e: unknown) => e)) as RegistryError;
      expect(error.name).toBe('TimeoutError');
      expect(error.message).toMatch(/timed out after 200 ms/);
      // Two attempts of 200 ms each: at least that long, whatever the machine's speed.
      expect(Date.now() - started).toBeGreaterThanOrEqual(390);
    } finally {
      sandbox.setFaults([]);
    }
  });
});

describe('the redirect trap', () => {
  let trap: http.Server;
  const seen: { url: string; key: string | undefined }[] = [];
  beforeAll(async () => {
    trap = http.createServer((req, res) => {
      seen.push({ url: req.url ?? '', key: req.headers['x-pharos-api-key'] as string | undefined });
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"count":0,"next":"","previous":"","results":[]}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.2', resolve));
  });
  afterAll(async () => new Promise<void>((resolve) => trap.close(() => resolve())));

  it('a redirect to another origin is refused; that origin never sees a request, let alone the key', async () => {
    const { port } = trap.address() as AddressInfo;
    const redirecting = await sandboxFor({ redirectOrigin: `http://127.0.0.2:${port}`, faults: [{ kind: 'redirect', every: 3 }] });
    try {
      const client = clientFor(redirecting);
      const error = (await collect(client.files.all({ per_page: 100 })).catch((e: unknown) => e)) as RegistryError;
      expect(error.name).toBe('NetworkError');
      expect(error.code).toBe('redirect');
      expect(error.message).toContain(`http://127.0.0.2:${port}`);
      expect(redirecting.requests.some((r) => r.status === 302)).toBe(true);
      expect(seen).toEqual([]);
    } finally {
      await redirecting.stop();
    }
  });
});

describe('aborting', () => {
  it('an abort mid-crawl in windows stops it promptly: no request starts after the abort', async () => {
    const slow = await sandboxFor({ files: 5_500, latencyMs: 30 });
    try {
      const controller = new AbortController();
      let seenRecords = 0;
      let atAbort = 0;
      const error = await (async () => {
        for await (const _ of clientFor(slow).files.all({ per_page: 100 }, { signal: controller.signal, concurrency: 4 })) {
          seenRecords += 1;
          if (seenRecords === 250) {
            atAbort = slow.requests.length;
            controller.abort();
          }
        }
      })().catch((e: unknown) => e);
      expect((error as RegistryError).name).toBe('AbortedError');
      await new Promise((r) => setTimeout(r, 300));
      // Only requests already on the wire at the abort may still arrive: at most the pool (4) and
      // the next window, which goes out even when the pool is full.
      expect(slow.requests.length - atAbort).toBeLessThanOrEqual(5);
      expect(slow.requests.length).toBeLessThan(5_500 / 100);
    } finally {
      await slow.stop();
    }
  });

  it('an abort mid-crawl by offset stops it promptly with AbortedError and no further requests', async () => {
    const slow = await sandboxFor({ files: 5_500, latencyMs: 30 });
    try {
      const controller = new AbortController();
      let seenRecords = 0;
      const error = await (async () => {
        for await (const _ of clientFor(slow).files.all(
          { per_page: 100 },
          { signal: controller.signal, concurrency: 4, paging: 'offset' },
        )) {
          seenRecords += 1;
          if (seenRecords === 250) controller.abort();
        }
      })().catch((e: unknown) => e);
      expect((error as RegistryError).name).toBe('AbortedError');
      await new Promise((r) => setTimeout(r, 300));
      // Record 250 is on page 3; with 4 pages allowed ahead, nothing past page 7 was ever asked for
      // (requests already on the wire at the abort may still reach this in-process server).
      const pages = slow.requests.map((r) => Number(new URL(r.url, slow.url).searchParams.get('page')));
      expect(Math.max(...pages)).toBeLessThanOrEqual(7);
      expect(pages.length).toBeLessThanOrEqual(7);
    } finally {
      await slow.stop();
    }
  });
});
