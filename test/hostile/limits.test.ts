// Limits on what a server can make the client hold: every response body is capped after
// decompression (maxResponseBytes), for list(), get() and crawl pages alike, and each client opens
// a bounded number of sockets. Memory is asserted from the process itself: each hostile scenario
// runs in a child process with a small V8 heap, which reports its own peak RSS (VmHWM).
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { Socket } from 'node:net';
import type { AxiosResponse } from 'axios';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, ServerError } from '../../src/index.js';
import type { ClientOptions, RegistryClient } from '../../src/index.js';
import { resolveConfig } from '../../src/config.js';
import { createBytePool, readJsonObject } from '../../src/transport/page-bytes.js';
import { endlessChunked, makeBombs, MiB, sendBody, sendBomb } from './limits-bombs.js';
import type { BombKind, Bombs, Sent } from './limits-bombs.js';
import { buildChild, CHILD_HEAP_MB, runChild } from './limits-child.js';
import type { ChildBuild } from './limits-child.js';
import type { ChildScenario } from './limits-protocol.js';
import { startRawServer, writeJson } from './raw-server.js';
import type { RawRequest, RawServer } from './raw-server.js';
import { failure } from '../helpers/failure.js';

const DEFAULT_MAX_RESPONSE_BYTES = 16 * MiB;
const MAX_SOCKETS = 16;

let bombs: Bombs;
let build: ChildBuild;
beforeAll(async () => {
  build = buildChild();
  bombs = await makeBombs();
}, 120_000);
afterAll(() => build?.dispose());

const servers: RawServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handle: (request: RawRequest, socket: Socket) => void): Promise<RawServer> {
  const server = await startRawServer(handle);
  servers.push(server);
  return server;
}

const pageOf = (request: RawRequest) => new URL(request.target, 'http://x').searchParams.get('page');

function client(server: RawServer, options: ClientOptions = {}): RegistryClient {
  return createClient({ baseUrl: server.url, user: 'user@inst1.edu', apiKey: 'k', env: {}, retryBaseDelayMs: 1, ...options });
}

type Op = 'list' | 'get' | 'all';

function call(registry: RegistryClient, op: Op): Promise<unknown> {
  if (op === 'list') return registry.files.list({ per_page: 1000 });
  if (op === 'get') return registry.files.get(1);
  return (async () => {
    const out: unknown[] = [];
    for await (const record of registry.files.all({ per_page: 1000 }, { paging: 'offset' })) out.push(record);
    return out;
  })();
}

function expectTooLarge(error: { name: string; code?: string; message: string; attempts?: number }, limit: number) {
  expect(error.name).toBe('ServerError');
  expect(error.code).toBe('bad_response');
  expect(error.message).toContain(`maxResponseBytes (${limit} bytes`);
  // An oversize body is not retried: the same request gets the same body.
  expect(error.attempts).toBe(1);
}

/**
 * Peak RSS allowed for one scenario in the child: 112 MiB for node with the client loaded (65 MiB
 * measured reading a 1000-record page) plus decompressor windows, socket buffers and garbage not
 * yet collected; and per body in flight twice the cap (a body is at most the cap, and a crawl
 * page's buffer briefly coexists with the half-size one it grew from). Measured: 80–113 MiB.
 * Without the cap, the same scenarios reach gigabytes (or abort the process).
 */
function ceilingKiB(bodiesInFlight: number, cap: number): number {
  return Math.round((112 * MiB + bodiesInFlight * 2 * cap) / 1024);
}

async function inChild(scenario: Omit<ChildScenario, 'url'>, server: RawServer) {
  const run = await runChild(build, { ...scenario, url: server.url });
  const context = JSON.stringify({ code: run.code, signal: run.signal, result: run.result, stderr: run.stderr.slice(-2000) });
  expect(run.signal, context).toBeNull();
  expect(run.code, context).toBe(0);
  expect(run.result?.outcome, context).toBe('error');
  expect(run.result?.vmHwmKiB, context).toBeLessThan(scenario.ceilingKiB);
  return run.result!;
}

