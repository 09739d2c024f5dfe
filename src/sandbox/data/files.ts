import { saltOf, type Rng } from '../prng.js';
import { US_PER_DAY, US_PER_SECOND } from '../time.js';
import { NEVER_CHECKED, runAfter } from './clock.js';
import { distribute, ownerOf } from './layout.js';
import { BARE_FILE_PATH, DIRS, FORMATS, SPECIAL_OBJECTS, UNRECORDED_FILE_PATH } from './names.js';
import type { ObjectModel } from './objects.js';

const S = {
  weight: saltOf('file.weight'),
  dir: saltOf('file.dir'),
  fmt: saltOf('file.fmt'),
  size: saltOf('file.size'),
  state: saltOf('file.state'),
  fixity: saltOf('file.fixity'),
  uuid: saltOf('file.uuid'),
  mtime: saltOf('file.mtime'),
  updated: saltOf('file.updated'),
};

const TAG_FILES = ['bag-info.txt', 'aptrust-info.txt'];

export interface FileModel {
  readonly count: number;
  /** CSR: files of object j are [objStart[j], objStart[j+1]). */
  readonly objStart: Int32Array;
  readonly objectOf: Int32Array;
  /** Files with no checksums, events or storage records (null arrays in files/show). */
  isBare(f: number): boolean;
  /** Files with no checksums and no events (bare ones, and one stored file that has neither). */
  isUnrecorded(f: number): boolean;
  path(f: number): string;
  identifier(f: number): string;
  format(f: number): string;
  size(f: number): number;
  state(f: number): 'A' | 'D';
  lastFixity(f: number): number;
  createdAt(f: number): number;
  updatedAt(f: number): number;
  modTime(f: number): number | null;
  uuid(f: number): string;
}

export function createFiles(rng: Rng, objects: ObjectModel, count: number): FileModel {
  const nSpecial = Math.min(SPECIAL_OBJECTS.length, objects.count);
  const fixed = SPECIAL_OBJECTS.slice(0, nSpecial).map((o) => o.files.length);
  // 5% of generated objects have no files at all (size 0, errata §6.2).
  const objStart = distribute(
    objects.count,
    count,
    (j) => (rng.float(S.weight, j) < 0.05 ? 0 : 0.3 + 1.7 * rng.float(S.weight, j, 1)),
    fixed,
  );
  const objectOf = ownerOf(objStart, count);
  const path = (f: number): string => {
    const j = objectOf[f];
    const k = f - objStart[j];
    if (j < nSpecial) return SPECIAL_OBJECTS[j].files[k] ?? `data/extra_${f + 1}.bin`;
    if (k < TAG_FILES.length) return TAG_FILES[k];
    const fmt = rng.pick(FORMATS, S.fmt, f);
    return `data/${rng.pick(DIRS, S.dir, f)}/item_${String(f + 1).padStart(7, '0')}.${fmt.ext}`;
  };
  const isBare = (f: number): boolean => objectOf[f] === 0 && path(f) === BARE_FILE_PATH;
  const isUnrecorded = (f: number): boolean => isBare(f) || (objectOf[f] === 1 && path(f) === UNRECORDED_FILE_PATH);
  const state = (f: number): 'A' | 'D' => (objects.state(objectOf[f]) === 'D' || rng.float(S.state, f) < 0.02 ? 'D' : 'A');
  const createdAt = (f: number): number => objects.createdAt(objectOf[f]); // one ingest, one timestamp
  const lastFixity = (f: number): number =>
    rng.float(S.fixity, f) < 0.15 ? NEVER_CHECKED : runAfter(createdAt(f), rng.int(0, 3, S.fixity, f, 1));
  const m: FileModel = {
    count,
    objStart,
    objectOf,
    isBare,
    isUnrecorded,
    path,
    identifier: (f) => `${objects.identifier(objectOf[f])}/${path(f)}`,
    format(f) {
      const ext = /\.([^./]+)$/.exec(path(f))?.[1]?.toLowerCase();
      return FORMATS.find((x) => x.ext === ext)?.mime ?? (ext === undefined ? 'application/octet-stream' : 'text/plain');
    },
    size(f) {
      if (path(f).startsWith('data/') === false) return rng.int(120, 2400, S.size, f);
      const r = rng.float(S.size, f);
      return r < 0.005 ? 0 : Math.floor(Math.exp(Math.log(1e3) + rng.float(S.size, f, 1) * (Math.log(4e9) - Math.log(1e3))));
    },
    state,
    lastFixity,
    createdAt,
    updatedAt(f) {
      const c = createdAt(f);
      const lf = lastFixity(f);
      return rng.float(S.updated, f) < 0.5 && lf > c ? lf : c;
    },
    // errata §9: mod_time is usually NULL → "0001-01-01T00:00:00Z".
    modTime: (f) =>
      rng.float(S.mtime, f) < 0.4
        ? createdAt(f) - rng.int(1, 3000, S.mtime, f, 1) * US_PER_DAY + rng.int(0, 86399, S.mtime, f, 2) * US_PER_SECOND
        : null,
    uuid: (f) => rng.uuid(S.uuid, f),
  };
  for (let f = 0; f < count; f++) {
    if (state(f) !== 'A') continue;
    const j = objectOf[f];
    const size = m.size(f);
    objects.fileCount[j]++;
    objects.size[j] += size;
    if (path(f).startsWith('data/')) {
      objects.payloadCount[j]++;
      objects.payloadSize[j] += size;
    }
  }
  return m;
}
