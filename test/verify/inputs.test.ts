// The local inputs' edge cases, before any request: unreadable paths, a listed-twice file, an
// empty tar, a manifest of an algorithm APTrust does not record, a bad identifier or source.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bagName, BagError, InvalidInputError, verifyObject, type RegistryClient } from '../../src/index.js';
import { readLocal } from '../../src/verify/local.js';
import { digest, tempDir, writeBag } from './helpers.js';

const dir = tempDir('verify-inputs-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// No request may be sent: a client whose every namespace throws says so if one is.
const noClient = new Proxy({} as RegistryClient, {
  get: () => {
    throw new Error('a request was attempted');
  },
});

const fails = async (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('no error');
    },
    (e: unknown) => e as Error,
  );

describe('local inputs', () => {
  it('a path that does not exist, and one that cannot be read', async () => {
    expect((await fails(readLocal(join(dir, 'missing')))).message).toMatch(/no such file or directory/);
    // A path stat() refuses outright (not ENOENT): said with its code.
    expect((await fails(readLocal(join(dir, 'nul\u0000byte')))).message).toMatch(/cannot be read \(ERR_INVALID_ARG/);
  });

  it("bagName: the directory's name, the tar's without its extension, a manifest's directory's", async () => {
    const bag = writeBag(join(dir, 'named'), 'named_bag', { payload: { 'a.txt': 'a' } });
    for (const tar of ['named_bag.tar', 'named_bag.tar.gz', 'named_bag.TGZ']) writeFileSync(join(dir, tar), '');
    expect(await bagName(bag)).toBe('named_bag');
    expect(await bagName(`${bag}/`)).toBe('named_bag');
    expect(await bagName(join(dir, 'named_bag.tar'))).toBe('named_bag');
    expect(await bagName(join(dir, 'named_bag.tar.gz'))).toBe('named_bag');
    expect(await bagName(join(dir, 'named_bag.TGZ'))).toBe('named_bag');
    expect(await bagName(join(bag, 'manifest-sha256.txt'))).toBe('named_bag');
    const missing = await fails(bagName(join(dir, 'missing.tar')));
    expect(missing).toBeInstanceOf(BagError);
    expect(missing.message).toMatch(/missing\.tar: no such file or directory/);
  });

  it('a file listed twice in one manifest', async () => {
    const bag = writeBag(join(dir, 'twice'), 'twice_bag', { payload: { 'a.txt': 'a' }, algorithms: ['md5'] });
    const line = `${digest('md5', 'a')} data/a.txt\n`;
    writeFileSync(join(bag, 'manifest-md5.txt'), line + line);
    const err = await fails(readLocal(bag));
    expect(err).toBeInstanceOf(BagError);
    expect(err.message).toMatch(/manifest-md5\.txt, line 2: "data\/a\.txt" is listed twice/);
  });

  it('an empty tar, and a lone manifest of an algorithm APTrust does not record', async () => {
    const tar = join(dir, 'empty.tar');
    writeFileSync(tar, Buffer.alloc(1024));
    const empty = await fails(readLocal(tar));
    expect(empty).toBeInstanceOf(BagError);
    expect(empty.message).toMatch(/empty\.tar: not a (bag|readable) tar/);
    const m = join(dir, 'manifest-sha224.txt');
    writeFileSync(m, `${'0'.repeat(56)} data/a.txt\n`);
    expect((await fails(readLocal(m))).message).toMatch(/APTrust records md5, sha1, sha256 and sha512 digests, not sha224/);
  });

  it('a tag manifest next to the payload: files of the bag dir no manifest lists are hashed', async () => {
    const bag = writeBag(join(dir, 'extra'), 'extra_bag', { payload: { 'a.txt': 'a' }, algorithms: ['md5'], tagAlgorithms: [] });
    writeFileSync(join(bag, 'data', 'unlisted.txt'), 'u');
    const local = await readLocal(bag);
    expect(local.files.get('data/unlisted.txt')?.computed?.[3]).toBe(digest('md5', 'u'));
    expect(local.files.get('data/a.txt')?.computed).toBeUndefined();
    expect(local.manifests).toEqual(['manifest-md5.txt']);
  });

  it('a bad identifier or source is an InvalidInputError, and nothing is sent', async () => {
    expect(await fails(verifyObject(noClient, 'no-slash', dir))).toBeInstanceOf(InvalidInputError);
    expect(await fails(verifyObject(noClient, 'inst.edu/bag', ''))).toBeInstanceOf(InvalidInputError);
  });
});
