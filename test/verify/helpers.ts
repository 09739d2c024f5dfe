// Bags written by the tests: the BagIt layout (bagit.txt, bag-info.txt, aptrust-info.txt, data/,
// payload and tag manifests), with digests computed here by node:crypto, not by src/verify.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create as createTar } from 'tar';

export type Alg = 'md5' | 'sha1' | 'sha256' | 'sha512';

export const digest = (alg: Alg, content: string | Buffer): string => createHash(alg).update(content).digest('hex');

/** BagIt's manifest encoding of a path: %, CR and LF percent-encoded. */
export const encodePath = (p: string): string => p.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

export interface BagSpec {
  /** Payload files, by path under data/. */
  payload: Record<string, string | Buffer>;
  algorithms?: Alg[];
  tagAlgorithms?: Alg[];
}

export function tempDir(prefix = 'verify-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a bag at `<parent>/<name>`; returns its directory. */
export function writeBag(parent: string, name: string, spec: BagSpec): string {
  const root = join(parent, name);
  const write = (p: string, content: string | Buffer) => {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  };
  write('bagit.txt', 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  write('bag-info.txt', `Source-Organization: Test University\nBag-Count: 1 of 1\n`);
  write('aptrust-info.txt', `Title: ${name}\nAccess: Institution\nStorage-Option: Standard\n`);
  const payload = Object.entries(spec.payload).map(([p, c]) => [`data/${p}`, c] as const);
  for (const [p, c] of payload) write(p, c);
  const manifests: string[] = [];
  for (const alg of spec.algorithms ?? ['sha256']) {
    const name = `manifest-${alg}.txt`;
    write(name, payload.map(([p, c]) => `${digest(alg, c)}  ${encodePath(p)}\n`).join(''));
    manifests.push(name);
  }
  const tags = ['bagit.txt', 'bag-info.txt', 'aptrust-info.txt', ...manifests];
  for (const alg of spec.tagAlgorithms ?? ['sha256']) {
    write(`tagmanifest-${alg}.txt`, tags.map((p) => `${digest(alg, readFileSync(join(root, p)))} ${p}\n`).join(''));
  }
  return root;
}

/** A tar of the bag directory (its top directory is the bag's name), as APTrust receives it. */
export async function tarBag(bagDir: string, out: string, gzip = false): Promise<string> {
  await createTar({ file: out, cwd: dirname(bagDir), gzip, portable: true }, [bagDir.slice(dirname(bagDir).length + 1)]);
  return out;
}
