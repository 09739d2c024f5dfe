// --compute: the local files hashed (all four algorithms, one streaming pass each) instead of
// trusting the bag's manifests; a local copy that contradicts its own manifest is local-corrupt.
import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagError, verifyObject, type RegistryClient } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { hashFile } from '../../src/verify/hashing.js';
import { clientFor, sandboxFor } from '../e2e/helpers.js';
import { digest, tarBag, tempDir, writeBag } from './helpers.js';

describe('--compute', () => {
  let sandbox: Sandbox;
  let client: RegistryClient;
  let dir: string;
  let bag: string;
  const id = 'institution1.edu/compute_bag';

  beforeAll(async () => {
    sandbox = await sandboxFor();
    client = clientFor(sandbox);
    dir = tempDir();
    bag = writeBag(dir, 'compute_bag', {
      payload: { 'good.txt': 'good', 'rot #1.txt': 'original bytes', 'gone.txt': 'here at ingest', 'big.bin': Buffer.alloc(3_000_000, 1) },
      algorithms: ['md5'],
    });
    sandbox.ingestBag(await sandbox.readBag(bag));
  });
  afterAll(async () => {
    client.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('hashes with every algorithm APTrust records, in one pass', async () => {
    const p = join(bag, 'data', 'big.bin');
    const { digests, size } = await hashFile(p);
    expect(size).toBe(3_000_000);
    const content = Buffer.alloc(3_000_000, 1);
    expect(digests).toEqual([digest('sha512', content), digest('sha256', content), digest('sha1', content), digest('md5', content)]);
  });

  it('an intact bag matches on all four algorithms', async () => {
    const { summary, files } = await verifyObject(client, id, bag, { compute: true });
    expect(summary.ok).toBe(true);
    expect(files.find((f) => f.path === 'data/good.txt')?.compared).toEqual(['sha512', 'sha256', 'sha1', 'md5']);
  });

  it('bit rot in the local copy: local-corrupt with --compute, unseen without', async () => {
    writeFileSync(join(bag, 'data', 'rot #1.txt'), 'rotten bytes!!');
    unlinkSync(join(bag, 'data', 'gone.txt'));
    const trusting = await verifyObject(client, id, bag);
    expect(trusting.files.find((f) => f.path === 'data/rot #1.txt')?.verdict).toBe('match'); // the manifest is trusted
    const computed = await verifyObject(client, id, bag, { compute: true });
    const rot = computed.files.find((f) => f.path === 'data/rot #1.txt');
    expect(rot?.verdict).toBe('local-corrupt');
    expect(rot?.mismatched).toEqual(['md5']);
    expect(rot?.detail).toMatch(/differs from the bag's manifest/);
    // Listed in the manifest, absent from the bag directory: the local copy is incomplete.
    expect(computed.files.find((f) => f.path === 'data/gone.txt')?.verdict).toBe('local-corrupt');
    expect(trusting.files.find((f) => f.path === 'data/gone.txt')?.verdict).toBe('local-corrupt');
    expect(computed.summary.counts['local-corrupt']).toBe(2);
    expect(computed.summary.ok).toBe(false);
    const tar = await tarBag(bag, join(dir, 'compute_bag.tar'));
    const fromTar = await verifyObject(client, id, tar, { compute: true });
    expect(fromTar.summary.counts).toEqual(computed.summary.counts);
  });

  it('needs the files: a manifest alone is refused before any request', async () => {
    const before = sandbox.requests.length;
    const err = await verifyObject(client, id, join(bag, 'manifest-md5.txt'), { compute: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BagError);
    expect((err as Error).message).toMatch(/--compute needs the bag's files/);
    expect(sandbox.requests.length).toBe(before);
  });
});
