// Every error status the sandbox (like the server) produces, as the client reports it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryError } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { clientFor, sandboxFor, truth } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await sandboxFor();
});
afterAll(async () => sandbox.stop());

const fail = async (p: Promise<unknown>) => (await p.catch((e: unknown) => e)) as RegistryError;

describe('errors over HTTP', () => {
  it('401 for a wrong key, with the demo/production hint', async () => {
    const client = clientFor(sandbox, { ...sandbox.user, apiKey: 'not-the-key' });
    const error = await fail(client.workItems.list());
    expect(error.name).toBe('AuthenticationError');
    expect(error.status).toBe(401);
    expect(error.serverMessage).toBe('API credentials are missing or invalid.');
    expect(error.hint).toMatch(/Demo and production keys are separate/);
  });

  it("403 for another institution's record, and for another institution_id", async () => {
    const other = sandbox.users.find(
      (u) => u.institutionId !== sandbox.user.institutionId && u.role !== 'none' && !u.twoFactorPending && u.role !== 'admin',
    );
    expect(other).toBeDefined();
    const [theirs] = await truth<{ id: number }>(sandbox, 'files', {}, other);
    const client = clientFor(sandbox);
    const error = await fail(client.files.get(theirs.id));
    expect(error.name).toBe('PermissionError');
    expect(error.status).toBe(403);
    expect(error.serverMessage).toMatch(/^Permission denied for \/member-api\/v3\/files\/show\/\*id \(institution \d+\)\.$/);
    const listed = await fail(client.files.list({ institution_id: other!.institutionId }));
    expect(listed.status).toBe(403);
  });

  it('403 for a user with no role', async () => {
    const none = sandbox.users.find((u) => u.role === 'none')!;
    expect((await fail(clientFor(sandbox, none).objects.list())).status).toBe(403);
  });

  it('404 for a missing id and a missing identifier', async () => {
    const client = clientFor(sandbox);
    const byId = await fail(client.workItems.get(987_654_321));
    expect(byId.name).toBe('NotFoundError');
    const byIdentifier = await fail(client.files.get('institution1.edu/no such bag/data/none.txt'));
    expect(byIdentifier.status).toBe(404);
    expect(byIdentifier.serverMessage).toBe('Not found: /member-api/v3/files/show/institution1.edu/no such bag/data/none.txt');
  });

  it("403 from alerts.get with someone else's user id", async () => {
    const [alert] = await truth<{ id: number }>(sandbox, 'alerts');
    const error = await fail(clientFor(sandbox).alerts.get(alert.id, sandbox.user.id + 1));
    expect(error.status).toBe(403);
    expect(error.serverMessage).toBe('permission denied');
  });

  it('the 2FA redirect is an AuthenticationError, not followed', async () => {
    const pending = sandbox.users.find((u) => u.twoFactorPending)!;
    const error = await fail(clientFor(sandbox, pending).workItems.list());
    expect(error.name).toBe('AuthenticationError');
    expect(error.status).toBe(302);
    expect(error.message).toMatch(/two-factor/);
  });

  it('maintenance mode is a ServerError saying so', async () => {
    const down = await sandboxFor({ maintenance: true });
    try {
      const error = await fail(clientFor(down).workItems.list());
      expect(error.code).toBe('maintenance');
      expect(error.status).toBe(503);
      expect(down.requests.every((r) => !r.url.startsWith('/maintenance'))).toBe(true);
    } finally {
      await down.stop();
    }
  });

  it('a closed port is a NetworkError with no status', async () => {
    const gone = await sandboxFor();
    const client = clientFor(gone, gone.user, { maxAttempts: 2 });
    await gone.stop();
    const error = await fail(client.workItems.list());
    expect(error.name).toBe('NetworkError');
    expect(error.status).toBeUndefined();
    expect(error.attempts).toBe(2);
  });
});
