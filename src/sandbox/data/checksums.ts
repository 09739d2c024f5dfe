import { saltOf, type Rng } from '../prng.js';
import type { AddedChecksums } from './added-checksums.js';
import { US_PER_SECOND } from '../time.js';
import { runAfter } from './clock.js';
import type { FileModel } from './files.js';
import { distribute, ownerOf } from './layout.js';
import type { ObjectModel } from './objects.js';
import { column, makeTable, type Table, type Value } from './table.js';

const S = { weight: saltOf('cs.weight'), digest: saltOf('cs.digest'), run: saltOf('cs.run') };

/** Ingest computes these in this order; later rows of a file are fixity re-computations. */
const ALGORITHMS = ['md5', 'sha256', 'sha1', 'sha512'] as const;
const DIGEST_LENGTH: Record<string, number> = { md5: 32, sha1: 40, sha256: 64, sha512: 128 };

export interface ChecksumModel {
  readonly count: number;
  readonly fileStart: Int32Array;
  readonly fileOf: Int32Array;
  algorithm(c: number): string;
  digest(c: number): string;
  datetime(c: number): number;
  createdAt(c: number): number;
  /** The file's most recent digest for an algorithm, or null (GenericFileView.md5 …). */
  latest(f: number, algorithm: string): string | null;
}

export function createChecksums(rng: Rng, files: FileModel, count: number): ChecksumModel {
  const weights = [1, 2, 2, 3, 4];
  // ~3% of files (and the bare file) have no checksum: files/show then says `"checksums":null`.
  const fileStart = distribute(files.count, count, (f) =>
    files.isUnrecorded(f) || rng.float(S.weight, f) < 0.03 ? 0 : weights[rng.u32(S.weight, f, 1) % weights.length],
  );
  const fileOf = ownerOf(fileStart, count);
  const pos = (c: number): number => c - fileStart[fileOf[c]];
  const algorithm = (c: number): string => ALGORITHMS[pos(c) % ALGORITHMS.length];
  const datetime = (c: number): number => {
    const f = fileOf[c];
    const k = pos(c);
    // Ingest digests are computed a couple of minutes before the record is written.
    if (k < ALGORITHMS.length) return files.createdAt(f) - (120 - k) * US_PER_SECOND;
    return runAfter(files.createdAt(f), rng.int(0, 24, S.run, c));
  };
  const createdAt = (c: number): number => (pos(c) < ALGORITHMS.length ? files.createdAt(fileOf[c]) : datetime(c));
  const digest = (c: number): string => rng.hex(DIGEST_LENGTH[algorithm(c)], S.digest, c);
  return {
    count,
    fileStart,
    fileOf,
    algorithm,
    digest,
    datetime,
    createdAt,
    latest(f, alg) {
      let best = -1;
      for (let c = fileStart[f]; c < fileStart[f + 1]; c++) {
        if (algorithm(c) === alg && (best < 0 || datetime(c) >= datetime(best))) best = c;
      }
      return best < 0 ? null : digest(best);
    },
  };
}

/** Checksums of files inserted after start, and how to reach their files' fields. */
export interface AddedChecksumRows {
  readonly rows: AddedChecksums;
  fileIdentifier(f: number): string;
  fileObject(f: number): number;
  fileInstitution(f: number): number;
}

/**
 * checksums_view. `fileState` is the file's current state (the view joins generic_files). Rows
 * from `m.count` on are `added` ones (bags ingested into the sandbox, tampering by tests).
 */
export function checksumsTable(
  m: ChecksumModel,
  files: FileModel,
  objects: ObjectModel,
  fileState: (f: number) => Value,
  version: () => number,
  added?: AddedChecksumRows,
): Table {
  const base = m.count;
  const file = (c: number): number => (c < base ? m.fileOf[c] : (added as AddedChecksumRows).rows.file.get(c - base));
  const obj = (c: number) => (c < base ? files.objectOf[m.fileOf[c]] : (added as AddedChecksumRows).fileObject(file(c)));
  const inst = (c: number) => (c < base ? objects.inst[obj(c)] : (added as AddedChecksumRows).fileInstitution(file(c)));
  const rows = added?.rows;
  const time = (c: number) => (c < base ? m.datetime(c) : (rows as AddedChecksums).datetime.get(c - base));
  const created = (c: number) => (c < base ? m.createdAt(c) : (rows as AddedChecksums).datetime.get(c - base));
  return makeTable(
    'checksums',
    [
      column('id', 'int', (c) => c + 1),
      column('algorithm', 'text', (c) => (c < base ? m.algorithm(c) : (rows as AddedChecksums).algorithm[c - base])),
      column('datetime', 'time', time),
      column('digest', 'text', (c) => (c < base ? m.digest(c) : (rows as AddedChecksums).digest[c - base])),
      column('state', 'text', (c) => fileState(file(c))),
      column('generic_file_identifier', 'text', (c) =>
        c < base ? files.identifier(m.fileOf[c]) : (added as AddedChecksumRows).fileIdentifier(file(c)),
      ),
      column('generic_file_id', 'int', (c) => file(c) + 1),
      column('intellectual_object_id', 'int', (c) => obj(c) + 1),
      column('institution_id', 'int', inst),
      column('created_at', 'time', created),
      column('updated_at', 'time', created),
    ],
    () => base + (rows?.length ?? 0),
    inst,
    { version },
  );
}
