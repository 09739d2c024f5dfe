import { saltOf, type Rng } from '../prng.js';
import type { ChecksumModel } from './checksums.js';
import { NEVER_CHECKED } from './clock.js';
import type { FileModel } from './files.js';
import type { ObjectModel } from './objects.js';
import { AddedChecksums } from './added-checksums.js';
import { Growable } from './overlay.js';
import { institutionById } from './people.js';
import { column, type Column, type ColumnType, type Value } from './table.js';

const S = { uuid: saltOf('file.added.uuid') };

/**
 * Files inserted after start (sandbox changes), as facts in typed arrays: their object, size
 * and creation time. Everything else derives from the row index, like generated rows.
 */
export class FileAppends {
  readonly object = new Growable();
  readonly size = new Growable();
  readonly created = new Growable();
  /** Each inserted file's path in its bag (`data/…` for payload files, else a tag file). */
  readonly path: string[] = [];
  /** Each inserted file's format (MIME type). */
  readonly format: string[] = [];
  /** Checksums of inserted files (bags ingested into the sandbox); rows checksums.count… of the checksums view. */
  readonly checksums = new AddedChecksums();

  get length(): number {
    return this.object.length;
  }
}

/** The path of an inserted file (row index f): a payload file, so it counts in payload_*. */
export function addedFilePath(f: number): string {
  return `data/added/item_${String(f + 1).padStart(7, '0')}.txt`;
}

/**
 * generic_files_view's columns. The SQL column `mod_time` is sent as JSON `mtime`, so
 * `sort=mod_time__asc` works and `sort=mtime__asc` is an unknown column (errata §4). Rows from
 * `m.count` on are inserted ones (`added`): no checksums, never fixity-checked, no mod_time.
 */
export function fileColumns(
  rng: Rng,
  m: FileModel,
  objects: ObjectModel,
  checksums: ChecksumModel,
  added: FileAppends,
  addedObjects: readonly Record<string, Value>[] = [],
): Column[] {
  const base = m.count;
  const obj = (f: number) => (f < base ? m.objectOf[f] : added.object.get(f - base));
  // Files of an object inserted after start (a bag ingested into the sandbox) take the object's
  // fields from its record; every other file from the generated model.
  const of = (j: number, name: string): Value => addedObjects[j - objects.count][name] ?? null;
  const objInst = (j: number): number => (j < objects.count ? objects.inst[j] : Number(of(j, 'institution_id')));
  const objIdentifier = (j: number): string => (j < objects.count ? objects.identifier(j) : String(of(j, 'identifier')));
  const inst = (f: number) => institutionById(objInst(obj(f)));
  const col = (name: string, type: ColumnType, generated: (f: number) => Value, inserted: (f: number) => Value, json?: string) =>
    column(name, type, (f) => (f < base ? generated(f) : inserted(f)), json);
  const same = (name: string, type: ColumnType, get: (f: number) => Value) => column(name, type, get);
  return [
    same('id', 'int', (f) => f + 1),
    col(
      'file_format',
      'text',
      (f) => m.format(f),
      (f) => added.format[f - base] ?? 'text/plain',
    ),
    col(
      'size',
      'int',
      (f) => m.size(f),
      (f) => added.size.get(f - base),
    ),
    col(
      'identifier',
      'text',
      (f) => m.identifier(f),
      (f) => `${objIdentifier(obj(f))}/${added.path[f - base] ?? addedFilePath(f)}`,
    ),
    same('intellectual_object_id', 'int', (f) => obj(f) + 1),
    same('object_identifier', 'text', (f) => objIdentifier(obj(f))),
    same('access', 'text', (f) => (obj(f) < objects.count ? objects.access(obj(f)) : of(obj(f), 'access'))),
    col(
      'state',
      'text',
      (f) => m.state(f),
      () => 'A',
    ),
    col(
      'last_fixity_check',
      'time',
      (f) => m.lastFixity(f),
      () => NEVER_CHECKED,
    ),
    same('institution_id', 'int', (f) => objInst(obj(f))),
    same('institution_name', 'text', (f) => inst(f).name),
    same('institution_identifier', 'text', (f) => inst(f).identifier),
    same('storage_option', 'text', (f) => (obj(f) < objects.count ? objects.storageOption(obj(f)) : of(obj(f), 'storage_option'))),
    col(
      'uuid',
      'text',
      (f) => m.uuid(f),
      (f) => rng.uuid(S.uuid, f),
    ),
    col(
      'md5',
      'text',
      (f) => checksums.latest(f, 'md5'),
      (f) => added.checksums.latest(f, 'md5'),
    ),
    col(
      'sha1',
      'text',
      (f) => checksums.latest(f, 'sha1'),
      (f) => added.checksums.latest(f, 'sha1'),
    ),
    col(
      'sha256',
      'text',
      (f) => checksums.latest(f, 'sha256'),
      (f) => added.checksums.latest(f, 'sha256'),
    ),
    col(
      'sha512',
      'text',
      (f) => checksums.latest(f, 'sha512'),
      (f) => added.checksums.latest(f, 'sha512'),
    ),
    col(
      'created_at',
      'time',
      (f) => m.createdAt(f),
      (f) => added.created.get(f - base),
    ),
    col(
      'updated_at',
      'time',
      (f) => m.updatedAt(f),
      (f) => added.created.get(f - base),
    ),
    col(
      'mod_time',
      'time',
      (f) => m.modTime(f),
      () => null,
      'mtime',
    ),
  ];
}

/** The owning object of any file row, generated or inserted. */
export function fileObject(m: FileModel, added: FileAppends, f: number): number {
  return f < m.count ? m.objectOf[f] : added.object.get(f - m.count);
}
