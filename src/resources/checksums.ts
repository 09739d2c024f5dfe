// Checksums calculated at ingest and at fixity checks (/member-api/v3/checksums).
import { ListChecksumsAlgorithmEnum, ListChecksumsSortEnum, ListChecksumsStateEnum } from '../internal/generated.js';
import type { ChecksumView, ChecksumsApiListChecksumsRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

/**
 * Query parameters for `client.checksums.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/checksums.
 * @example
 * ```ts
 * for await (const c of client.checksums.all({ generic_file_identifier: 'example.edu/bag/data/a.txt', algorithm: 'sha256' })) {
 *   console.log(c.digest);
 * }
 * ```
 * @interface
 */
export type ChecksumListParams = ListParams<ChecksumsApiListChecksumsRequest>;

const v = Object.values;

export const checksumFilters = {
  algorithm: { oneOf: v(ListChecksumsAlgorithmEnum) },
  datetime__gteq: 'date',
  datetime__lteq: 'date',
  digest: 'string',
  generic_file_id: 'int',
  generic_file_identifier: 'string',
  institution_id: 'int',
  intellectual_object_id: 'int',
  state: { oneOf: v(ListChecksumsStateEnum) },
} as const satisfies FiltersFor<ChecksumsApiListChecksumsRequest>;

export function checksumSpec(apis: WireApis): ResourceSpec<ChecksumView> {
  return {
    name: 'checksums',
    filters: checksumFilters,
    sorts: v(ListChecksumsSortEnum),
    tieBreak: { keys: ['id'] },
    list: (query, options) => apis.checksums.listChecksums(query as ChecksumsApiListChecksumsRequest, options),
  };
}