describe(`a hostile body costs at most maxResponseBytes, measured in a child process (V8 heap ${CHILD_HEAP_MB} MB)`, () => {
  const kinds: BombKind[] = ['gzip', 'brotli', 'endless', 'lying-length'];
  const ops: Op[] = ['list', 'get', 'all'];
  const what: Record<BombKind, string> = {
    gzip: 'a 3 MB gzip that inflates to 3 GiB',
    brotli: 'a 2 KB brotli body that inflates to 1 GiB',
    endless: 'a chunked body that never ends',
    'lying-length': 'a plain body that never ends under a Content-Length of 1 TiB',
  };
  for (const kind of kinds) {
    for (const op of ops) {
      it(`${op}(): ${what[kind]} stops at the default cap, typed, not retried, in bounded memory`, async () => {
        const server = await serve((_request, socket) => void sendBomb(socket, kind, bombs));
        const ceiling = ceilingKiB(1, DEFAULT_MAX_RESPONSE_BYTES);
        const result = await inChild({ op, ceilingKiB: ceiling }, server);
        expectTooLarge(result.error!, DEFAULT_MAX_RESPONSE_BYTES);
        expect(server.requests).toHaveLength(1);
      }, 120_000);
    }
  }

  for (const kind of ['gzip', 'brotli'] as const) {
    it(`all() at concurrency 4, every page after the first ${what[kind]}: each page capped (APTRUST_REGISTRY_MAX_RESPONSE_BYTES)`, async () => {
      const cap = 4 * MiB;
      const held: Socket[] = [];
      const sent: Sent[] = [];
      const server = await serve((request, socket) => {
        if (pageOf(request) === '1') {
          writeJson(socket, 200, { count: 100, next: '', previous: '', results: [{ id: 1 }, { id: 2 }] });
          return;
        }
        // Hold the bombs until all four pages are in flight, so the four are read at once.
        held.push(socket);
        if (held.length >= 4) for (const waiting of held.splice(0)) sent.push(sendBomb(waiting, kind, bombs));
      });
      const result = await inChild(
        {
          op: 'all',
          perPage: 2,
          concurrency: 4,
          env: { APTRUST_REGISTRY_MAX_RESPONSE_BYTES: String(cap) },
          ceilingKiB: ceilingKiB(4, cap),
        },
        server,
      );
      expectTooLarge(result.error!, cap);
      expect(sent).toHaveLength(4);
      expect(server.requests.map(pageOf).sort()).toEqual(['1', '2', '3', '4', '5']);
    }, 120_000);
  }
});

