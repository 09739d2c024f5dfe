// How all() reads page bodies: streamed into reused buffers, checked on arrival (so a broken body
// is retried like a dropped connection), decoded when the page's turn comes. Nothing lost or doubled.
import { Readable } from 'node:stream';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugEvent, RegistryError } from '../../src/index.js';
import { createClient } from '../../src/index.js';
import { API_KEY, envelope, itemRows, itemsPage, setupNock, testClient, USER } from '../helpers/nock-client.js';
import { startRawServer, writeHead } from '../hostile/raw-server.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

async function ids(iterable: AsyncIterable<{ id: number }>): Promise<number[]> {
  const got: number[] = [];
  for await (const record of iterable) got.push(record.id);
  return got;
}

/** A body sent in `size`-byte pieces, cutting through multi-byte characters, without Content-Length. */
function trickle(body: string, size: number): Readable {
  const bytes = Buffer.from(body, 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  return Readable.from(pieces);
}

describe('all() page bodies', () => {
  it('an HTML page with status 200 in mid-crawl is retried on arrival, and every record comes once', async () => {
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 25));
    itemsPage(2).reply(200, '<html><title>Checking your browser</title></html>');
    itemsPage(2).reply(200, envelope(itemRows(11, 20), 25));
    itemsPage(3).reply(200, envelope(itemRows(21, 25), 25));
    const events: DebugEvent[] = [];
    expect(await ids(testClient({ debug: (e) => events.push(e) }).workItems.all({ per_page: 10 }, { paging: 'offset' }))).toEqual(
      itemRows(1, 25).map((r) => r.id),
    );
    const retries = events.filter((e) => e.type === 'retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]).toMatchObject({
      url: expect.stringContaining('page=2') as unknown,
      reason: expect.stringMatching(/not complete JSON/) as unknown,
    });
  });

  it('a body that looks whole but is not JSON is fetched again when its turn comes', async () => {
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 15));
    itemsPage(2).reply(200, '{"count": 15, "results": [{"id": 11,, }]}');
    itemsPage(2).reply(200, envelope(itemRows(11, 15), 15));
    expect(await ids(testClient().workItems.all({ per_page: 10 }, { paging: 'offset' }))).toEqual(itemRows(1, 15).map((r) => r.id));
  });

  it('a page waiting in the window is decoded only when its turn comes', async () => {
    const responses: DebugEvent[] = [];
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 30));
    const broken = itemsPage(2).reply(200, '{"count": 30, "results": [oops]}');
    const refetch = itemsPage(2).reply(200, envelope(itemRows(11, 20), 30));
    for await (const record of testClient({ debug: (e) => e.type === 'response' && responses.push(e) }).workItems.all(
      { per_page: 10 },
      { paging: 'offset' },
    )) {
      expect(record.id).toBe(1);
      // Page 2 arrives while we hold page 1 (waited for, not slept on); it would fail to parse, had it been parsed.
      while (!broken.isDone() || responses.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      break;
    }
    expect(refetch.isDone()).toBe(false);
    nock.cleanAll(); // the refetch was never wanted
  });

  it("gives up on a page that never parses: one fetch, then the twelve attempts of a crawl's budget, then bad_response", async () => {
    itemsPage(1).times(13).reply(200, '{"count": 1, "results": [oops]}');
    const error = (await ids(testClient().workItems.all({ per_page: 10 }, { paging: 'offset' })).catch((e: unknown) => e)) as RegistryError;
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/not complete JSON/);
  });

  it('decodes multi-byte characters split across chunks, in bodies larger than the first buffer', async () => {
    const names = ['日本語のファイル', 'café – naïve', 'emoji 📦 bag', 'quote " and \\ backslash'];
    const results = Array.from({ length: 1_000 }, (_, i) => ({ id: i + 1, name: `${names[i % names.length]} ${'x'.repeat(i % 200)}` }));
    const body = JSON.stringify(envelope(results, 1_000));
    expect(Buffer.byteLength(body)).toBeGreaterThan(128 * 1024);
    itemsPage(1).reply(200, () => trickle(body, 997));
    itemsPage(2).reply(200, envelope([], 1_000));
    const got: { id: number; name: string }[] = [];
    for await (const record of testClient().workItems.all({ per_page: 1_000 }, { paging: 'offset' })) got.push(record as never);
    expect(got).toEqual(results);
  });

  it('the response event of a page comes with its complete body, so durationMs includes the body', async () => {
    // Headers at once, the body 300 ms later: from a raw server of our own, as nock delays both.
    const body = Buffer.from(JSON.stringify(envelope(itemRows(1, 5), 5)));
    const server = await startRawServer((_request, socket) => {
      writeHead(socket, 200, { 'Content-Type': 'application/json', 'Content-Length': body.length });
      setTimeout(() => socket.write(body), 300);
    });
    nock.enableNetConnect('127.0.0.1');
    const events: DebugEvent[] = [];
    try {
      const client = createClient({ baseUrl: server.url, user: USER, apiKey: API_KEY, env: {}, debug: (e) => events.push(e) });
      expect(await ids(client.workItems.all({ per_page: 10 }, { paging: 'offset' }))).toEqual([1, 2, 3, 4, 5]);
      client.close();
    } finally {
      nock.disableNetConnect();
      await server.close();
    }
    const response = events.find((e) => e.type === 'response');
    expect(response?.type === 'response' && response.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('a body that stalls after the headers times out and is retried', async () => {
    // The stall outlasts the timeout by far, and the timeout a local answer by far, on any machine.
    itemsPage(1)
      .delayBody(60_000)
      .reply(200, envelope(itemRows(1, 5), 5));
    itemsPage(1).reply(200, envelope(itemRows(1, 5), 5));
    expect(await ids(testClient({ timeoutMs: 2_000 }).workItems.all({ per_page: 10 }, { paging: 'offset' }))).toEqual([1, 2, 3, 4, 5]);
  });

  it('an error status in mid-crawl quotes the server, as list() does', async () => {
    itemsPage(1).reply(200, envelope(itemRows(1, 10), 30));
    itemsPage(2).reply(500, { StatusCode: 500, Error: 'pq: column "nme" does not exist' });
    const error = (await ids(testClient().workItems.all({ per_page: 10 }, { paging: 'offset' })).catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('ServerError');
    expect(error.status).toBe(500);
    expect(error.serverMessage).toBe('pq: column "nme" does not exist');
    expect(error.message).toContain('pq: column "nme" does not exist');
  });

  it('a 401 in a crawl carries the server message and the key hint', async () => {
    itemsPage(1).reply(401, { error: 'API credentials are missing or invalid.' });
    const error = (await ids(testClient().workItems.all({}, { paging: 'offset' })).catch((e: unknown) => e)) as RegistryError;
    expect(error.name).toBe('AuthenticationError');
    expect(error.serverMessage).toBe('API credentials are missing or invalid.');
    expect(error.hint).toMatch(/Demo and production keys are separate/);
  });
});
