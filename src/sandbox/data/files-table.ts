import type { ChecksumModel } from './checksums.js';
import type { FileModel } from './files.js';
import type { ObjectModel } from './objects.js';
import { institutionById } from './people.js';
import { column, makeTable, type Table } from './table.js';

/**
 * generic_files_view. The SQL column `mod_time` is sent as JSON `mtime`, so `sort=mod_time__asc`
 * works and `sort=mtime__asc` is an unknown column (errata §4).
 */
export function filesTable(m: FileModel, objects: ObjectModel, checksums: ChecksumModel): Table {
  const obj = (f: number) => m.objectOf[f];
  const inst = (f: number) => institutionById(objects.inst[obj(f)]);
  return makeTable(
    'files',
    [
      column('id', 'int', (f) => f + 1),
      column('file_format', 'text', (f) => m.format(f)),
      column('size', 'int', (f) => m.size(f)),
      column('identifier', 'text', (f) => m.identifier(f)),
      column('intellectual_object_id', 'int', (f) => obj(f) + 1),
      column('object_identifier', 'text', (f) => objects.identifier(obj(f))),
      column('access', 'text', (f) => objects.access(obj(f))),
      column('state', 'text', (f) => m.state(f)),
      column('last_fixity_check', 'time', (f) => m.lastFixity(f)),
      column('institution_id', 'int', (f) => objects.inst[obj(f)]),
      column('institution_name', 'text', (f) => inst(f).name),
      column('institution_identifier', 'text', (f) => inst(f).identifier),
      column('storage_option', 'text', (f) => objects.storageOption(obj(f))),
      column('uuid', 'text', (f) => m.uuid(f)),
      column('md5', 'text', (f) => checksums.latest(f, 'md5')),
      column('sha1', 'text', (f) => checksums.latest(f, 'sha1')),
      column('sha256', 'text', (f) => checksums.latest(f, 'sha256')),
      column('sha512', 'text', (f) => checksums.latest(f, 'sha512')),
      column('created_at', 'time', (f) => m.createdAt(f)),
      column('updated_at', 'time', (f) => m.updatedAt(f)),
      column('mod_time', 'time', (f) => m.modTime(f), 'mtime'),
    ],
    () => m.count,
    (f) => objects.inst[obj(f)],
  );
}
