// The client over real HTTP against the sandbox: every route, identifiers with every awkward
// character, and the records exactly as the server sends them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryClient } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { clientFor, sandboxFor, truth } from './helpers.js';

let sandbox: Sandbox;
let client: RegistryClient;

beforeAll(async () => {
  sandbox = await sandboxFor();
  client = clientFor(sandbox);
});
afterAll(async () => {
  client.close();
  await sandbox.stop();
});

describe('list routes', () => {
  const routes = [
    ['alerts', () => client.alerts.list({ per_page: 5 })],
    ['checksums', () => client.checksums.list({ per_page: 5 })],
    ['deletions', () => client.deletionRequests.list({ per_page: 5 })],
    ['files', () => client.files.list({ per_page: 5 })],
    ['objects', () => client.objects.list({ per_page: 5 })],
    ['events', () => client.events.list({ per_page: 5 })],
    ['items', () => client.workItems.list({ per_page: 5 })],
  ] as const;
  for (const [route, call] of routes) {
    it(`${route}: a page with the server's envelope and a relative next link`, async () => {
      const all = await truth(sandbox, route);
      const page = await call();
      expect(page.count).toBe(all.length);
      expect(page.results.length).toBe(Math.min(5, all.length));
      expect(page.previous).toBe('');
      if (all.length > 5) expect(page.next).toMatch(new RegExp(`^/member-api/v3/${route}\\?.*page=2`));
      const request = sandbox.requests.at(-1);
      expect(request?.headers['x-pharos-api-user']).toBe(sandbox.user.email);
      expect(request?.headers['user-agent']).toMatch(/^aptrust-registry-client\//);
    });
  }
});

describe('show routes', () => {
  it('numeric routes return the record with that id', async () => {
    const [item] = await truth<{ id: number }>(sandbox, 'items');
    const [checksum] = await truth<{ id: number }>(sandbox, 'checksums');
    const [deletion] = await truth<{ id: number }>(sandbox, 'deletions');
    expect((await client.workItems.get(item.id)).id).toBe(item.id);
    expect((await client.checksums.get(checksum.id)).id).toBe(checksum.id);
    expect((await client.deletionRequests.get(deletion.id)).id).toBe(deletion.id);
  });

  it("alerts.get takes the alert id and the caller's own user id", async () => {
    const [alert] = await truth<{ id: number; user_id: number }>(sandbox, 'alerts');
    const got = await client.alerts.get(alert.id, sandbox.user.id);
    expect(got).toMatchObject({ id: alert.id, user_id: sandbox.user.id });
  });

  it('every file identifier with awkward characters comes back by identifier', async () => {
    const files = await truth<{ id: number; identifier: string }>(sandbox, 'files');
    const awkward = files.filter((f) => /[ ?#%&'"`’\u00e9\u65e5]/.test(f.identifier));
    expect(awkward.length).toBeGreaterThanOrEqual(10);
    for (const character of [' ', '?', '#', '%', '&', "'", '"', '`']) {
      expect(awkward.some((f) => f.identifier.includes(character))).toBe(true);
    }
    for (const file of awkward.slice(0, 60)) {
      const got = await client.files.get(file.identifier);
      expect(got.id).toBe(file.id);
      expect(got.identifier).toBe(file.identifier);
    }
  });

  it('files/show returns the full file; relations the server sends as null come back as []', async () => {
    const files = await truth<{ id: number }>(sandbox, 'files');
    const details = await Promise.all(files.slice(0, 200).map((f) => client.files.get(f.id)));
    for (const d of details) {
      expect(Array.isArray(d.checksums) && Array.isArray(d.premis_events) && Array.isArray(d.storage_records)).toBe(true);
    }
    expect(details.some((d) => d.checksums.length > 0)).toBe(true);
    const empty = details.find((d) => d.checksums.length === 0 || d.premis_events.length === 0);
    expect(empty).toBeDefined();
    const raw = await fetch(`${sandbox.url}/member-api/v3/files/show/${empty!.id}`, {
      headers: { 'X-Pharos-API-User': sandbox.user.email, 'X-Pharos-API-Key': sandbox.user.apiKey },
    });
    const body = (await raw.json()) as { checksums: unknown; premis_events: unknown };
    expect([body.checksums, body.premis_events]).toContain(null);
  });

  it('objects and events come back by identifier too', async () => {
    const [object] = await truth<{ id: number; identifier: string }>(sandbox, 'objects');
    const [event] = await truth<{ id: number; identifier: string }>(sandbox, 'events');
    expect((await client.objects.get(object.identifier)).id).toBe(object.id);
    expect((await client.events.get(event.identifier)).id).toBe(event.id);
  });

  it('zero values, not nulls, for the spec\'s "nullable" scalars (errata §6.2)', async () => {
    const items = await truth<Record<string, unknown>>(sandbox, 'items');
    for (const item of items) {
      for (const [key, value] of Object.entries(item)) expect(value, `${key} of item ${item.id}`).not.toBeNull();
    }
  });
});
