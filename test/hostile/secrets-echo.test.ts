// A registry (or a proxy in front of it) that echoes the key back in its error bodies: the key,
// exactly or URL-encoded, must still never reach an error's message, stack, JSON, inspect output,
// cause or hint, a debug event, or anything the CLI prints.
import { inspect } from 'node:util';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import type { DebugEvent } from '../../src/index.js';
import { runInProcess } from '../cli/in-process.js';
import { startRawServer, writeHead, writeJson } from './raw-server.js';
import type { RawServer } from './raw-server.js';
import { renderings } from '../helpers/renderings.js';
import { failure } from '../helpers/failure.js';

// Characters that URL encoding changes (space, +, /, =, &), so each encoded form differs from the key.
const KEY = 'S3cr3t+k3y/with space=&x-0123456789';
const USER = 'user@inst1.edu';
const FORMS = [KEY, encodeURIComponent(KEY), new URLSearchParams({ k: KEY }).toString().slice(2), encodeURI(KEY)];

let server: RawServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function expectNoKey(texts: string[]): void {
  for (const text of texts) for (const form of FORMS) expect(text).not.toContain(form);
}

function html(socket: Socket, status: number, body: string): void {
  const bytes = Buffer.from(body);
  writeHead(socket, status, { 'Content-Type': 'text/html', 'Content-Length': bytes.length });
  socket.write(bytes);
}

type Answer = (socket: Socket) => void;

const echoes: [string, Answer][] = [];
for (const status of [401, 403, 429, 500, 503]) {
  echoes.push([`${status} {"error": "bad key <key>"}`, (s) => writeJson(s, status, { error: `bad key ${KEY}` })]);
  echoes.push([
    `${status} {"StatusCode","Error"} with the key`,
    (s) => writeJson(s, status, { StatusCode: status, Error: `key ${KEY} refused` }),
  ]);
}
echoes.push(
  ['401 {"error"} with the key URL-encoded', (s) => writeJson(s, 401, { error: `bad key ${encodeURIComponent(KEY)}` })],
  [
    '403 {"Error"} with the key form-encoded (+ for space)',
    (s) => writeJson(s, 403, { Error: `denied for ${new URLSearchParams({ key: KEY }).toString()}` }),
  ],
  ['502 HTML title with the key', (s) => html(s, 502, `<html><head><title>Bad key ${KEY}</title></head><body>x</body></html>`)],
  ['500 HTML body with the key', (s) => html(s, 500, `<html><body><p>Your key</p><b>${KEY}</b> is wrong</body></html>`)],
  [
    // The excerpt is cut at 200 characters: a cut through the key must not leave its first half.
    '500 HTML body with the key across the excerpt cut',
    (s) => html(s, 500, `<html><body>${'x'.repeat(190)} ${KEY} and more text after it</body></html>`),
  ],
  ['401 HTML (password reset page) quoting the key', (s) => html(s, 401, `<html><body>reset for ${KEY}</body></html>`)],
);

describe('a server that echoes the key', () => {
  for (const [name, answer] of echoes) {
    it(`${name}: not in the error's renderings nor in any debug event`, async () => {
      server = await startRawServer((_request, socket) => answer(socket));
      const events: DebugEvent[] = [];
      const client = createClient({
        baseUrl: server.url,
        user: USER,
        apiKey: KEY,
        maxAttempts: 2,
        retryBaseDelayMs: 1,
        env: {},
        debug: (event) => events.push(event),
      });
      try {
        const error = await failure(client.workItems.get(1));
        expect(error.status).toBeGreaterThanOrEqual(400);
        expectNoKey(renderings(error));
        expectNoKey([JSON.stringify(events), inspect(events, { depth: 10 })]);
        // The request really carried the key (so the scrub had something to do).
        expect(server.requests[0]?.headers['x-pharos-api-key']).toBe(KEY);
        // Nor half of it: the excerpt of an HTML body is cut after the key is masked, not before.
        expectNoKey([...renderings(error), JSON.stringify(events)].map((t) => t.replaceAll(KEY.slice(0, 8), KEY)));
      } finally {
        client.close();
      }
    });
  }

  it('the server message keeps its other words, with the key masked', async () => {
    server = await startRawServer((_request, socket) => writeJson(socket, 401, { error: `bad key ${KEY}` }));
    const client = createClient({ baseUrl: server.url, user: USER, apiKey: KEY, maxAttempts: 1, env: {} });
    try {
      const error = await failure(client.workItems.get(1));
      expect(error.serverMessage).toBe('bad key ***');
      expect(error.message).toContain('HTTP 401: bad key ***');
    } finally {
      client.close();
    }
  });

  it('a retried 429 puts no key in the retry event', async () => {
    server = await startRawServer((_request, socket) => writeJson(socket, 429, { error: `slow down, ${KEY}` }, { 'Retry-After': '0' }));
    const events: DebugEvent[] = [];
    const client = createClient({
      baseUrl: server.url,
      user: USER,
      apiKey: KEY,
      maxAttempts: 3,
      retryBaseDelayMs: 1,
      env: {},
      debug: (event) => events.push(event),
    });
    try {
      await failure(client.workItems.get(1));
      const retries = events.filter((e) => e.type === 'retry');
      expect(retries).toHaveLength(2);
      for (const retry of retries) expect(retry.type === 'retry' && retry.reason).toContain('slow down, ***');
      expectNoKey([JSON.stringify(events)]);
    } finally {
      client.close();
    }
  });
});

describe('the CLI against a server that echoes the key', () => {
  for (const [name, body] of [
    ['exact', { error: `bad key ${KEY}` }],
    ['URL-encoded', { Error: `bad key ${encodeURIComponent(KEY)}` }],
    ['form-encoded', { error: `bad key ${new URLSearchParams({ k: KEY }).toString()}` }],
  ] as const) {
    it(`${name}: stderr (with --debug) shows no form of the key`, async () => {
      server = await startRawServer((_request, socket) => writeJson(socket, 401, body));
      const env = { APTRUST_REGISTRY_URL: server.url, APTRUST_REGISTRY_EMAIL: USER, APTRUST_REGISTRY_API_KEY: KEY };
      for (const args of [
        ['get', 'items', '1'],
        ['list', 'items', '--debug', '--retries', '0'],
      ]) {
        const result = await runInProcess(args, { env });
        expect(result.code, result.stderr).toBe(3);
        expect(result.stderr).toMatch(/bad key (k=)?\*\*\*/);
        expectNoKey([result.stderr, result.stdout]);
      }
    });
  }
});
