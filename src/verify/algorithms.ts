// The digest algorithms APTrust records for every file (md5, sha1, sha256, sha512): the only
// ones a local bag can be compared with. A bag may carry others (sha224, blake2…): those are
// reported as ignored, never an error, since the bag itself is valid BagIt.

/** A digest algorithm the Registry records: md5, sha1, sha256 or sha512. */
export type VerifyAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

/** Every algorithm APTrust records, strongest first: the order verdicts list them in. */
export const VERIFY_ALGORITHMS: readonly VerifyAlgorithm[] = ['sha512', 'sha256', 'sha1', 'md5'];

/** Hex digits of each algorithm's digest: a manifest line of another length is malformed. */
export const DIGEST_HEX_LENGTH: Readonly<Record<VerifyAlgorithm, number>> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

export function isVerifyAlgorithm(name: string): name is VerifyAlgorithm {
  return (VERIFY_ALGORITHMS as readonly string[]).includes(name);
}

/** Index of an algorithm in {@link VERIFY_ALGORITHMS}: per-file digests are kept in small arrays, not objects. */
export function algorithmIndex(algorithm: VerifyAlgorithm): number {
  return VERIFY_ALGORITHMS.indexOf(algorithm);
}
