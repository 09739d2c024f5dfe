// get: by id and by identifier, every format, compared with the client's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import type { RegistryClient } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { csvCell, csvRecords, parseNdjson, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let client: RegistryClient;
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 200 });
  env = sandboxEnv(sandbox);
  client = createClient({ baseUrl: sandbox.url, user: sandbox.user.email, apiKey: sandbox.user.apiKey });
});
afterAll(async () => {
  client?.close();
  await sandbox?.stop();
});

// Concurrent: each test only reads, or works on its own bag, so they can share the sandbox.
describe.concurrent('get', () => {
  it('a work item by id (json is the object itself)', async () => {
    const [item] = (await client.workItems.list({ per_page: 1 })).results;
    const result = await runInProcess(['get', 'items', String(item.id), '--format', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(await client.workItems.get(item.id));
  });

  it('an object by identifier and by id; ndjson is one line', async () => {
    const [object] = (await client.objects.list({ per_page: 1 })).results;
    const byIdentifier = await runInProcess(['get', 'objects', object.identifier], { env });
    expect(byIdentifier.code, byIdentifier.stderr).toBe(0);
    expect(parseNdjson(byIdentifier.stdout)).toEqual([await client.objects.get(object.identifier)]);
    const byId = await runInProcess(['get', 'objects', String(object.id)], { env });
    expect(parseNdjson(byId.stdout)).toEqual([await client.objects.get(object.id)]);
  });

  it('a file by identifier (slashes and all); csv cells hold nested arrays as JSON', async () => {
    const [file] = (await client.files.list({ per_page: 1, state: 'A' })).results;
    const result = await runInProcess(['get', 'files', file.identifier, '--format', 'csv'], { env });
    expect(result.code, result.stderr).toBe(0);
    const detail = (await client.files.get(file.identifier)) as unknown as Record<string, unknown>;
    const { header, records } = csvRecords(result.stdout);
    expect(records).toHaveLength(1);
    expect([...header].sort()).toEqual(Object.keys(detail).sort());
    // The nested arrays come in a random tie order on every request (as on the real server).
    const nested = ['checksums', 'premis_events', 'storage_records'];
    const byId = (v: unknown) => (Array.isArray(v) ? [...v].sort((a, b) => a.id - b.id) : v);
    for (const field of header) {
      if (nested.includes(field)) expect(byId(JSON.parse(records[0][field] || 'null')), field).toEqual(byId(detail[field]));
      else expect(records[0][field], field).toBe(csvCell(detail[field]));
    }
  });

  it('an event by its UUID identifier; table shows field/value lines', async () => {
    const [event] = (await client.events.list({ per_page: 1 })).results;
    const result = await runInProcess(['get', 'events', event.identifier, '--format', 'table'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^identifier\\s+${event.identifier}$`, 'm'));
    expect(result.stdout).toMatch(new RegExp(`^id\\s+${event.id}$`, 'm'));
  });

  it('checksums and deletions by id, with --fields', async () => {
    const [checksum] = (await client.checksums.list({ per_page: 1 })).results;
    const c = await runInProcess(['get', 'checksums', String(checksum.id), '--fields', 'id,digest'], { env });
    expect(parseNdjson(c.stdout)).toEqual([{ id: checksum.id, digest: checksum.digest }]);
    const [deletion] = (await client.deletionRequests.list({ per_page: 1 })).results;
    const d = await runInProcess(['get', 'deletions', String(deletion.id), '--format', 'json'], { env });
    expect(JSON.parse(d.stdout)).toEqual(await client.deletionRequests.get(deletion.id));
  });

  it('an alert needs --user-id (the Registry puts it in the URL)', async () => {
    const [alert] = (await client.alerts.list({ per_page: 1 })).results;
    const result = await runInProcess(['get', 'alerts', String(alert.id), '--user-id', String(sandbox.user.id), '--format', 'json'], {
      env,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(await client.alerts.get(alert.id, sandbox.user.id));
  });

  it("apt-cmd's way: singular names, id= and identifier=", async () => {
    const [object] = (await client.objects.list({ per_page: 1 })).results;
    const expected = await client.objects.get(object.identifier);
    const byIdentifier = await runInProcess(['get', 'object', `identifier=${object.identifier}`, '--format', 'json'], { env });
    expect(byIdentifier.code, byIdentifier.stderr).toBe(0);
    expect(JSON.parse(byIdentifier.stdout)).toEqual(expected);
    const byId = await runInProcess(['get', 'object', `id=${object.id}`, '--format', 'json'], { env });
    expect(JSON.parse(byId.stdout)).toEqual(expected);
    const [item] = (await client.workItems.list({ per_page: 1 })).results;
    const workitem = await runInProcess(['get', 'workitem', `id=${item.id}`, '--format', 'json'], { env });
    expect(workitem.code, workitem.stderr).toBe(0);
    expect(JSON.parse(workitem.stdout)).toEqual(await client.workItems.get(item.id));
    const [file] = (await client.files.list({ per_page: 1 })).results;
    const byFile = await runInProcess(['get', 'file', `identifier=${file.identifier}`, '--fields', 'id,identifier'], { env });
    expect(parseNdjson(byFile.stdout)).toEqual([{ id: file.id, identifier: file.identifier }]);
  });

  it("a missing id is exit 4 with the server's words on stderr", async () => {
    const result = await runInProcess(['get', 'items', '987654321'], { env });
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^aptrust-registry: .*404/);
    // The message, then what to do next.
    expect(result.stderr.trim().split('\n')).toHaveLength(2);
    expect(result.stderr).toMatch(/\naptrust-registry: hint: check the id or identifier/);
  });

  it('a missing identifier is exit 4 too', async () => {
    const result = await runInProcess(['get', 'objects', 'institution.edu/no-such-bag'], { env });
    expect(result.code).toBe(4);
  });
});
