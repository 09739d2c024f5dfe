// Generic files: one row per preserved file (/member-api/v3/files).
import {
  ListGenericFilesSortEnum,
  ListGenericFilesStateEnum,
  ListGenericFilesStorageOptionEnum,
  ListGenericFilesStorageOptionInEnum,
} from '../internal/generated.js';
import type { GenericFileView, GenericFilesApiListGenericFilesRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

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

const v = Object.values;

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
  state: { oneOf: v(ListGenericFilesStateEnum) },
  storage_option: { oneOf: v(ListGenericFilesStorageOptionEnum) },
  storage_option__in: { listOf: v(ListGenericFilesStorageOptionInEnum) },
  updated_at__gteq: 'date',
  updated_at__lteq: 'date',
  uuid: 'string',
} as const satisfies FiltersFor<GenericFilesApiListGenericFilesRequest>;

export function genericFileSpec(apis: WireApis): ResourceSpec<GenericFileView> {
  return {
    name: 'files',
    filters: genericFileFilters,
    sorts: v(ListGenericFilesSortEnum),
    tieBreak: { keys: ['id'] },
    list: (query, options) => apis.files.listGenericFiles(query as GenericFilesApiListGenericFilesRequest, options),
  };
}
