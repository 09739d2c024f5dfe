// Every exchange recorded from the real Registry, replayed to the client call that would send that
// request (nock answers with the recorded response). The client must send exactly the recorded
// request (or refuse it, or rewrite it, as client-expectations.ts lists and justifies) and return
// what the server meant: `results: null` is an empty page, files/show's null relations are [], and
// every error is the right RegistryError subclass with the server's words.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConfigurationError,
  createClient,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RegistryError,
  ServerError,
} from '../../src/index.js';
import type { RegistryClient } from '../../src/index.js';
import { REFUSED_ALTHOUGH_ACCEPTED, REWRITTEN } from './client-expectations.js';
import { haveRecordings, recordings } from './recordings.js';
import type { RecordedExchange } from './recordings.js';

const ORIGIN = 'https://registry.test';

const NAMESPACES = {
  alerts: 'alerts',
  checksums: 'checksums',
  deletions: 'deletionRequests',
  files: 'files',
  objects: 'objects',
  events: 'events',
  items: 'workItems',
} as const;
type Route = keyof typeof NAMESPACES;
const ROUTE = /^\/member-api\/v3\/(alerts|checksums|deletions|files|objects|events|items)(?:\/show\/(.+))?$/;

interface Sent {
  path: string;
  query: [string, string][];
  user: string | undefined;
  key: string | undefined;
}

/** The call a client user would make for this request, or undefined when no call sends it. */
function clientCall(exchange: RecordedExchange): ((client: RegistryClient) => Promise<unknown>) | undefined {
  const { method, path, query } = exchange.request;
  const match = method === 'GET' ? ROUTE.exec(path) : null;
  if (!match) return undefined;
  const route = match[1] as Route;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the namespace is chosen at run time
  const ns = (client: RegistryClient) => client[NAMESPACES[route]] as any;
  if (match[2] === undefined) {
    const params: Record<string, string | string[]> = {};
    for (const [name, value] of query) {
      const had = params[name];
      params[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
    }
    return (client) => ns(client).list(params);
  }
  const rest = decodeURIComponent(match[2]);
  if (route === 'alerts') {
    const [id, userId, ...more] = rest.split('/');
    if (more.length > 0) return undefined;
    return (client) => client.alerts.get(id as never, userId as never);
  }
  // On files, objects and events a string is an identifier; the ids the server would read are digits.
  const key = route === 'files' || route === 'objects' || route === 'events' ? (/^-?\d+$/.test(rest) ? Number(rest) : rest) : rest;
  return (client) => ns(client).get(key);
}

function decodePairs(search: string): [string, string][] {
  return [...new URLSearchParams(search)].map(([k, v]) => [k, v] as [string, string]);
}

/** Same keys with the same values in the same order per key; the order across keys does not matter. */
function byKey(pairs: readonly [string, string][]): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [k, v] of pairs) (grouped[k] ??= []).push(v);
  return Object.fromEntries(Object.entries(grouped).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function replyWith(exchange: RecordedExchange): [number, string, Record<string, string | string[]>] {
  const { status, headers, body } = exchange.response;
  const text = body && typeof body === 'object' && '_text' in body ? String((body as { _text: unknown })._text) : JSON.stringify(body);
  const kept = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !['content-length', 'transfer-encoding', 'date', 'connection'].includes(name)),
  );
  return [status, text, kept];
}

function expectedValue(exchange: RecordedExchange): unknown {
  const body = exchange.response.body as Record<string, unknown>;
  if ('results' in body) return { ...body, results: body.results ?? [] };
  if (exchange.request.path.includes('/files/show/')) {
    return {
      ...body,
      checksums: body.checksums ?? [],
      premis_events: body.premis_events ?? [],
      storage_records: body.storage_records ?? [],
    };
  }
  return body;
}

const ERROR_FOR_STATUS: Record<number, new (...args: never[]) => RegistryError> = {
  301: NetworkError,
  401: AuthenticationError,
  403: PermissionError,
  404: NotFoundError,
  500: ServerError,
};

function serverWords(exchange: RecordedExchange): string | undefined {
  const body = exchange.response.body as Record<string, unknown> | undefined;
  const words = body?.error ?? body?.Error;
  return typeof words === 'string' ? words : undefined;
}

function expectMappedError(exchange: RecordedExchange, error: unknown) {
  const status = exchange.response.status;
  expect(error, `${exchange.id}: a RegistryError`).toBeInstanceOf(RegistryError);
  expect(error, `${exchange.id}: the class for ${status}`).toBeInstanceOf(ERROR_FOR_STATUS[status]);
  const e = error as RegistryError;
  if (status === 301) {
    expect(e.code).toBe('redirect');
  } else {
    expect(e.status).toBe(status);
    const words = serverWords(exchange);
    if (words !== undefined) {
      expect(e.serverMessage).toBe(words);
      expect(e.message).toContain(words);
    }
  }
}

function clientFor(exchange: RecordedExchange): RegistryClient {
  const headers = exchange.request.headers;
  return createClient({
    baseUrl: ORIGIN,
    user: headers['X-Pharos-API-User'] ?? '',
    apiKey: headers['X-Pharos-API-Key'] ?? '',
    retryBaseDelayMs: 1,
    maxAttempts: 1,
    env: {},
  });
}

