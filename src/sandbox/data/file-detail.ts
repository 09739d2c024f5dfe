import type { AddedChecksums } from './added-checksums.js';
import type { ChecksumModel } from './checksums.js';
import type { FileModel } from './files.js';
import { jsonValue, type Column, type Table, type Value } from './table.js';
import { formatTime } from '../time.js';
import { shuffleRange } from '../prng.js';

const STORAGE_URLS: Record<string, readonly string[]> = {
  Standard: ['https://s3.amazonaws.com/aptrust.preservation.storage', 'https://s3.us-west-2.amazonaws.com/aptrust.preservation.oregon'],
  Wasabi: ['https://s3.us-east-1.wasabisys.com/aptrust.wasabi.preservation'],
  Glacier: ['https://s3.us-west-2.amazonaws.com/aptrust.preservation.glacier'],
};

/** ORDER BY key DESC with ties in a fresh random order, as an unordered index scan may return them. */
function descendingWithRandomTies(rows: number[], key: (r: number) => number): number[] {
  shuffleRange(rows, 0, rows.length);
  return rows.sort((a, b) => key(b) - key(a)); // Array#sort is stable: shuffled order survives among ties
}

/**
 * files/show: GenericFile with premis_events (date_time desc), checksums (created_at desc)
 * and storage_records. Empty relations are null, not [] — errata §6.2 (go-pg only appends).
 * Scalars come from the files view's columns, so changes made after start show; inserted files
 * (index >= files.count) have no checksums and no events.
 */
export function fileDetail(
  f: number,
  view: Table,
  files: FileModel,
  checksums: ChecksumModel,
  eventRange: (f: number) => [number, number],
  eventColumns: readonly Column[],
  eventTime: (e: number) => number,
  added?: AddedChecksums,
): Record<string, unknown> {
  const get = (name: string): Value => (view.byName.get(name) as Column).get(f);
  const generated = f < files.count;
  const [e0, e1] = generated ? eventRange(f) : [0, 0];
  const events = descendingWithRandomTies(
    Array.from({ length: e1 - e0 }, (_, k) => e0 + k),
    eventTime,
  ).map((e) => {
    const out: Record<string, unknown> = {};
    for (const c of eventColumns) if (c.json !== null) out[c.json] = jsonValue(c.type, c.get(e));
    return out;
  });
  const c0 = generated ? checksums.fileStart[f] : 0;
  const c1 = generated ? checksums.fileStart[f + 1] : 0;
  const sums = descendingWithRandomTies(
    Array.from({ length: c1 - c0 }, (_, k) => c0 + k),
    checksums.createdAt,
  ).map((c) => ({
    id: c + 1,
    algorithm: checksums.algorithm(c),
    datetime: formatTime(checksums.datetime(c)),
    digest: checksums.digest(c),
    generic_file_id: f + 1,
    created_at: formatTime(checksums.createdAt(c)),
    updated_at: formatTime(checksums.createdAt(c)),
  }));
  // An inserted file's checksums (a bag ingested into the sandbox): ids after the generated ones.
  if (!generated && added) {
    const rows = descendingWithRandomTies([...added.of(f)], (k) => added.datetime.get(k)).map((k) => ({
      id: checksums.count + k + 1,
      algorithm: added.algorithm[k],
      datetime: formatTime(added.datetime.get(k)),
      digest: added.digest[k],
      generic_file_id: f + 1,
      created_at: formatTime(added.datetime.get(k)),
      updated_at: formatTime(added.datetime.get(k)),
    }));
    sums.push(...rows);
  }
  const option = get('storage_option') as string;
  const uuid = get('uuid') as string;
  const bases =
    get('state') === 'D' || (generated && files.isBare(f)) ? [] : (STORAGE_URLS[option] ?? STORAGE_URLS[option.split('-')[0]] ?? []);
  const records = bases.map((b, k) => ({ id: 2 * f + k + 1, generic_file_id: f + 1, url: `${b}/${uuid}` }));
  const time = (name: string) => formatTime(get(name) as number | null);
  return {
    id: f + 1,
    file_format: get('file_format'),
    size: get('size'),
    identifier: get('identifier'),
    intellectual_object_id: get('intellectual_object_id'),
    state: get('state'),
    last_fixity_check: time('last_fixity_check'),
    institution_id: get('institution_id'),
    storage_option: option,
    uuid,
    premis_events: events.length ? events : null,
    checksums: sums.length ? sums : null,
    storage_records: records.length ? records : null,
    created_at: time('created_at'),
    updated_at: time('updated_at'),
    mtime: time('mod_time'),
  };
}
