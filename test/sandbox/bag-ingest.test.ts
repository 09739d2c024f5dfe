// The sandbox ingesting real bags: --ingest-bag (a simulated ingest whose success creates the
// object, its files and checksums, and links the work item), and what ingestBag/alterFile keep in
// step: the object's counts and sizes, checksums' state, files/show's checksums.
import { PassThrough } from 'node:stream';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSandboxCommand, startSandbox } from '../../src/sandbox/index.js';
import { digest, tempDir, writeBag } from '../verify/helpers.js';

const dir = tempDir('sandbox-bag-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = async (url: string, user: { email: string; apiKey: string }) => {
  const r = await fetch(url, { headers: { 'X-Pharos-API-User': user.email, 'X-Pharos-API-Key': user.apiKey } });
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe('bag ingests in the sandbox', () => {
  it('--ingest-bag: the work item succeeds and names the object, whose files and checksums are those of the bag', async () => {
    const bag = writeBag(dir, 'flag_bag', { payload: { 'a b.txt': 'hello', 'x/y.bin': Buffer.alloc(4000, 2) }, algorithms: ['sha256'] });
    const sb = await runSandboxCommand(['--port', '0', '--files', '50', '--ingest-bag', bag, '--ingest-step', '1'], {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
    });
    try {
      let item: Record<string, unknown> | undefined;
      for (;;) {
        const page = await get(`${sb.url}/member-api/v3/items?name=flag_bag.tar`, sb.user);
        item = (page.body.results as Record<string, unknown>[] | null)?.[0];
        if (item?.status === 'Success') break;
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(item).toMatchObject({ stage: 'Cleanup', object_identifier: 'institution1.edu/flag_bag' });
      const object = await get(`${sb.url}/member-api/v3/objects/show/institution1.edu%2Fflag_bag`, sb.user);
      expect(object.body).toMatchObject({
        id: item?.intellectual_object_id,
        bag_name: 'flag_bag',
        state: 'A',
        file_count: 7,
        payload_file_count: 2,
      });
      expect(object.body.payload_size).toBe(4005);
      const file = await get(`${sb.url}/member-api/v3/files/show/${encodeURIComponent('institution1.edu/flag_bag/data/a b.txt')}`, sb.user);
      expect(file.body).toMatchObject({ size: 5, state: 'A', storage_option: 'Standard' });
      const sums = (file.body.checksums as { algorithm: string; digest: string }[]).map((c) => [c.algorithm, c.digest]).sort();
      expect(sums).toEqual([
        ['md5', digest('md5', 'hello')],
        ['sha1', digest('sha1', 'hello')],
        ['sha256', digest('sha256', 'hello')],
        ['sha512', digest('sha512', 'hello')],
      ]);
      const list = await get(`${sb.url}/member-api/v3/files?intellectual_object_id=${item?.intellectual_object_id}&per_page=100`, sb.user);
      expect((list.body.results as { sha256: string; identifier: string }[]).find((f) => f.identifier.endsWith('/a b.txt'))?.sha256).toBe(
        digest('sha256', 'hello'),
      );
    } finally {
      await sb.stop();
    }
  });

  it('--ingest-bag with a path that is not a bag is a flag error', async () => {
    await expect(
      runSandboxCommand(['--port', '0', '--files', '50', '--ingest-bag', join(dir, 'nope')], {
        stdout: new PassThrough(),
        stderr: new PassThrough(),
      }),
    ).rejects.toThrow(/^--ingest-bag /);
  });

  it('a deletion: the object counts follow, the file and its checksums show state D', async () => {
    const sb = await startSandbox({ port: 0, files: 50 });
    try {
      const bag = writeBag(join(dir, 'd'), 'del_bag', { payload: { 'a.txt': 'aaa', 'b.txt': 'bb' }, algorithms: ['md5'] });
      const made = sb.ingestBag(await sb.readBag(bag));
      expect(() => sb.ingestBag({ name: 'del_bag', files: [] })).toThrow(/already exists/);
      expect(() => sb.ingestBag({ name: 'evil', files: [{ path: '../x', size: 1, digests: {} }] })).toThrow(/not relative/);
      sb.alterFile('institution1.edu/del_bag/data/a.txt', { kind: 'delete' });
      const object = await get(`${sb.url}/member-api/v3/objects/show/${made.objectId}`, sb.user);
      expect(object.body).toMatchObject({ file_count: 6, payload_file_count: 1, payload_size: 2 });
      const sums = await get(
        `${sb.url}/member-api/v3/checksums?generic_file_identifier=${encodeURIComponent('institution1.edu/del_bag/data/a.txt')}`,
        sb.user,
      );
      expect((sums.body.results as { state: string }[]).map((c) => c.state)).toEqual(['D', 'D', 'D', 'D']);
      expect(() => sb.alterFile('institution1.edu/del_bag/data/none.txt', { kind: 'delete' })).toThrow(/no file/);
    } finally {
      await sb.stop();
    }
  });
});
