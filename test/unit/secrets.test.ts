// The API key never appears in any rendering of an error or of the client (errata §1.2: it is a
// bcrypt-checked secret; a CI log is public enough).
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { DebugEvent } from '../../src/index.js';
import { API_KEY, ORIGIN, registry, setupNock, testClient } from '../helpers/nock-client.js';
import nock from 'nock';
import { renderings } from '../helpers/renderings.js';

const net = setupNock();
afterEach(() => net.after());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('the key never leaks', () => {
  const failures: [string, () => void][] = [
    ['401', () => registry().get(/.*/).reply(401, { StatusCode: 401, Error: 'API credentials are missing or invalid.' })],
    ['500', () => registry().get(/.*/).reply(500, { StatusCode: 500, Error: 'Invalid query params: x' })],
    ['503 (retried)', () => registry().get(/.*/).times(2).reply(503, 'Service Unavailable')],
    [
      'network',
      () =>
        registry()
          .get(/.*/)
          .times(2)
          .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })),
    ],
    ['cross-origin redirect', () => registry().get(/.*/).reply(302, '', { Location: 'https://evil.example/steal' })],
    ['timeout', () => registry().get(/.*/).times(2).delay(500).reply(200, '{}')],
  ];
  for (const [name, arrange] of failures) {
    it(`${name}: not in message, stack, JSON.stringify, util.inspect (showHidden) or cause`, async () => {
      arrange();
      const error = await failure(testClient({ maxAttempts: 2, timeoutMs: 100 }).workItems.get(1));
      for (const text of renderings(error)) expect(text).not.toContain(API_KEY);
      expect(JSON.stringify(error)).toContain('"code"');
    });
  }

  it('printing the client shows where it points, not the key', () => {
    const client = testClient();
    expect(inspect(client, { showHidden: true, depth: 10 })).not.toContain(API_KEY);
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(inspect(client)).toContain('***');
    expect(String(Object.keys(client))).not.toContain(API_KEY);
  });

  it('the debug hook shows allow-listed headers and REDACTED for the key', async () => {
    const events: DebugEvent[] = [];
    registry().get('/member-api/v3/items/show/1').reply(200, { id: 1 }, { 'Set-Cookie': 'session=abc' });
    await testClient({ debug: (e) => events.push(e) }).workItems.get(1);
    const text = JSON.stringify(events);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('session=abc');
    const request = events.find((e) => e.type === 'request');
    expect(request?.type === 'request' && request.headers['x-pharos-api-key']).toBe('REDACTED');
    expect(request?.type === 'request' && request.headers['x-pharos-api-user']).toBe('user@inst1.edu');
    expect(events.map((e) => e.type)).toEqual(['request', 'response']);
  });

  it('the key goes to no other host: nothing but the base origin is ever contacted', async () => {
    const elsewhere = nock('https://evil.example').get(/.*/).reply(200, {});
    registry().get(/.*/).reply(302, '', { Location: 'https://evil.example/member-api/v3/items/show/1' });
    await failure(testClient({ maxAttempts: 1 }).workItems.get(1));
    expect(elsewhere.isDone()).toBe(false);
    expect(ORIGIN).not.toContain('evil');
  });
});
