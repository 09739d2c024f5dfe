// Every verdict of verifyObject, against the sandbox over real HTTP, with bags written here:
// names with spaces, unicode, '#', '%' (written %25 in the manifests), and one in NFD.
import { readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BagError, NotFoundError, verifyObject, type FileVerdict, type RegistryClient } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { clientFor, sandboxFor } from '../e2e/helpers.js';
import { digest, tempDir, writeBag } from './helpers.js';

const INST = 'institution1.edu';

const V1 = {
  'plain.txt': 'plain',
  'a b  c.txt': 'spaces',
  'ünïcødé 日本.txt': 'unicode',
  '#hash #2.txt': 'hash',
  '100% done.txt': 'percent',
  'sub dir/nested.txt': 'nested',
  'changed.txt': 'version one',
  'gone.txt': 'only in aptrust',
  'unchecked.txt': 'no sha256 yet',
  'deleted.txt': 'deleted later',
  'fixity.txt': 'fixity',
  'rotted.txt': 'fine at ingest',
};
const { 'gone.txt': _gone, ...kept } = V1;
const V2 = { ...kept, 'changed.txt': 'version two', 'new file.txt': 'missing in aptrust' };

describe('verifyObject: every verdict, over HTTP', () => {
  let sandbox: Sandbox;
  let client: RegistryClient;
  let dir: string;
  let local: string;
  let byPath: Map<string, FileVerdict>;
  let summary: Awaited<ReturnType<typeof verifyObject>>['summary'];

  beforeAll(async () => {
    sandbox = await sandboxFor();
    client = clientFor(sandbox);
    dir = tempDir();
    const ingested = writeBag(join(dir, 'v1'), 'verdict_bag', { payload: V1, algorithms: ['sha256'] });
    const bag = await sandbox.readBag(ingested);
    // APTrust has only an md5 for this one: a sha256 manifest cannot be compared with it yet.
    const unchecked = bag.files.find((f) => f.path === 'data/unchecked.txt');
    if (unchecked) unchecked.digests = { md5: unchecked.digests.md5 };
    sandbox.ingestBag(bag);
    sandbox.alterFile(`${INST}/verdict_bag/data/deleted.txt`, { kind: 'delete' });
    // A fixity check that found other bytes, then a later one that found the right ones: the latest counts.
    sandbox.alterFile(`${INST}/verdict_bag/data/fixity.txt`, { kind: 'checksum', algorithm: 'sha256', digest: 'f'.repeat(64) });
    sandbox.alterFile(`${INST}/verdict_bag/data/fixity.txt`, { kind: 'checksum', algorithm: 'sha256', digest: digest('sha256', 'fixity') });
    // A later fixity check that found other bytes: the latest checksum, so a mismatch.
    sandbox.alterFile(`${INST}/verdict_bag/data/rotted.txt`, { kind: 'checksum', algorithm: 'sha256', digest: 'e'.repeat(64) });
    sandbox.alterFile(`${INST}/verdict_bag/data/plain.txt`, { kind: 'checksum', algorithm: 'sha256', digest: digest('sha256', 'plain') });
    local = writeBag(join(dir, 'v2'), 'verdict_bag', { payload: V2, algorithms: ['sha256'] });
    const result = await verifyObject(client, `${INST}/verdict_bag`, local);
    summary = result.summary;
    byPath = new Map(result.files.map((f) => [f.path, f]));
  });

  afterAll(async () => {
    client.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const verdictOf = (path: string) => byPath.get(path)?.verdict;

  it('match: names with spaces, unicode, # and % (encoded %25 in the manifest)', () => {
    for (const p of ['plain.txt', 'a b  c.txt', 'ünïcødé 日本.txt', '#hash #2.txt', '100% done.txt', 'sub dir/nested.txt']) {
      expect(verdictOf(`data/${p}`), p).toBe('match');
    }
    const f = byPath.get('data/100% done.txt') as FileVerdict;
    expect(f.identifier).toBe(`${INST}/verdict_bag/data/100% done.txt`);
    expect(f.compared).toEqual(['sha256']);
    expect(f.local.sha256).toBe(digest('sha256', 'percent'));
    expect(f.registry.sha256).toBe(f.local.sha256);
  });

  it('mismatch: the digest differs, with both digests', () => {
    const f = byPath.get('data/changed.txt') as FileVerdict;
    expect(f.verdict).toBe('mismatch');
    expect(f.mismatched).toEqual(['sha256']);
    expect(f.local.sha256).toBe(digest('sha256', 'version two'));
    expect(f.registry.sha256).toBe(digest('sha256', 'version one'));
    expect(f.fileId).toBeGreaterThan(0);
  });

  it('missing in APTrust, only in APTrust, not yet checked, deleted', () => {
    expect(verdictOf('data/new file.txt')).toBe('missing');
    expect(byPath.get('data/new file.txt')?.fileId).toBeUndefined();
    expect(verdictOf('data/gone.txt')).toBe('only-in-aptrust');
    expect(byPath.get('data/gone.txt')?.registry.sha256).toBe(digest('sha256', 'only in aptrust'));
    expect(verdictOf('data/unchecked.txt')).toBe('not-checked');
    expect(byPath.get('data/unchecked.txt')?.detail).toMatch(/no sha256 checksum/);
    expect(verdictOf('data/deleted.txt')).toBe('deleted');
    expect(byPath.get('data/deleted.txt')?.state).toBe('D');
  });

  it('the latest checksum of each algorithm counts (by datetime, then id)', () => {
    expect(verdictOf('data/fixity.txt')).toBe('match');
    expect(byPath.get('data/rotted.txt')).toMatchObject({ verdict: 'mismatch', registry: { sha256: 'e'.repeat(64) } });
  });

  it('tag files: unchanged ones match, the changed manifest and the tag manifest do not', () => {
    expect(verdictOf('bagit.txt')).toBe('match');
    expect(verdictOf('bag-info.txt')).toBe('match');
    expect(verdictOf('aptrust-info.txt')).toBe('match');
    expect(verdictOf('manifest-sha256.txt')).toBe('mismatch');
    // Listed by no manifest: hashed locally, all four algorithms compared.
    const tm = byPath.get('tagmanifest-sha256.txt') as FileVerdict;
    expect(tm.verdict).toBe('mismatch');
    expect(tm.compared).toEqual(['sha512', 'sha256', 'sha1', 'md5']);
  });

  it('summarises every verdict', () => {
    expect(summary).toMatchObject({
      identifier: `${INST}/verdict_bag`,
      scope: 'bag',
      outOfScope: 0,
      ok: false,
      counts: { match: 10, mismatch: 4, missing: 1, 'only-in-aptrust': 1, 'not-checked': 1, deleted: 1, 'local-corrupt': 0 },
    });
    expect(summary.total).toBe(byPath.size);
  });

  it('a payload manifest alone speaks for data/ only; the tag files are counted, not reported', async () => {
    const { summary: s, files } = await verifyObject(client, `${INST}/verdict_bag`, join(local, 'manifest-sha256.txt'));
    expect(s.scope).toBe('payload');
    expect(files.every((f) => f.path.startsWith('data/'))).toBe(true);
    expect(s.outOfScope).toBe(5); // bagit, bag-info, aptrust-info, manifest-sha256, tagmanifest-sha256
    expect(s.counts).toMatchObject({ match: 7, mismatch: 2, missing: 1, 'only-in-aptrust': 1, 'not-checked': 1, deleted: 1 });
  });

  it('a tag manifest alone speaks for the tag files it can', async () => {
    const { summary: s, files } = await verifyObject(client, `${INST}/verdict_bag`, join(local, 'tagmanifest-sha256.txt'));
    expect(s.scope).toBe('tag');
    expect(files.map((f) => [f.path, f.verdict])).toEqual([
      ['aptrust-info.txt', 'match'],
      ['bag-info.txt', 'match'],
      ['bagit.txt', 'match'],
      ['manifest-sha256.txt', 'mismatch'],
    ]);
    expect(s.outOfScope).toBe(13);
  });

  it('all match: exit-worthy ok, on an untouched bag', async () => {
    const fresh = writeBag(join(dir, 'fresh'), 'fresh_bag', { payload: { 'x y.txt': 'x', 'é.txt': 'e' }, algorithms: ['md5', 'sha512'] });
    sandbox.ingestBag(await sandbox.readBag(fresh));
    const { summary: s } = await verifyObject(client, `${INST}/fresh_bag`, fresh);
    expect(s.ok).toBe(true);
    expect(s.counts.match).toBe(s.total);
    expect(s.total).toBe(8);
  });

  it('compares names in NFC: a bag made on macOS (NFD names) matches its ingest', async () => {
    const nfc = 'café.txt'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const made = writeBag(join(dir, 'nfc'), 'nfd_bag', { payload: { [nfc]: 'coffee' }, algorithms: ['md5'] });
    sandbox.ingestBag(await sandbox.readBag(made));
    // The same bag copied onto a Mac: the file's name on disk is NFD, the manifests' bytes unchanged.
    renameSync(join(made, 'data', nfc), join(made, 'data', nfd));
    expect(readdirSync(join(made, 'data'))).toEqual([nfd]);
    const { summary: s } = await verifyObject(client, `${INST}/nfd_bag`, made, { compute: true });
    expect(s.ok).toBe(true);
    expect(s.counts.match).toBe(s.total);
    // A manifest written on the Mac (NFD paths) against an ingest of NFC names: the payload file matches.
    const mac = writeBag(join(dir, 'nfd'), 'nfd_bag', { payload: { [nfd]: 'coffee' }, algorithms: ['md5'] });
    const { files } = await verifyObject(client, `${INST}/nfd_bag`, join(mac, 'manifest-md5.txt'));
    expect(files.map((f) => [f.path, f.verdict])).toEqual([[`data/${nfd}`, 'match']]);
  });

  it('manifests of algorithms APTrust does not record are ignored and said so', async () => {
    const b = writeBag(join(dir, 'odd'), 'odd_bag', { payload: { 'a.txt': 'a' }, algorithms: ['md5'] });
    writeFileSync(join(b, 'manifest-sha224.txt'), `${'0'.repeat(56)} data/a.txt\n`);
    sandbox.ingestBag(await sandbox.readBag(b));
    const { summary: s } = await verifyObject(client, `${INST}/odd_bag`, b);
    expect(s.ignoredAlgorithms).toEqual(['sha224']);
    expect(s.ok).toBe(true);
  });

  it('a malformed manifest is a BagError before any request', async () => {
    const b = writeBag(join(dir, 'bad'), 'bad_bag', { payload: { 'a.txt': 'a' }, algorithms: ['md5'] });
    writeFileSync(join(b, 'manifest-md5.txt'), `${digest('md5', 'a')} data/a.txt\n${digest('md5', 'a')} ../../etc/passwd\n`);
    const before = sandbox.requests.length;
    const err = await verifyObject(client, `${INST}/bad_bag`, b).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BagError);
    expect((err as BagError).line).toBe(2);
    expect((err as BagError).message).toMatch(/manifest-md5\.txt, line 2: a path with "\.\."/);
    expect(sandbox.requests.length).toBe(before);
  });

  it('an object the Registry does not have is a NotFoundError', async () => {
    const err = await verifyObject(client, `${INST}/no_such_bag`, local).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotFoundError);
  });

  it('onFile sees each verdict; collect: false keeps none', async () => {
    const seen: string[] = [];
    const r = await verifyObject(client, `${INST}/verdict_bag`, local, { onFile: (v) => void seen.push(v.path), collect: false });
    expect(r.files).toEqual([]);
    expect(seen.length).toBe(r.summary.total);
    expect(seen).toEqual([...seen].sort());
    // A promise from onFile is awaited before the next verdict: a slow writer holds the loop.
    let inFlight = 0;
    let most = 0;
    await verifyObject(client, `${INST}/verdict_bag`, local, {
      collect: false,
      onFile: async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
      },
    });
    expect(most).toBe(1);
  });
});