describe('the cap stops reading at once and counts decompressed bytes', () => {
  const cap = 1 * MiB;

  for (const op of ['list', 'get', 'all'] as const) {
    it(`${op}(): the socket of a body that never ends is destroyed when the cap is crossed`, async () => {
      let sent: Sent | undefined;
      const server = await serve((_request, socket) => (sent = sendBomb(socket, 'endless', bombs)));
      const registry = client(server, { maxResponseBytes: cap, timeoutMs: 600_000 });
      const error = await failure(call(registry, op));
      expect(error).toBeInstanceOf(ServerError);
      expectTooLarge(error, cap);
      expect(error.hint).toMatch(/maxResponseBytes|APTRUST_REGISTRY_MAX_RESPONSE_BYTES/);
      // The client hung up by itself (close() has not been called): the endless body would
      // otherwise keep this socket open until the 10-minute deadline.
      await sent!.closed;
      // The server got ahead of the client by socket buffers at most, not by the endless body.
      expect(sent!.bytes).toBeLessThan(cap + 64 * MiB);
      registry.close();
    });

    it(`${op}(): a body of exactly the cap once inflated is read; one byte more is refused`, async () => {
      const body = (size: number) => {
        const head = Buffer.from('{"count":1,"next":"","previous":"","results":[{"id":1,"identifier":"');
        const tail = Buffer.from('"}]}');
        return Buffer.concat([head, Buffer.alloc(size - head.length - tail.length, 0x20), tail]);
      };
      let size = cap;
      const server = await serve((_request, socket) => {
        const gzip = zlib.gzipSync(body(size));
        sendBody(socket, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip', 'Content-Length': gzip.length }, [gzip]);
      });
      const registry = client(server, { maxResponseBytes: cap });
      await expect(call(registry, op)).resolves.toBeDefined();
      size = cap + 1;
      expectTooLarge(await failure(call(registry, op)), cap);
      registry.close();
    });
  }
});

describe('the crawl page reader keeps within the limit by itself', () => {
  it('whatever Content-Length claims: no buffer past the limit, the stream destroyed, a typed error', async () => {
    const limit = MiB;
    const pool = createBytePool();
    const sizes: number[] = [];
    const take = pool.take.bind(pool);
    pool.take = (size) => {
      const buffer = take(size);
      sizes.push(buffer.length);
      return buffer;
    };
    const chunks = [Buffer.from('{"results":['), ...Array.from({ length: 3 }, () => Buffer.alloc(600 * 1024, 0x20))];
    const data = Readable.from(chunks, { objectMode: false });
    const response = {
      status: 200,
      headers: { 'content-length': String(2 ** 40) },
      data,
      config: { method: 'get', url: '/member-api/v3/files?page=2', maxContentLength: limit },
    } as unknown as AxiosResponse<unknown>;
    const error = await failure(readJsonObject(response, pool));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBe('bad_response');
    expect(error.message).toContain(`maxResponseBytes (${limit} bytes`);
    expect(error.status).toBe(200);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(limit);
    expect(data.destroyed).toBe(true);
  });
});

describe('a streamed error body is read to 64 KiB, not to its end', () => {
  it('all(): a 503 whose body never ends is reported as the 503, and its socket is let go', async () => {
    let sent: Sent | undefined;
    const server = await serve(
      (_request, socket) =>
        (sent = sendBody(socket, { 'Content-Type': 'text/html', 'Transfer-Encoding': 'chunked' }, endlessChunked(), 503)),
    );
    // A cap far above what the test could wait for: only the error-body reader may stop this.
    const registry = client(server, { maxResponseBytes: 2 ** 40, maxAttempts: 1, timeoutMs: 600_000 });
    const error = await failure(call(registry, 'all'));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.code).toBe('server');
    expect(error.status).toBe(503);
    await sent!.closed;
    expect(sent!.bytes).toBeLessThan(64 * MiB);
    registry.close();
  });
});

describe('maxResponseBytes', () => {
  const base = { baseUrl: 'http://127.0.0.1:1', user: 'u@example.edu', apiKey: 'k' };

  it('defaults to 16 MiB, reads APTRUST_REGISTRY_MAX_RESPONSE_BYTES, and the option wins', () => {
    expect(resolveConfig({ ...base, env: {} }).maxResponseBytes).toBe(DEFAULT_MAX_RESPONSE_BYTES);
    expect(resolveConfig({ ...base, env: { APTRUST_REGISTRY_MAX_RESPONSE_BYTES: '1048576' } }).maxResponseBytes).toBe(MiB);
    expect(
      resolveConfig({ ...base, maxResponseBytes: 2 * MiB, env: { APTRUST_REGISTRY_MAX_RESPONSE_BYTES: '1048576' } }).maxResponseBytes,
    ).toBe(2 * MiB);
  });

  it.each([0, -1, 'lots', Number.POSITIVE_INFINITY])('refuses %s', (value) => {
    const fromOption = typeof value === 'number' ? { maxResponseBytes: value } : {};
    const env = typeof value === 'string' ? { APTRUST_REGISTRY_MAX_RESPONSE_BYTES: value } : {};
    expect(() => resolveConfig({ ...base, ...fromOption, env })).toThrow(/maxResponseBytes/);
  });
});

describe('sockets per client', () => {
  it(`1000 parallel get() share at most ${MAX_SOCKETS} connections`, async () => {
    const server = await serve((_request, socket) => writeJson(socket, 200, { id: 1 }));
    const registry = client(server);
    // All 1000 requests are issued before the event loop turns, so an agent without a bound
    // would open a socket for each.
    const got = await Promise.all(Array.from({ length: 1000 }, (_, i) => registry.checksums.get(i + 1)));
    expect(got).toHaveLength(1000);
    expect(server.requests).toHaveLength(1000);
    expect(server.connections).toBeGreaterThan(1);
    expect(server.connections).toBeLessThanOrEqual(MAX_SOCKETS);
    registry.close();
  });
});
