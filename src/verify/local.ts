// The local side of a verification: what a bag (a directory or a tar) or a lone manifest says
// about each file. Kept compact: one small record per file (its path and a digest per algorithm),
// never file contents; manifests are streamed line by line and tars entry by entry.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Parser, type ReadEntry } from 'tar';
import { BagError } from '../errors.js';
import { algorithmIndex, type VerifyAlgorithm } from './algorithms.js';
import { digestRow, hashFile, hashStream, type DigestRow } from './hashing.js';
import { checkBagPath, manifestName, readManifest } from './manifest.js';

/**
 * What the local input can speak for. `bag`: every file of the bag (payload and tag files);
 * `payload`: a payload manifest alone speaks for `data/…`; `tag`: a tag manifest alone speaks for
 * the tag files (outside `data/`) other than the tag manifests themselves, which no manifest lists.
 */
export type LocalScope = 'bag' | 'payload' | 'tag';

/** One local file: its path as the bag spells it, what the manifests say, and what was computed. */
export interface LocalFile {
  path: string;
  /** Manifest digests, in VERIFY_ALGORITHMS order. */
  manifest: DigestRow;
  /** Digests computed from the local bytes (--compute, or a file no manifest lists). */
  computed: DigestRow | undefined;
  /** The file exists in the local bag (always false for a lone manifest). */
  present: boolean;
}

/** The local side, keyed by the NFC form of each path (see {@link pathKey}). */
export interface LocalBag {
  /** The bag's name: the directory's name, the tar's without `.tar`, or a manifest's directory. */
  name: string;
  scope: LocalScope;
  files: Map<string, LocalFile>;
  /** Algorithms found in manifest names that APTrust does not record (ignored). */
  ignoredAlgorithms: string[];
  /** The manifests read, as bag paths (`manifest-sha256.txt`). */
  manifests: string[];
}

/**
 * The key two paths are compared by: Unicode NFC. macOS file systems hand out names in NFD
 * (`é` as `e` + combining accent) while most other tools, and most manifests, write NFC; the same
 * name in two normal forms is the same file to a person, and BagIt does not say which form to
 * use. So a bag made on a Mac verifies against its ingest made elsewhere, and vice versa.
 */
export function pathKey(path: string): string {
  const nfc = path.normalize('NFC');
  return nfc === path ? path : nfc; // one string, not two, for the usual already-NFC name
}

/** How verifyObject reads the local input (what {@link readLocal} is told). */
export interface LocalOptions {
  /** Hash every local file, and compare those digests rather than the manifests'. */
  compute?: boolean;
  signal?: AbortSignal;
}

/** The kinds of local input: a bag directory, a bag tar, or one manifest file. */
export type LocalKind = 'directory' | 'tar' | 'manifest';

const TAR = /\.(tar|tar\.gz|tgz)$/i;

/**
 * The bag's name an input stands for, the last part of the object identifier APTrust gives it
 * (`institution.edu/<name>`): a directory's own name, a tar's without `.tar`, `.tar.gz` or `.tgz`,
 * and a lone manifest's directory's name.
 */
export function bagNameOfInput(path: string, kind: LocalKind): string {
  const full = resolve(path);
  if (kind === 'directory') return basename(full);
  if (kind === 'tar') return basename(full).replace(TAR, '');
  return basename(dirname(full));
}

class Collector {
  readonly files = new Map<string, LocalFile>();
  readonly ignored = new Set<string>();
  readonly manifests: string[] = [];

  file(path: string): LocalFile {
    const key = pathKey(path);
    let f = this.files.get(key);
    if (!f) {
      f = { path, manifest: digestRow(), computed: undefined, present: false };
      this.files.set(key, f);
    }
    return f;
  }

  /** Reads one manifest; `where` names it in messages. */
  async manifest(input: Readable, bagPath: string, where: string): Promise<void> {
    const name = manifestName(bagPath);
    if (!name) return;
    if (!name.supported) {
      this.ignored.add(name.algorithm);
      input.resume();
      return;
    }
    this.manifests.push(bagPath);
    const k = algorithmIndex(name.algorithm as VerifyAlgorithm);
    for await (const entry of readManifest(input, name.algorithm, where)) {
      const f = this.file(entry.path);
      if (f.manifest[k] !== undefined) {
        throw new BagError(`${where}, line ${entry.line}: ${JSON.stringify(entry.path)} is listed twice`, {
          file: where,
          line: entry.line,
        });
      }
      f.manifest[k] = entry.digest;
    }
  }

  listed(path: string): boolean {
    const f = this.files.get(pathKey(path));
    return f !== undefined && f.manifest.some((d) => d !== undefined);
  }

  bag(name: string, scope: LocalScope): LocalBag {
    return { name, scope, files: this.files, ignoredAlgorithms: [...this.ignored].sort(), manifests: this.manifests };
  }
}

/** A file path under a bag directory, as a bag path (`data/a b.txt`). */
function bagPathOf(root: string, full: string): string {
  return relative(root, full).split(sep).join('/');
}

