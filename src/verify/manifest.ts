// BagIt manifests (RFC 8493 §2.1.3, §2.2.1): one `<digest> <path>` per line, read as a stream so a
// 100,000-line manifest never sits in memory whole.
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { BagError } from '../errors.js';
import { DIGEST_HEX_LENGTH, isVerifyAlgorithm, type VerifyAlgorithm } from './algorithms.js';
import { flat } from './hashing.js';

/** What a manifest's file name says: payload or tag manifest, and its algorithm. */
export interface ManifestName {
  kind: 'payload' | 'tag';
  /** The algorithm as named in the file (lower case); may be one APTrust does not record. */
  algorithm: string;
  /** True for md5, sha1, sha256 and sha512, the algorithms APTrust records. */
  supported: boolean;
}

/** `manifest-<alg>.txt` or `tagmanifest-<alg>.txt` (any directory): its kind and algorithm; else undefined. */
export function manifestName(fileName: string): ManifestName | undefined {
  const base = fileName.slice(fileName.lastIndexOf('/') + 1);
  const m = /^(tag)?manifest-([A-Za-z0-9]+)\.txt$/.exec(base);
  if (!m) return undefined;
  const algorithm = m[2].toLowerCase();
  return { kind: m[1] ? 'tag' : 'payload', algorithm, supported: isVerifyAlgorithm(algorithm) };
}

/** One manifest line: a path in the bag and its digest (lower-case hex). */
export interface ManifestEntry {
  path: string;
  digest: string;
  /** 1-based line number, for messages. */
  line: number;
}

/**
 * BagIt percent-encodes exactly CR, LF and `%` in manifest paths (RFC 8493 §2.1.3); anything else
 * after a `%` is taken literally, as BagIt tools write it (a name such as `100%done.txt` written by
 * a tool that did not encode it still reads as itself).
 */
export function decodeManifestPath(path: string): string {
  return path.replace(/%(0[dD]|0[aA]|25)/g, (m) => (m === '%25' ? '%' : m.toLowerCase() === '%0d' ? '\r' : '\n'));
}

/**
 * A path as given by a manifest, checked: relative to the bag root, `/`-separated, no `.` or `..`
 * segment, no empty segment. Hostile input (`../../etc/passwd`, `/etc/passwd`) is refused rather
 * than cleaned, since a cleaned path would name a file the manifest did not.
 */
export function checkBagPath(path: string): string | undefined {
  if (path === '') return 'an empty path';
  if (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path)) return 'an absolute path';
  const parts = path.split('/');
  if (parts.some((p) => p === '..')) return 'a path with ".."';
  if (parts.some((p) => p === '' || p === '.')) return 'a path with an empty or "." segment';
  if (path.includes('\u0000')) return 'a path with a NUL character';
  return undefined;
}

/** The digest and path of one line: one or more spaces or tabs between them (the path may hold spaces). */
const LINE = /^([0-9A-Fa-f]+)[ \t]+(.*)$/;

/**
 * Parses one manifest line (without its line ending). Returns undefined for a blank line.
 * @throws {@link BagError} naming `file` and `line` for a malformed line
 */
export function parseManifestLine(text: string, algorithm: string, file: string, line: number): ManifestEntry | undefined {
  if (text.trim() === '') return undefined;
  const fail = (why: string): never => {
    throw new BagError(`${file}, line ${line}: ${why}`, { file, line, hint: 'each line of a BagIt manifest is "<digest> <path>"' });
  };
  const m = LINE.exec(text);
  if (!m) return fail(`not "<digest> <path>": ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)}`);
  const digest = flat(m[1].toLowerCase());
  const expected = isVerifyAlgorithm(algorithm) ? DIGEST_HEX_LENGTH[algorithm as VerifyAlgorithm] : undefined;
  if (expected !== undefined && digest.length !== expected) {
    fail(`a ${algorithm} digest has ${expected} hex digits, this one ${digest.length}`);
  }
  const path = decodeManifestPath(m[2]);
  const bad = checkBagPath(path);
  if (bad) fail(`${bad} (${JSON.stringify(path)}): manifest paths are relative to the bag, inside it`);
  return { path: flat(path), digest, line };
}

/**
 * The entries of a manifest, streamed: CRLF or LF line endings, a UTF-8 BOM, blank lines allowed.
 * (A path listed twice is caught by the caller, which keeps one entry per path anyway.)
 * @throws {@link BagError} on the first malformed line, before the caller has sent anything
 */
export async function* readManifest(input: Readable, algorithm: string, file: string): AsyncGenerator<ManifestEntry> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      let text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
      if (text.endsWith('\r')) text = text.slice(0, -1); // a lone CR before LF, however readline split it
      const entry = parseManifestLine(text, algorithm, file, n);
      if (!entry) continue;
      yield entry;
    }
  } finally {
    lines.close();
  }
}
