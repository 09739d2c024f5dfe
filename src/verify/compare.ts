// The comparison: one verdict per file, from the local side and the Registry's.
import { VERIFY_ALGORITHMS, type VerifyAlgorithm } from './algorithms.js';
import type { DigestRow } from './hashing.js';
import type { LocalFile, LocalScope } from './local.js';
import type { RegistryFile } from './registry.js';

/**
 * What verification found for one file:
 * - `match`: every algorithm both sides have agrees (at least one).
 * - `mismatch`: the Registry's latest digest of some algorithm differs from the local one.
 * - `missing`: the file is in the local bag but not in APTrust.
 * - `only-in-aptrust`: APTrust has the file (active), the local bag does not.
 * - `not-checked`: both have the file, but APTrust has no checksum of any algorithm the local side has.
 * - `deleted`: APTrust's file is in state `D` (deleted), whatever the local side says.
 * - `local-corrupt`: the local file's bytes disagree with its own manifest (`compute`), or a file
 *   a manifest lists is absent from the local bag: the local copy cannot be trusted.
 */
export type FileVerdictKind = 'match' | 'mismatch' | 'missing' | 'only-in-aptrust' | 'not-checked' | 'deleted' | 'local-corrupt';

/** Every verdict, in the order summaries list them. */
export const VERDICTS: readonly FileVerdictKind[] = [
  'match',
  'mismatch',
  'missing',
  'only-in-aptrust',
  'not-checked',
  'deleted',
  'local-corrupt',
];

/** One file's verdict, with the digests behind it. */
export interface FileVerdict {
  /** The path in the bag, as the local bag spells it (else as APTrust does). */
  path: string;
  /** The APTrust file identifier, `<object identifier>/<path>`. */
  identifier: string;
  /** What was found: match, mismatch, missing, only-in-aptrust, not-checked, deleted or local-corrupt. */
  verdict: FileVerdictKind;
  /** The generic file's id; undefined when APTrust has no such file. */
  fileId: number | undefined;
  /** The generic file's state (`A` active, `D` deleted); undefined when APTrust has no such file. */
  state: string | undefined;
  /** Algorithms compared (both sides had a digest), strongest first. */
  compared: VerifyAlgorithm[];
  /** Algorithms whose digests differ. */
  mismatched: VerifyAlgorithm[];
  /** The local digests used (computed ones with `compute`, else the manifests'). */
  local: Partial<Record<VerifyAlgorithm, string>>;
  /** The Registry's latest digest per algorithm. */
  registry: Partial<Record<VerifyAlgorithm, string>>;
  /** A sentence for a person: what differs, or why the verdict is what it is. */
  detail: string;
}

const record = (row: DigestRow | undefined): Partial<Record<VerifyAlgorithm, string>> => {
  const out: Partial<Record<VerifyAlgorithm, string>> = {};
  VERIFY_ALGORITHMS.forEach((a, k) => {
    const d = row?.[k];
    if (d !== undefined) out[a] = d;
  });
  return out;
};

/** Whether a Registry file is one the local input can speak for (see LocalScope). */
export function inScope(scope: LocalScope, path: string): boolean {
  if (scope === 'bag') return true;
  const payload = path.startsWith('data/');
  if (scope === 'payload') return payload;
  return !payload && !/^tagmanifest-[A-Za-z0-9]+\.txt$/.test(path);
}

/** The digests a local file is compared with: computed ones when there are, else the manifests'. */
function localDigests(f: LocalFile): DigestRow {
  return f.computed ?? f.manifest;
}

/** Verdict of a file both sides may have. */
export function judge(
  objectIdentifier: string,
  local: LocalFile | undefined,
  remote: RegistryFile | undefined,
  presenceKnown: boolean,
): FileVerdict {
  const path = local?.path ?? (remote as RegistryFile).path;
  const base = {
    path,
    identifier: `${objectIdentifier}/${remote?.path ?? path}`,
    fileId: remote?.id,
    state: remote?.state,
    local: record(local ? localDigests(local) : undefined),
    registry: record(remote?.digests),
  };
  const out = (
    verdict: FileVerdictKind,
    detail: string,
    compared: VerifyAlgorithm[] = [],
    mismatched: VerifyAlgorithm[] = [],
  ): FileVerdict => ({
    ...base,
    verdict,
    compared,
    mismatched,
    detail,
  });
  if (remote && remote.state === 'D') return out('deleted', 'deleted in APTrust (state D)');
  if (local && !remote) return out('missing', 'not in APTrust');
  if (!local) return out('only-in-aptrust', 'in APTrust, not in the local bag');
  const r = remote as RegistryFile;
  // The local copy first: a bag whose bytes contradict its own manifest says nothing reliable.
  if (local.computed) {
    const bad = VERIFY_ALGORITHMS.filter((_, k) => local.manifest[k] !== undefined && local.manifest[k] !== local.computed?.[k]);
    if (bad.length) return out('local-corrupt', `the local file's ${bad.join(', ')} differs from the bag's manifest`, [], bad);
  } else if (presenceKnown && !local.present) {
    return out('local-corrupt', 'listed in the manifest, absent from the local bag');
  }
  const mine = localDigests(local);
  const compared: VerifyAlgorithm[] = [];
  const mismatched: VerifyAlgorithm[] = [];
  VERIFY_ALGORITHMS.forEach((a, k) => {
    if (mine[k] === undefined || r.digests[k] === undefined) return;
    compared.push(a);
    if (mine[k] !== r.digests[k]) mismatched.push(a);
  });
  if (mismatched.length) return out('mismatch', `${mismatched.join(', ')} differs from APTrust's latest checksum`, compared, mismatched);
  if (compared.length) return out('match', `${compared.join(', ')} match`, compared);
  const have = VERIFY_ALGORITHMS.filter((_, k) => mine[k] !== undefined);
  return out('not-checked', `APTrust has no ${have.join(' or ')} checksum for this file yet`);
}