async function readDirectory(root: string, options: LocalOptions): Promise<LocalBag> {
  const c = new Collector();
  const top = await readdir(root, { withFileTypes: true });
  // Manifests first (they sit at the bag's top level), so the walk knows what they list.
  for (const e of top.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isFile() && manifestName(e.name)) await c.manifest(createReadStream(join(root, e.name)), e.name, join(root, e.name));
  }
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      options.signal?.throwIfAborted();
      const full = join(dir, e.name);
      // Symbolic links are not followed: a link could lead out of the bag, and a bag's tar holds none.
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) {
        const path = bagPathOf(root, full);
        const f = c.file(path);
        f.present = true;
        // Hash what no manifest vouches for (the tag manifests, tag files no tag manifest lists), and everything with --compute.
        if (options.compute || !c.listed(path)) f.computed = (await hashFile(full, options.signal)).digests;
      }
    }
  };
  await walk(root);
  return c.bag(bagNameOfInput(root, 'directory'), 'bag');
}

/** Every regular file of a bag tar, its path inside the bag (the top directory stripped). */
async function eachTarFile(
  path: string,
  onFile: (bagPath: string, entry: ReadEntry) => Promise<void> | void,
  signal?: AbortSignal,
): Promise<void> {
  let failure: unknown;
  const pending: Promise<void>[] = [];
  let entries = 0;
  const parser = new Parser({
    // strict: a damaged header is an error, not a warning skipped over (a half-read bag would
    // verify as "missing" files instead of saying the tar is broken).
    strict: true,
    onReadEntry(entry: ReadEntry) {
      entries++;
      const raw = entry.path.replace(/\/+$/, '');
      const slash = raw.indexOf('/');
      const inBag = slash < 0 ? '' : raw.slice(slash + 1);
      const isFile = entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile';
      const bad = raw.startsWith('/') || raw.split('/').includes('..') ? 'a path outside the bag' : inBag ? checkBagPath(inBag) : undefined;
      if (failure !== undefined || !isFile || inBag === '' || bad) {
        if (bad && isFile && failure === undefined) {
          failure = new BagError(`${path}: tar entry ${JSON.stringify(entry.path)} is ${bad}`, { file: path });
        }
        entry.resume();
        return;
      }
      const p = Promise.resolve()
        .then(() => onFile(inBag, entry))
        .catch((err: unknown) => {
          failure ??= err;
          entry.resume();
        });
      pending.push(p);
    },
  });
  try {
    await pipeline(createReadStream(path, { signal }), parser as unknown as NodeJS.WritableStream);
  } catch (err) {
    if (failure === undefined) {
      if (signal?.aborted) throw err;
      throw new BagError(`${path}: not a readable tar (${(err as Error).message})`, { file: path });
    }
  }
  await Promise.all(pending);
  if (failure !== undefined) throw failure;
  if (entries === 0) throw new BagError(`${path}: not a bag tar (no entries)`, { file: path });
}

/**
 * A bag tar in two streaming passes over the file: the manifests, then the files (hashed where
 * no manifest vouches for them, or all with --compute). Two passes keep memory to one record per
 * file: one pass would have to hash every file before knowing which ones a later manifest lists.
 */
async function readTar(path: string, options: LocalOptions): Promise<LocalBag> {
  const c = new Collector();
  await eachTarFile(
    path,
    async (bagPath, entry) => {
      if (!bagPath.includes('/') && manifestName(bagPath)) await c.manifest(Readable.from(entry), bagPath, `${path}: ${bagPath}`);
      else entry.resume();
    },
    options.signal,
  );
  await eachTarFile(
    path,
    (bagPath, entry) => {
      const f = c.file(bagPath);
      f.present = true;
      if (!options.compute && c.listed(bagPath)) {
        entry.resume();
        return;
      }
      return hashStream(entry as AsyncIterable<Buffer>).then(({ digests }) => {
        f.computed = digests;
      });
    },
    options.signal,
  );
  return c.bag(bagNameOfInput(path, 'tar'), 'bag');
}

async function readManifestFile(path: string): Promise<LocalBag> {
  const name = manifestName(path);
  if (!name) {
    throw new BagError(
      `${path}: not a bag directory, a .tar, or a manifest named manifest-<algorithm>.txt or tagmanifest-<algorithm>.txt`,
      {
        file: path,
        hint: 'the algorithm of a manifest is read from its name, as BagIt names them',
      },
    );
  }
  if (!name.supported) {
    throw new BagError(`${path}: APTrust records md5, sha1, sha256 and sha512 digests, not ${name.algorithm}`, { file: path });
  }
  const c = new Collector();
  await c.manifest(createReadStream(path), basename(path), path);
  return c.bag(bagNameOfInput(path, 'manifest'), name.kind);
}

/** What kind of input a path is: a directory, a tar (by name), or else a manifest file. */
export async function localKind(path: string): Promise<LocalKind> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BagError(`${path}: ${code === 'ENOENT' ? 'no such file or directory' : `cannot be read (${code ?? String(err)})`}`, {
      file: path,
    });
  }
  if (info.isDirectory()) return 'directory';
  return TAR.test(path) ? 'tar' : 'manifest';
}

/**
 * Reads the local input.
 * @throws {@link BagError} for a malformed manifest, a hostile path, an unreadable input
 */
export async function readLocal(path: string, options: LocalOptions = {}): Promise<LocalBag> {
  const kind = await localKind(path);
  try {
    if (kind === 'directory') return await readDirectory(path, options);
    if (kind === 'tar') return await readTar(path, options);
    if (options.compute) {
      throw new BagError(`${path}: --compute needs the bag's files (a bag directory or tar), not a manifest alone`, { file: path });
    }
    return await readManifestFile(path);
  } catch (err) {
    if (err instanceof BagError || (err as Error).name === 'AbortError') throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new BagError(`${path}: cannot be read (${code ?? (err as Error).message})`, { file: path });
  }
}
