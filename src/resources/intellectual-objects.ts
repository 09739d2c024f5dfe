// Intellectual objects: one row per preserved bag (/member-api/v3/objects).
import {
  ListIntellectualObjectsAccessEnum,
  ListIntellectualObjectsSortEnum,
  ListIntellectualObjectsStateEnum,
  ListIntellectualObjectsStorageOptionEnum,
} from '../internal/generated.js';
import type { IntellectualObjectView, IntellectualObjectsApiListIntellectualObjectsRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

/**
 * Query parameters for `client.objects.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/objects.
 * @example
 * ```ts
 * const page = await client.objects.list({ bag_group_identifier: 'Photos 2024', sort: 'updated_at__desc', per_page: 50 });
 * ```
 * @interface
 */
export type IntellectualObjectListParams = ListParams<IntellectualObjectsApiListIntellectualObjectsRequest>;

const v = Object.values;

export const intellectualObjectFilters = {
  access: { oneOf: v(ListIntellectualObjectsAccessEnum) },
  alt_identifier: 'string',
  alt_identifier__starts_with: 'string',
  bag_group_identifier: 'string',
  bag_group_identifier__starts_with: 'string',
  bag_name: 'string',
  // errata §3.3: never validated against the two profile URLs, so any string.
  bagit_profile_identifier: 'string',
  created_at__gteq: 'date',
  created_at__lteq: 'date',
  etag: 'string',
  // int64: bigint (or numeric) columns on the server; the other ints are 32-bit integer columns (pg-types.ts).
  file_count__gteq: 'int64',
  file_count__lteq: 'int64',
  identifier: 'string',
  identifier__starts_with: 'string',
  institution_id: 'int',
  institution_parent_id: 'int',
  internal_sender_description: 'string',
  internal_sender_identifier: 'string',
  size__gteq: 'int64',
  size__lteq: 'int64',
  source_organization: 'string',
  state: { oneOf: v(ListIntellectualObjectsStateEnum) },
  storage_option: { oneOf: v(ListIntellectualObjectsStorageOptionEnum) },
  updated_at__gteq: 'date',
  updated_at__lteq: 'date',
} as const satisfies FiltersFor<IntellectualObjectsApiListIntellectualObjectsRequest>;

export function intellectualObjectSpec(apis: WireApis): ResourceSpec<IntellectualObjectView> {
  return {
    name: 'objects',
    filters: intellectualObjectFilters,
    sorts: v(ListIntellectualObjectsSortEnum),
    tieBreak: { keys: ['id'] },
    list: (query, options) => apis.objects.listIntellectualObjects(query as IntellectualObjectsApiListIntellectualObjectsRequest, options),
  };
}
