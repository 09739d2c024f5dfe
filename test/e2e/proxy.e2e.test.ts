// Through a real CONNECT proxy (a process of its own on loopback, test/helpers/connect-proxy.ts)
// to the sandbox over real HTTP, and to it over real TLS by a name only the proxy can resolve:
// the proxy variables and options, NO_PROXY, proxy credentials, and what the proxy can see.
// The key must never be in a header the proxy reads, nor (https) in the bytes it relays.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createClient, NetworkError, TimeoutError } from '../../src/index.js';
import type { ClientOptions, DebugEvent, RegistryClient } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli, sandboxEnv } from '../cli/helpers.js';
import { runInProcess } from '../cli/in-process.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';
import type { ConnectProxy, ProxyChildOptions, ProxySeen } from '../helpers/connect-proxy.js';
import { failure } from '../helpers/failure.js';
import { MAX_SOCKETS } from '../../src/transport/transport.js';
import { sandboxFor } from './helpers.js';

const TLS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tls');
const CA_FILE = path.join(TLS_DIR, 'registry-test.crt');

let sandbox: Sandbox;
/** TLS in front of the sandbox, with the registry.test certificate: reachable as registry.test only through the proxy. */
let front: tls.Server;
let frontPort: number;
const proxies: ConnectProxy[] = [];
const clients: RegistryClient[] = [];

