// Manifest parsing: BagIt's line format, its percent-encoding, line endings, and hostile lines.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BagError, InvalidInputError } from '../../src/index.js';
import { checkBagPath, decodeManifestPath, manifestName, parseManifestLine, readManifest } from '../../src/verify/manifest.js';

const md5 = 'd41d8cd98f00b204e9800998ecf8427e';
const sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

async function entries(text: string | Buffer, algorithm = 'md5') {
  const out = [];
  for await (const e of readManifest(Readable.from([Buffer.from(text)]), algorithm, 'manifest-md5.txt')) out.push(e);
  return out;
}

async function failure(text: string, algorithm = 'md5'): Promise<BagError> {
  try {
    await entries(text, algorithm);
  } catch (err) {
    return err as BagError;
  }
  throw new Error('no error');
}

describe('manifest names', () => {
  it('gives kind and algorithm, and knows which APTrust records', () => {
    expect(manifestName('manifest-sha256.txt')).toEqual({ kind: 'payload', algorithm: 'sha256', supported: true });
    expect(manifestName('bag/tagmanifest-MD5.txt')).toEqual({ kind: 'tag', algorithm: 'md5', supported: true });
    expect(manifestName('manifest-sha224.txt')).toEqual({ kind: 'payload', algorithm: 'sha224', supported: false });
    expect(manifestName('bag-info.txt')).toBeUndefined();
    expect(manifestName('manifest-sha256.txt.bak')).toBeUndefined();
  });
});

describe('manifest lines', () => {
  it('reads "<digest> <path>" with spaces, tabs and spaces inside the path', async () => {
    const got = await entries(`${md5}  data/a b.txt\n${md5}\tdata/tab.txt\n${md5} data/  two spaces.txt\n`);
    expect(got.map((e) => e.path)).toEqual(['data/a b.txt', 'data/tab.txt', 'data/  two spaces.txt']);
    expect(got.map((e) => e.line)).toEqual([1, 2, 3]);
  });

  it('handles CRLF, a BOM, blank lines and upper-case digests', async () => {
    const got = await entries(`\uFEFF${md5.toUpperCase()} data/a.txt\r\n\r\n   \r\n${md5} data/b.txt\r\n`);
    expect(got).toEqual([
      { path: 'data/a.txt', digest: md5, line: 1 },
      { path: 'data/b.txt', digest: md5, line: 4 },
    ]);
  });

  it('decodes exactly %0D, %0A and %25, nothing else', () => {
    expect(decodeManifestPath('data/100%25 done%0Aline%0d.txt')).toBe('data/100% done\nline\r.txt');
    expect(decodeManifestPath('data/%20%2F%41.txt')).toBe('data/%20%2F%41.txt');
    expect(decodeManifestPath('data/%2525')).toBe('data/%25');
  });

  it('keeps unicode, # and % names as they are', async () => {
    const got = await entries(`${md5} data/ünïcødé #1 100%.txt\n${md5} data/日本語.pdf\n`);
    expect(got.map((e) => e.path)).toEqual(['data/ünïcødé #1 100%.txt', 'data/日本語.pdf']);
  });

  it('checks the digest length for the algorithm of the file name', async () => {
    expect((await failure(`${md5} data/a.txt\n`, 'sha256')).message).toMatch(/line 1: a sha256 digest has 64 hex digits, this one 32/);
    expect(await entries(`${sha256} data/a.txt\n`, 'sha256')).toHaveLength(1);
  });

  it('refuses malformed lines naming the file and the line', async () => {
    const err = await failure(`${md5} data/a.txt\nnot a line at all\n`);
    expect(err).toBeInstanceOf(BagError);
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(err.code).toBe('invalid_input');
    expect(err.file).toBe('manifest-md5.txt');
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/^manifest-md5\.txt, line 2: not "<digest> <path>"/);
    expect((await failure(`${md5}\n`)).line).toBe(1); // a digest and no path
    expect((await failure(`${md5}data/a.txt\n`)).line).toBe(1); // no separator
  });

  it.each([
    ['../../etc/passwd', /".."/],
    ['data/../../x', /".."/],
    ['/etc/passwd', /absolute/],
    ['C:\\Windows\\x', /absolute/],
    ['data//x', /empty or "."/],
    ['./data/x', /empty or "."/],
  ])('refuses the hostile path %s', async (path, why) => {
    const err = await failure(`${md5} ${path}\n`);
    expect(err.message).toMatch(why);
    expect(err.line).toBe(1);
  });

  it('refuses a path that decodes to ..', () => {
    expect(() => parseManifestLine(`${md5} data/%2E%2E/x`, 'md5', 'm', 1)).not.toThrow(); // %2E is not decoded: a literal name
    expect(checkBagPath('data/x\u0000y')).toMatch(/NUL/);
  });

  it('streams a large manifest line by line', async () => {
    const n = 20_000;
    async function* lines() {
      for (let i = 0; i < n; i++) yield Buffer.from(`${md5} data/f${i}.txt\n`);
    }
    let count = 0;
    for await (const e of readManifest(Readable.from(lines()), 'md5', 'big')) if (e.path.startsWith('data/f')) count++;
    expect(count).toBe(n);
  });
});
