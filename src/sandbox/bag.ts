// Reads a bag as APTrust's ingest does, for the sandbox's simulated ingests: a directory, or a
// tar (gzip too: node-tar detects it) holding one top directory, the bag. Every file is hashed
// with the four algorithms APTrust records. Deliberately its own code, not the client's
// src/verify/: a test double must not share the code it checks.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Parser, type ReadEntry } from 'tar';
import type { SandboxAlgorithm, SandboxBag, SandboxBagFile } from './types.js';

const ALGORITHMS: readonly SandboxAlgorithm[] = ['md5', 'sha1', 'sha256', 'sha512'];

/** The bag's name from a tar's file name: `my_bag.tar`, `.tar.gz`, `.tgz` → `my_bag`. */
export function bagNameOf(fileName: string): string {
  return basename(fileName).replace(/(\.tar|\.tar\.gz|\.tgz)$/i, '');
}

class Hashes {
  private readonly hashes: Hash[] = ALGORITHMS.map((a) => createHash(a));
  size = 0;
  update(chunk: Buffer): void {
    this.size += chunk.length;
    for (const h of this.hashes) h.update(chunk);
  }
  file(path: string): SandboxBagFile {
    const digests: SandboxBagFile['digests'] = {};
    ALGORITHMS.forEach((a, k) => (digests[a] = this.hashes[k].digest('hex')));
    return { path, size: this.size, digests };
  }
}

/** A bag directory, walked in name order; symbolic links are not followed. */
async function readDirectory(root: string): Promise<SandboxBag> {
  const files: SandboxBagFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        const h = new Hashes();
        for await (const chunk of createReadStream(full)) h.update(chunk as Buffer);
        files.push(h.file(relative(root, full).split(sep).join('/')));
      }
    }
  };
  await walk(root);
  return { name: basename(root), files };
}

/**
 * A bag from a tar stream: entries must all sit under one top directory (the bag, named
 * `name`); anything else (an absolute path, `..`, a second top directory) is refused.
 */
export async function readBagTar(input: Readable, name: string): Promise<SandboxBag> {
  const files: SandboxBagFile[] = [];
  let top: string | undefined;
  let failure: Error | undefined;
  const parser = new Parser({
    strict: true,
    onReadEntry(entry: ReadEntry) {
      const parts = entry.path.replace(/\/+$/, '').split('/');
      const bad = entry.path.startsWith('/') || parts.some((p) => p === '..' || p === '');
      if (bad && !failure) failure = new RangeError(`tar entry ${JSON.stringify(entry.path)} is not inside the bag`);
      top ??= parts[0];
      if (parts[0] !== top && !failure) failure = new RangeError(`tar holds more than one top directory (${top}, ${parts[0]})`);
      if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') {
        entry.resume();
        return;
      }
      const h = new Hashes();
      entry.on('data', (chunk: Buffer) => h.update(chunk));
      entry.on('end', () => {
        if (parts.length > 1) files.push(h.file(parts.slice(1).join('/')));
      });
    },
  });
  await pipeline(input, parser as unknown as NodeJS.WritableStream);
  if (failure) throw failure;
  if (top !== undefined && top !== name) throw new RangeError(`the tar's top directory is ${top}, not the bag's name ${name}`);
  return { name, files };
}

/** A bag from a path: a directory, or a `.tar`/`.tar.gz`/`.tgz` file. */
export async function readBag(path: string): Promise<SandboxBag> {
  const info = await stat(path);
  if (info.isDirectory()) return readDirectory(path);
  return readBagTar(createReadStream(path), bagNameOf(path));
}
