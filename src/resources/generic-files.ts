// Generic files: one row per preserved file (/member-api/v3/files).
import type { GenericFilesApiListGenericFilesRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listGenericFiles;

/**
 * Query parameters for `client.files.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/files.
 * @example
 * ```ts
 * for await (const f of client.files.all({ intellectual_object_id: 42, state: 'A' })) console.log(f.identifier, f.size);
 * ```
 * @interface
 */
export type GenericFileListParams = ListParams<GenericFilesApiListGenericFilesRequest>;

export const genericFileFilters = {
  created_at__gteq: 'date',
  created_at__lteq: 'date',
  identifier: 'string',
  institution_id: 'int',
  intellectual_object_id: 'int',
  last_fixity_check__gteq: 'date',
  last_fixity_check__lteq: 'date',
  // int64: bigint (or numeric) columns on the server; the other ints are 32-bit integer columns (pg-types.ts).
  size__gteq: 'int64',
  size__lteq: 'int64',
  state: { oneOf: V.state },
  storage_option: { oneOf: V.storage_option },
  storage_option__in: { listOf: V.storage_option__in },
  updated_at__gteq: 'date',
  updated_at__lteq: 'date',
  uuid: 'string',
} as const satisfies FiltersFor<GenericFilesApiListGenericFilesRequest>;

/** files: its URL, filters, sorts, tie-break and generated operations. */
export const files = resource<GenericFileListParams>()({
  segment: 'files',
  noun: 'file',
  idKind: 'id-or-identifier',
  filters: genericFileFilters,
  sorts: V.sort,
  tieBreak: ['id'],
  windows: { window: 'created_at', modified: 'updated_at' },
  changes: {
    kind: 'modified',
    column: 'updated_at',
    stable: [
      'identifier',
      'uuid',
      'institution_id',
      'intellectual_object_id',
      'storage_option',
      'storage_option__in',
      'created_at__gteq',
      'created_at__lteq',
    ],
    why: 'the server stamps updated_at on every save of a file: a fixity check (last_fixity_check), a re-ingest (size, checksums) and a deletion (state D) all save it',
  },
  list: (apis, query, options) => apis.files.listGenericFiles(query as GenericFilesApiListGenericFilesRequest, options),
  get: (apis, id, options) => apis.files.getGenericFile({ id }, options),
  // files/show sends a file's empty checksums and PREMIS events as null (Go nil slices; recorded for
  // a file with no checksums), and storage records likewise; the model promises arrays.
  detail: (file) => ({
    ...file,
    checksums: file.checksums ?? [],
    premis_events: file.premis_events ?? [],
    storage_records: file.storage_records ?? [],
  }),
});
