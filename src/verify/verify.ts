// verifyObject: a local bag (or one of its manifests) against what the Registry holds for it.
import type { RegistryClient } from '../client.js';
import { InvalidInputError } from '../errors.js';
import { judge, inScope, VERDICTS, type FileVerdict, type FileVerdictKind } from './compare.js';
import { VERIFY_ALGORITHMS, type VerifyAlgorithm } from './algorithms.js';
import { bagNameOfInput, localKind, readLocal, type LocalBag, type LocalScope } from './local.js';
import { readRegistryObject } from './registry.js';

/** The algorithms any local file has a digest of: only those of the Registry's checksums are kept. */
function localAlgorithms(local: LocalBag): VerifyAlgorithm[] {
  const seen = new Set<number>();
  for (const f of local.files.values()) {
    if (f.computed) return [...VERIFY_ALGORITHMS];
    f.manifest.forEach((d, k) => d !== undefined && seen.add(k));
    if (seen.size === VERIFY_ALGORITHMS.length) break;
  }
  return VERIFY_ALGORITHMS.filter((_, k) => seen.has(k));
}

/** Options of {@link verifyObject}. */
export interface VerifyOptions {
  /**
   * Hash the local files (every algorithm APTrust records, one streaming pass per file) and
   * compare those digests instead of trusting the bag's manifests; a file whose bytes disagree
   * with its own manifest is `local-corrupt`. Needs a bag directory or tar. Default false.
   */
  compute?: boolean;
  /** Cancels the verification (local reading and requests). */
  signal?: AbortSignal;
  /** Pages each Registry crawl fetches at once (default: the library's, 2). */
  concurrency?: number;
  /**
   * Called with each verdict as it is decided, in path order; a returned promise is awaited
   * before the next (backpressure: a slow writer slows the comparison instead of queueing
   * verdicts). With `collect: false` the result's `files` stays empty, so a very large bag's
   * verdicts can be written out without being held.
   */
  onFile?: (verdict: FileVerdict) => void | Promise<void>;
  /** Keep every verdict in the result's `files` (default true). */
  collect?: boolean;
}

/** Counts of a verification, per verdict, and what was left out. */
export interface VerifySummary {
  /** The object verified, `<institution>/<bag name>`. */
  identifier: string;
  /** Its id in the Registry. */
  objectId: number;
  /** Files per verdict (every verdict present, 0 when none). */
  counts: Record<FileVerdictKind, number>;
  /** Files given a verdict. */
  total: number;
  /**
   * APTrust's files the local input cannot speak for, not judged: with a payload manifest alone,
   * the tag files; with a tag manifest alone, the payload files and the tag manifests.
   */
  outOfScope: number;
  /** What the local input spoke for: `bag` (a directory or tar), `payload` or `tag` (a lone manifest). */
  scope: LocalScope;
  /** Algorithms of local manifests APTrust does not record (e.g. sha224), ignored. */
  ignoredAlgorithms: string[];
  /** True when every file judged is a `match`. */
  ok: boolean;
}

/** What {@link verifyObject} returns: the summary and each file's verdict. */
export interface VerifyResult {
  /** The counts per verdict, and `ok` when every file matches. */
  summary: VerifySummary;
  /** Every verdict, ordered by path (empty with `collect: false`). */
  files: FileVerdict[];
}

/**
 * A local bag against the Registry: each file's verdict (match, mismatch, missing in APTrust,
 * only in APTrust, not yet checked, deleted, locally corrupt). `source` is a bag directory, a bag
 * tar (`.tar`, `.tar.gz`, `.tgz`) or one manifest (`manifest-<alg>.txt`, `tagmanifest-<alg>.txt`).
 * The local side is read first, so a malformed manifest or a hostile path is a {@link BagError}
 * before any request; then the object is read by identifier, with every page of its files and
 * checksums (the latest checksum per file and algorithm counts).
 *
 * @param client - a client from {@link createClient}
 * @param identifier - the object's identifier, `institution.edu/bag_name`
 * @param source - path of a bag directory, a bag tar or a manifest
 * @param options - compute, signal, concurrency, onFile, collect
 * @returns the summary (`summary.ok` when every file matches) and the verdicts
 * @throws {@link BagError} for an unreadable or malformed local bag, {@link NotFoundError} when
 *   there is no such object, and any other {@link RegistryError} of the requests
 * @example
 * ```ts
 * const { summary, files } = await verifyObject(client, 'example.edu/my_bag', './my_bag.tar');
 * if (!summary.ok) for (const f of files) if (f.verdict !== 'match') console.error(f.verdict, f.path, f.detail);
 * ```
 */
export async function verifyObject(
  client: RegistryClient,
  identifier: string,
  source: string,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  if (typeof identifier !== 'string' || !/^[^/\s]+\/.+/.test(identifier)) {
    throw new InvalidInputError(`an object identifier is "institution.edu/bag_name", got ${JSON.stringify(identifier)}`);
  }
  if (typeof source !== 'string' || source === '')
    throw new InvalidInputError('source must be the path of a bag directory, tar or manifest');
  const local = await readLocal(source, { compute: options.compute, signal: options.signal });
  const remote = await readRegistryObject(client, identifier, {
    signal: options.signal,
    concurrency: options.concurrency,
    algorithms: localAlgorithms(local),
  });
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<FileVerdictKind, number>;
  const collect = options.collect ?? true;
  const files: FileVerdict[] = [];
  let outOfScope = 0;
  const presenceKnown = local.scope === 'bag';
  const keys = new Set<string>([...local.files.keys(), ...remote.files.keys()]);
  // Path order (by UTF-16 code unit, as JavaScript sorts): stable output, easy to diff.
  const ordered = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  keys.clear();
  for (const key of ordered) {
    const l = local.files.get(key);
    const r = remote.files.get(key);
    if (!l && r && !inScope(local.scope, r.path)) {
      outOfScope++;
      continue;
    }
    const v = judge(remote.object.identifier, l, r, presenceKnown);
    counts[v.verdict]++;
    const wrote = options.onFile?.(v);
    if (wrote) await wrote;
    if (collect) files.push(v);
  }
  const total = VERDICTS.reduce((n, v) => n + counts[v], 0);
  return {
    summary: {
      identifier: remote.object.identifier,
      objectId: remote.object.id,
      counts,
      total,
      outOfScope,
      scope: local.scope,
      ignoredAlgorithms: local.ignoredAlgorithms,
      ok: total === counts.match,
    },
    files,
  };
}

/**
 * The bag name APTrust gives the object of a local input (a bag directory, a bag tar or a
 * manifest), for its identifier `institution.edu/<bag name>`: the directory's name, the tar's
 * without `.tar`, `.tar.gz` or `.tgz`, or the directory a manifest sits in.
 *
 * @param source - path of a bag directory, a bag tar or a manifest
 * @throws {@link BagError} when the path cannot be read
 * @example
 * ```ts
 * const identifier = `example.edu/${await bagName('./build/my_bag.tar')}`; // example.edu/my_bag
 * const { summary } = await verifyObject(client, identifier, './build/my_bag.tar');
 * ```
 */
export async function bagName(source: string): Promise<string> {
  return bagNameOfInput(source, await localKind(source));
}
