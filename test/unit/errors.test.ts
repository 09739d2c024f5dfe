// Every error shape of errata §7 becomes a RegistryError subclass with the status and the
// server's own words; non-JSON bodies are tolerated; nothing raw from axios escapes.
import { afterEach, describe, expect, it } from 'vitest';
import errors from '../fixtures/errors.json' with { type: 'json' };
import { AuthenticationError, NotFoundError, PermissionError, RegistryError, ServerError } from '../../src/index.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';
import { failure } from '../helpers/failure.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

type Case = keyof typeof errors;

function reply(name: Case, times = 1) {
  const { status, body } = errors[name];
  registry()
    .get(/.*/)
    .times(times)
    .reply(status, typeof body === 'string' ? body : JSON.stringify(body), {
      'Content-Type': typeof body === 'string' ? 'text/html' : 'application/json; charset=utf-8',
    });
}

const client = testClient({ maxAttempts: 1 });

describe('HTTP errors', () => {
  const cases: [Case, new (...args: never[]) => RegistryError, number, string | undefined][] = [
    ['unauthorized', AuthenticationError, 401, 'API credentials are missing or invalid.'],
    ['passwordResetHtml', AuthenticationError, 401, 'Please finish changing your password'],
    ['otherInstitution', PermissionError, 403, 'Permission denied for /member-api/v3/files/show/*id (institution 3).'],
    ['alertOtherUser', PermissionError, 403, 'permission denied'],
    ['notFound', NotFoundError, 404, 'Not found: /member-api/v3/files/show/institution1.edu/nope'],
    ['missingAuthCheck', NotFoundError, 404, 'Missing authorization check for /member-api/v3/items/show/abc'],
    ['alertNotSent', NotFoundError, 404, 'pg: no rows in result set'],
    ['invalidParams', ServerError, 500, 'Invalid query params: foo, bar'],
    ['badColumn', ServerError, 500, 'ERROR #42703 column "x" does not exist'],
    ['panic', ServerError, 500, undefined],
    ['maintenance', ServerError, 503, 'APTrust Registry is currently undergoing maintenance.'],
    ['badGatewayHtml', ServerError, 502, '502 Bad Gateway'],
  ];
  for (const [name, Class, status, said] of cases) {
    it(`${name}: ${status} → ${Class.name}${said ? ` saying "${said}"` : ''}`, async () => {
      reply(name);
      const error = await failure(client.files.get('institution1.edu/nope'));
      expect(error).toBeInstanceOf(Class);
      expect(error).toBeInstanceOf(RegistryError);
      expect(error.name).toBe(Class.name);
      expect(error.status).toBe(status);
      expect(error.serverMessage).toBe(said);
      if (said) expect(error.message).toContain(said);
      expect(error.message).toContain('GET /member-api/v3/files/show/institution1.edu%2Fnope');
      expect(error.stack?.split('\n')[0]).toContain(Class.name);
    });
  }

  it('a 401 hints that demo and production keys are separate', async () => {
    reply('unauthorized');
    const error = await failure(client.workItems.list());
    expect(error.hint).toMatch(/key works only on the server that issued it/);
  });

  it("a list body without `results` (e.g. the spec's `items`) is a clear error, not undefined", async () => {
    registry()
      .get('/member-api/v3/items')
      .reply(200, { count: 1, next: '', previous: '', items: [{ id: 1 }] });
    const error = await failure(client.workItems.list());
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toMatch(/no "results" array/);
  });

  it('a 200 with a body that is not JSON is an error (after retries)', async () => {
    registry().get('/member-api/v3/items/show/1').reply(200, '<html>Just a moment…</html>');
    const error = await failure(client.workItems.get(1));
    expect(error.code).toBe('bad_response');
    expect(error.message).toMatch(/not complete JSON/);
  });

  it('a connection failure is a NetworkError with no status', async () => {
    registry()
      .get('/member-api/v3/items/show/1')
      .replyWithError(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }));
    const error = await failure(client.workItems.get(1));
    expect(error.name).toBe('NetworkError');
    expect(error.status).toBeUndefined();
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});
