// Bag tars: uploaded to the sandbox's stand-in for the receiving bucket (PUT
// /sandbox/receiving/NAME.tar), ingested, then verified from the tar (and .tar.gz) itself.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Header } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagError, verifyObject, type RegistryClient } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { clientFor, sandboxFor } from '../e2e/helpers.js';
import { digest, tarBag, tempDir, writeBag } from './helpers.js';

const PAYLOAD = { 'a b.txt': 'a b', 'ünï #1 50%.txt': 'unicode', 'deep/er/x.bin': Buffer.alloc(70_000, 7) };

describe('bag tars', () => {
  let sandbox: Sandbox;
  let client: RegistryClient;
  let dir: string;

  beforeAll(async () => {
    sandbox = await sandboxFor({ ingestStepMs: 1, maxUploadBytes: 1_000_000 });
    client = clientFor(sandbox);
    dir = tempDir();
  });
  afterAll(async () => {
    client.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const auth = () => ({ 'X-Pharos-API-User': sandbox.user.email, 'X-Pharos-API-Key': sandbox.user.apiKey });
  const upload = (name: string, body: Buffer, headers: Record<string, string> = auth()) =>
    fetch(`${sandbox.url}/sandbox/receiving/${encodeURIComponent(name)}`, { method: 'PUT', body, headers });

  /** Waits for the ingest's work item to succeed (on the sandbox's own steps, not a wall-clock guess). */
  async function ingested(name: string): Promise<string> {
    for (;;) {
      const item = (await client.workItems.list({ name, per_page: 1, sort: ['id__desc'] })).results[0];
      if (item?.status === 'Success') return item.object_identifier;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it.each([
    ['tar_bag', false],
    ['tgz_bag', true],
  ])('%s: upload → ingest → verify from the tar, the directory and a manifest', async (name, gzip) => {
    const bag = writeBag(join(dir, name), name, { payload: PAYLOAD, algorithms: ['md5', 'sha256'], tagAlgorithms: ['sha512'] });
    const tar = await tarBag(bag, join(dir, `${name}.${gzip ? 'tar.gz' : 'tar'}`), gzip);
    const res = await upload(`${name}.${gzip ? 'tar.gz' : 'tar'}`, readFileSync(tar));
    expect(res.status).toBe(201);
    const answer = (await res.json()) as { etag: string; files: number };
    expect(answer.files).toBe(9);
    expect(answer.etag).toBe(digest('md5', readFileSync(tar)));
    const identifier = await ingested(`${name}.${gzip ? 'tar.gz' : 'tar'}`);
    expect(identifier).toBe(`institution1.edu/${name}`);
    for (const source of [tar, bag]) {
      const { summary } = await verifyObject(client, identifier, source);
      expect(summary, source).toMatchObject({ ok: true, total: 9, scope: 'bag' });
    }
    const { summary: computed } = await verifyObject(client, identifier, tar, { compute: true });
    expect(computed.ok).toBe(true);
    const file = await client.files.get(`${identifier}/data/deep/er/x.bin`);
    expect(file.size).toBe(70_000);
    expect(file.checksums.map((c) => c.algorithm).sort()).toEqual(['md5', 'sha1', 'sha256', 'sha512']);
  });

  it('the receiving route: credentials, a bag name, a size cap, a readable tar', async () => {
    const small = Buffer.alloc(1024);
    expect((await upload('x.tar', small, {})).status).toBe(401);
    expect((await upload('no-extension', small)).status).toBe(400);
    expect((await fetch(`${sandbox.url}/sandbox/receiving/x.tar`, { headers: auth() })).status).toBe(405);
    const notTar = await upload('junk.tar', Buffer.from('this is not a tar file at all'.repeat(40)));
    expect(notTar.status).toBe(400);
    const big = await upload('big.tar', Buffer.alloc(1_200_000));
    expect(big.status).toBe(413);
    expect(await big.text()).toMatch(/limit of 1000000 bytes/);
  });

  /** A tar whose one entry is named `path` exactly, written block by block (node-tar's create would clean it). */
  function rawTar(path: string, content: string): Buffer {
    const body = Buffer.from(content);
    const header = Buffer.alloc(512);
    new Header({ path, mode: 0o644, size: body.length, mtime: new Date(0), type: 'File', uid: 0, gid: 0 }).encode(header, 0);
    const padded = Buffer.alloc(Math.ceil(body.length / 512) * 512);
    body.copy(padded);
    return Buffer.concat([header, padded, Buffer.alloc(1024)]);
  }

  it('a tar entry outside the bag is a BagError, before any request', async () => {
    const tar = join(dir, 'evil_bag.tar');
    writeFileSync(tar, rawTar('evil_bag/../../etc/cron.d/x', 'boom'));
    const before = sandbox.requests.length;
    const err = await verifyObject(client, 'institution1.edu/evil_bag', tar).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BagError);
    expect((err as Error).message).toMatch(/outside the bag/);
    expect(sandbox.requests.length).toBe(before);
    const res = await upload('evil_bag.tar', readFileSync(tar));
    expect(res.status).toBe(400);
  });

  it('a file that is not a tar is a BagError naming it', async () => {
    const tar = join(dir, 'broken.tar');
    writeFileSync(tar, 'x'.repeat(2000));
    const err = await verifyObject(client, 'institution1.edu/broken', tar).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BagError);
    expect((err as Error).message).toContain(tar);
  });
});