beforeAll(async () => {
  sandbox = await sandboxFor();
  const upstream = new URL(sandbox.url);
  front = tls.createServer({ key: readFileSync(path.join(TLS_DIR, 'registry-test.key')), cert: readFileSync(CA_FILE) }, (socket) => {
    const to = net.connect(Number(upstream.port), upstream.hostname);
    socket.pipe(to).pipe(socket);
    socket.on('error', () => to.destroy());
    to.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  frontPort = (front.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => front.close(resolve));
  await sandbox.stop();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(proxies.splice(0).map((p) => p.stop()));
});

async function proxy(options: ProxyChildOptions = {}): Promise<ConnectProxy> {
  const started = await startConnectProxy({ routes: { 'registry.test:443': `127.0.0.1:${frontPort}` }, ...options });
  proxies.push(started);
  return started;
}

function client(options: ClientOptions = {}): RegistryClient {
  const made = createClient({
    baseUrl: sandbox.url,
    user: sandbox.user.email,
    apiKey: sandbox.user.apiKey,
    retryBaseDelayMs: 1,
    maxAttempts: 1,
    env: {},
    ...options,
  });
  clients.push(made);
  return made;
}

const sandboxHost = () => new URL(sandbox.url).host;
const sandboxPort = () => Number(new URL(sandbox.url).port);

/** Every header the proxy saw, in one string. */
const headerText = (seen: ProxySeen) => JSON.stringify([...seen.connects.map((c) => c.headers), ...seen.requests.map((r) => r.headers)]);

function expectNeverSawKey(seen: ProxySeen) {
  expect(seen.requests).toEqual([]); // nothing in absolute form: every request tunnelled
  expect(headerText(seen)).not.toContain(sandbox.user.apiKey);
  expect(headerText(seen).toLowerCase()).not.toContain('x-pharos');
}

describe('the proxy variables', () => {
  it('http_proxy (an http Registry URL): every request goes through one CONNECT tunnel; the proxy never reads the key in a header', async () => {
    const p = await proxy();
    const c = client({ env: { http_proxy: p.url } });
    const page = await c.workItems.list({ per_page: 5 });
    expect(page.results.length).toBeGreaterThan(0);
    await c.workItems.get(page.results[0].id);
    const seen = await p.seen();
    expect(seen.connects.map((x) => x.target)).toEqual([sandboxHost()]); // kept alive for both requests
    expectNeverSawKey(seen);
  });

  it("uppercase HTTP_PROXY is not read (curl's rule: a CGI server sets it from a request's Proxy: header)", async () => {
    const p = await proxy();
    await client({ env: { HTTP_PROXY: p.url } }).workItems.list({ per_page: 1 });
    expect((await p.seen()).connects).toEqual([]);
  });

  it('HTTPS_PROXY (an https Registry URL): CONNECT registry.test:443, then TLS end to end; the key is in no byte the proxy relays', async () => {
    const p = await proxy();
    const c = client({ baseUrl: 'https://registry.test', env: { HTTPS_PROXY: p.url } });
    // This process does not trust the test certificate (the CLI run below does): the TLS handshake
    // inside the tunnel fails, and the error says which proxy the request went through.
    const error = await failure(c.workItems.list({ per_page: 1 }));
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain(`through proxy ${p.url}, from HTTPS_PROXY`);
    const seen = await p.seen();
    expect(seen.connects.map((x) => x.target)).toEqual(['registry.test:443']);
    expectNeverSawKey(seen);
    expect(seen.tunnelled).not.toContain(sandbox.user.apiKey);
  });

  it('https_proxy wins over HTTPS_PROXY (lowercase first, as curl)', async () => {
    const lower = await proxy();
    const upper = await proxy();
    await failure(client({ baseUrl: 'https://registry.test', env: { https_proxy: lower.url, HTTPS_PROXY: upper.url } }).workItems.list());
    expect((await lower.seen()).connects).toHaveLength(1);
    expect((await upper.seen()).connects).toEqual([]);
  });
});

describe('NO_PROXY', () => {
  const bypassing = [
    ['the exact host', () => '127.0.0.1'],
    ['the host with its port', () => `127.0.0.1:${sandboxPort()}`],
    ['a CIDR range', () => '10.0.0.0/8, 127.0.0.0/8'],
    ['*', () => '*'],
  ] as const;
  for (const [what, list] of bypassing) {
    it(`listing ${what}: direct, the proxy sees nothing`, async () => {
      const p = await proxy();
      await client({ env: { http_proxy: p.url, NO_PROXY: list() } }).workItems.list({ per_page: 1 });
      expect((await p.seen()).connects).toEqual([]);
    });
  }

  it('a host with another port, or another host, still goes through the proxy', async () => {
    const p = await proxy();
    await client({ env: { http_proxy: p.url, no_proxy: `127.0.0.1:${sandboxPort() + 1},localhost,.example.edu` } }).workItems.list({
      per_page: 1,
    });
    expect((await p.seen()).connects.map((x) => x.target)).toEqual([sandboxHost()]);
  });

  it('a domain suffix bypasses the proxy for a name under it (no DNS needed: the request is refused at the name)', async () => {
    const p = await proxy();
    const error = await failure(
      client({ baseUrl: 'https://registry.test', env: { HTTPS_PROXY: p.url, no_proxy: 'test' } }).workItems.list(),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).not.toContain('through proxy');
    expect((await p.seen()).connects).toEqual([]);
  });
});

describe('the proxy and agent options', () => {
  it('an explicit proxy wins over the environment, NO_PROXY included', async () => {
    const fromEnv = await proxy();
    const explicit = await proxy();
    await client({ proxy: explicit.url, env: { http_proxy: fromEnv.url, NO_PROXY: '*' } }).workItems.list({ per_page: 1 });
    expect((await explicit.seen()).connects.map((x) => x.target)).toEqual([sandboxHost()]);
    expect((await fromEnv.seen()).connects).toEqual([]);
  });

  it('proxy: false ignores the environment', async () => {
    const p = await proxy();
    await client({ proxy: false, env: { http_proxy: p.url } }).workItems.list({ per_page: 1 });
    expect((await p.seen()).connects).toEqual([]);
  });

  it('an agent of your own makes every connection; the proxy variables are not read; close() leaves it open', async () => {
    const p = await proxy();
    let created = 0;
    class Counting extends http.Agent {
      override createConnection(...args: Parameters<http.Agent['createConnection']>) {
        created += 1;
        return super.createConnection(...args);
      }
    }
    const agent = new Counting({ keepAlive: true });
    const c = client({ agent, env: { http_proxy: p.url } });
    await c.workItems.list({ per_page: 1 });
    c.close();
    expect(created).toBe(1);
    expect((await p.seen()).connects).toEqual([]);
    await createClient({ baseUrl: sandbox.url, user: 'a@b.edu', apiKey: 'k3y-0123', env: {}, agent })
      .workItems.list({ per_page: 1 })
      .catch(() => {});
    agent.destroy();
  });

  it('agent and a proxy URL together, an unusable proxy URL: a ConfigurationError that never repeats the password', () => {
    expect(() => client({ agent: new http.Agent(), proxy: 'http://127.0.0.1:1' })).toThrow(ConfigurationError);
    for (const bad of ['socks5://user:s3cret-pw@127.0.0.1:1080', 'http://user:s3cret-pw@[::1', 'http://us%ZZer:s3cret-pw@host:1']) {
      let thrown: unknown;
      try {
        client({ env: { http_proxy: bad } });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ConfigurationError);
      expect((thrown as Error).message).toContain('http_proxy');
      expect((thrown as Error).message).not.toContain('s3cret-pw');
    }
  });
});

describe('sockets through a proxy', () => {
  it(`40 parallel get() share at most ${MAX_SOCKETS} tunnels, kept alive`, async () => {
    const p = await proxy();
    const c = client({ env: { http_proxy: p.url } });
    const ids = (await c.workItems.list({ per_page: 40 })).results.map((item) => item.id);
    await Promise.all(ids.map((id) => c.workItems.get(id)));
    const { connects } = await p.seen();
    expect(connects.length).toBeGreaterThanOrEqual(1);
    expect(connects.length).toBeLessThanOrEqual(MAX_SOCKETS);
  });

  it(`beyond ${MAX_SOCKETS} parallel requests, a refused tunnel hands its place on: all fail at once, none waits for its deadline`, async () => {
    const p = await proxy({ status: 503 });
    // A deadline longer than the test's own timeout: a request left waiting would fail the test.
    const c = client({ timeoutMs: 120_000, env: { http_proxy: p.url } });
    const results = await Promise.allSettled(Array.from({ length: MAX_SOCKETS + 8 }, (_, i) => c.workItems.get(i + 1)));
    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect(String((result as PromiseRejectedResult).reason)).toContain('answered CONNECT');
    }
  });
});

describe('when the proxy says no', () => {
  const PASSWORD = 'pr0xy-s3cret';

  it('407 without credentials: a NetworkError naming the proxy, with a hint, not retried', async () => {
    const p = await proxy({ auth: `alice:${PASSWORD}` });
    const error = await failure(client({ maxAttempts: 3, env: { http_proxy: p.url } }).workItems.list());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('network');
    expect(error.message).toContain(`proxy ${p.url} (from http_proxy) answered CONNECT ${sandboxHost()} with HTTP 407`);
    expect(error.hint).toMatch(/wants credentials.*http_proxy/);
    expect(error.attempts).toBe(1);
    expect((await p.seen()).connects).toHaveLength(1);
  });

  it('407 with the right credentials in the URL: tunnelled, with Proxy-Authorization to the proxy only', async () => {
    const p = await proxy({ auth: `alice:${PASSWORD}` });
    const withCredentials = p.url.replace('http://', `http://alice:${PASSWORD}@`);
    const debug: DebugEvent[] = [];
    await client({ env: { http_proxy: withCredentials }, debug: (e) => debug.push(e) }).workItems.list({ per_page: 1 });
    const seen = await p.seen();
    expect(seen.connects).toHaveLength(1);
    expect(seen.connects[0].headers['proxy-authorization']).toBe(`Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`);
    expect(seen.tunnelled.toLowerCase()).not.toContain('proxy-authorization'); // not sent on to the Registry
    expectNeverSawKey(seen);
    expect(JSON.stringify(debug)).not.toContain(PASSWORD);
  });

  it('wrong credentials: masked in the message, JSON.stringify, util.inspect and the cause; and in inspect(client)', async () => {
    const p = await proxy({ auth: `alice:${PASSWORD}` });
    const wrong = 'wr0ng-pa$$word';
    const url = p.url.replace('http://', `http://alice:${encodeURIComponent(wrong)}@`);
    const c = client({ proxy: url });
    const error = await failure(c.workItems.list());
    expect(error.message).toContain(`proxy ${p.url} (from the proxy option) answered CONNECT`);
    expect(error.hint).toMatch(/refused the credentials/);
    const token = Buffer.from(`alice:${wrong}`).toString('base64');
    for (const text of [
      error.message,
      error.stack ?? '',
      JSON.stringify(error),
      inspect(error, { showHidden: true, depth: 5 }),
      inspect(c, { showHidden: true, depth: 8 }),
    ]) {
      for (const secret of [wrong, encodeURIComponent(wrong), token]) expect(text).not.toContain(secret);
    }
  });

  it('a proxy answering CONNECT with 502: a NetworkError naming it, retried as network errors are', async () => {
    const p = await proxy({ status: 502 });
    const error = await failure(client({ maxAttempts: 2, env: { http_proxy: p.url } }).workItems.list());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain(`proxy ${p.url} (from http_proxy) answered CONNECT ${sandboxHost()} with HTTP 502`);
    expect(error.message).toContain('gave up after 2 attempts');
    expect(error.hint).toMatch(/could not \(or would not\) reach the Registry/);
    expect((await p.seen()).connects).toHaveLength(2);
  });

  it('a proxy that never answers CONNECT: a TimeoutError at the attempt deadline, and the CONNECT is given up', async () => {
    const p = await proxy({ hang: true });
    const error = await failure(client({ timeoutMs: 300, env: { http_proxy: p.url } }).workItems.list());
    expect(error).toBeInstanceOf(TimeoutError);
    // The proxy learns of it once the close reaches it: seen() waits for that, not for a time.
    let seen = await p.seen();
    while (seen.closed.length === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      seen = await p.seen();
    }
    expect(seen.closed).toEqual([seen.connects[0].id]);
  });

  it('a proxy that is down: a NetworkError naming it (without its credentials)', async () => {
    const p = await proxy();
    await p.stop(); // its port is now closed: connections are refused
    const error = await failure(client({ env: { http_proxy: p.url.replace('http://', `http://alice:${PASSWORD}@`) } }).workItems.list());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain(`could not reach proxy ${p.url} (from http_proxy)`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toMatch(/down or its address is wrong/);
    expect(JSON.stringify(error) + inspect(error, { showHidden: true })).not.toContain(PASSWORD);
  });
});

describe('the CLI', () => {
  it('list items with only http_proxy set (in process): through the proxy', async () => {
    const p = await proxy();
    const result = await runInProcess(['list', 'items', 'per_page=3', '--quiet'], { env: { ...sandboxEnv(sandbox), http_proxy: p.url } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
    expectNeverSawKey(await p.seen());
    expect((await p.seen()).connects.map((x) => x.target)).toEqual([sandboxHost()]);
  });

  it('--proxy, and --no-proxy over the environment', async () => {
    const p = await proxy();
    const other = await proxy();
    const through = await runInProcess(['list', 'items', 'per_page=1', '--proxy', p.url], {
      env: { ...sandboxEnv(sandbox), http_proxy: other.url },
    });
    expect(through.code).toBe(0);
    const direct = await runInProcess(['--no-proxy', 'list', 'items', 'per_page=1'], {
      env: { ...sandboxEnv(sandbox), http_proxy: other.url },
    });
    expect(direct.code).toBe(0);
    expect((await p.seen()).connects).toHaveLength(1);
    expect((await other.seen()).connects).toEqual([]);
  });

  it('a 407 is exit 5, one message naming the proxy, the password masked', async () => {
    const p = await proxy({ auth: 'alice:right-password' });
    const url = p.url.replace('http://', 'http://alice:wrong-password@');
    const result = await runInProcess(['list', 'items', '--proxy', url], { env: sandboxEnv(sandbox) });
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`proxy ${p.url}`);
    expect(result.stderr).toContain('407');
    expect(result.stderr).not.toContain('wrong-password');
  });

  it('the built CLI, with only HTTPS_PROXY set, lists items from https://registry.test: a name only the proxy can reach, TLS end to end', async () => {
    const p = await proxy();
    const result = await runCli(['list', 'items', 'per_page=2', '--quiet'], {
      env: { ...sandboxEnv(sandbox), APTRUST_REGISTRY_URL: 'https://registry.test', HTTPS_PROXY: p.url, NODE_EXTRA_CA_CERTS: CA_FILE },
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2);
    const seen = await p.seen();
    expect(seen.connects.map((x) => x.target)).toEqual(['registry.test:443']);
    expectNeverSawKey(seen);
    expect(seen.tunnelled).not.toContain(sandbox.user.apiKey);
    expect(seen.tunnelled).not.toContain(sandbox.user.email);
  });
});