async function replay(exchange: RecordedExchange, call: (client: RegistryClient) => Promise<unknown>) {
  const sent: Sent[] = [];
  const interceptor = nock(ORIGIN).intercept(/.*/, exchange.request.method);
  interceptor.reply(function (uri) {
    const url = new URL(uri, ORIGIN);
    sent.push({
      path: decodeURIComponent(url.pathname),
      query: decodePairs(url.search),
      user: this.req.headers['x-pharos-api-user'] as string | undefined,
      key: this.req.headers['x-pharos-api-key'] as string | undefined,
    });
    return replyWith(exchange);
  });
  let client: RegistryClient | undefined;
  const outcome = await (async () => {
    client = clientFor(exchange);
    return call(client);
  })().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  client?.close();
  if (sent.length === 0) nock.removeInterceptor(interceptor);
  return { sent, outcome };
}

const all = recordings?.exchanges ?? [];
const reachable = all.filter((e) => clientCall(e) !== undefined);
const unreachable = all.filter((e) => clientCall(e) === undefined);

describe.skipIf(!haveRecordings('client contract tests'))('the client against the real server’s recorded exchanges', () => {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('covers every recorded exchange', () => {
    expect(reachable.length + unreachable.length).toBe(all.length);
    expect(reachable.length).toBeGreaterThan(500);
  });

  for (const exchange of reachable) {
    it(exchange.id, async () => {
      const { sent, outcome } = await replay(exchange, clientCall(exchange) as (c: RegistryClient) => Promise<unknown>);
      const refusal = REFUSED_ALTHOUGH_ACCEPTED[exchange.id];
      const rewrite = REWRITTEN[exchange.id];

      if (sent.length === 0) {
        // Refused before sending: the real server must reject it too, or the refusal is justified.
        expect(outcome.ok, `${exchange.id}: nothing was sent, so the call must fail`).toBe(false);
        const error = (outcome as { error: unknown }).error;
        expect(
          [InvalidInputError, ConfigurationError].some((c) => error instanceof c),
          `${exchange.id}: ${String(error)}`,
        ).toBe(true);
        if (exchange.response.status < 300) {
          expect(
            refusal,
            `${exchange.id}: refused (${String(error)}) but the real server answered ${exchange.response.status}`,
          ).toBeDefined();
          expect(refusal.shows(exchange, recordings!), `${exchange.id}: the recording does not show that ${refusal.because}`).toBe(true);
        } else {
          expect(refusal, `${exchange.id}: listed as accepted by the server, but it answered ${exchange.response.status}`).toBeUndefined();
        }
        return;
      }

      expect(refusal, `${exchange.id}: listed as refused, but the client sent it`).toBeUndefined();
      expect(sent).toHaveLength(1);
      const [request] = sent;
      expect(request.user).toBe(exchange.request.headers['X-Pharos-API-User']);
      expect(request.key).toBe(exchange.request.headers['X-Pharos-API-Key']);
      expect(request.path).toBe(decodeURIComponent(exchange.request.path));
      if (rewrite) {
        const [name, value] = rewrite;
        const expected = exchange.request.query.map(([k, v]) => [k, k === name ? value : v] as [string, string]);
        expect(byKey(request.query)).toEqual(byKey(expected));
        return;
      }
      expect(byKey(request.query), `${exchange.id}: the query sent`).toEqual(byKey(exchange.request.query));

      if (exchange.response.status === 200) {
        expect(outcome.ok, `${exchange.id}: ${outcome.ok ? '' : String((outcome as { error: unknown }).error)}`).toBe(true);
        const value = (outcome as { value: unknown }).value;
        expect(value).toEqual(expectedValue(exchange));
        if ('results' in (value as object)) expect(Array.isArray((value as { results: unknown }).results)).toBe(true);
      } else {
        expect(outcome.ok).toBe(false);
        expectMappedError(exchange, (outcome as { error: unknown }).error);
      }
    });
  }

  it('lists no refusal or rewrite for an exchange that is not recorded', () => {
    const ids = new Set(all.map((e) => e.id));
    expect([...Object.keys(REFUSED_ALTHOUGH_ACCEPTED), ...Object.keys(REWRITTEN)].filter((id) => !ids.has(id))).toEqual([]);
  });

  // Requests no client call sends (other methods, malformed paths, other APIs): their answers still
  // reach a client through a proxy or a moved route, so each is replayed to a plain list call.
  for (const exchange of unreachable) {
    it(`${exchange.id} (its answer, to objects.list())`, async () => {
      const standIn = { ...exchange, request: { ...exchange.request, method: 'GET' } };
      const { sent, outcome } = await replay(standIn, (client) => client.objects.list());
      if (exchange.user === null || !exchange.request.headers['X-Pharos-API-Key']) {
        expect(sent).toHaveLength(0);
        expect((outcome as { error: unknown }).error).toBeInstanceOf(ConfigurationError);
        return;
      }
      expect(sent).toHaveLength(1);
      expect(outcome.ok).toBe(false);
      expectMappedError(exchange, (outcome as { error: unknown }).error);
    });
  }
});
