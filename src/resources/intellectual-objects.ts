// Intellectual objects: one row per preserved bag (/member-api/v3/objects).
import type { IntellectualObjectsApiListIntellectualObjectsRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listIntellectualObjects;

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

export const intellectualObjectFilters = {
  access: { oneOf: V.access },
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
  state: { oneOf: V.state },
  storage_option: { oneOf: V.storage_option },
  updated_at__gteq: 'date',
  updated_at__lteq: 'date',
} as const satisfies FiltersFor<IntellectualObjectsApiListIntellectualObjectsRequest>;

/** objects: its URL, filters, sorts, tie-break and generated operations. */
export const objects = resource<IntellectualObjectListParams>()({
  segment: 'objects',
  noun: 'object',
  idKind: 'id-or-identifier',
  filters: intellectualObjectFilters,
  sorts: V.sort,
  tieBreak: ['id'],
  windows: { window: 'created_at', modified: 'updated_at' },
  changes: {
    kind: 'modified',
    column: 'updated_at',
    stable: [
      'identifier',
      'identifier__starts_with',
      'bag_name',
      'institution_id',
      'institution_parent_id',
      'storage_option',
      'created_at__gteq',
      'created_at__lteq',
    ],
    why: 'the server stamps updated_at on every save of an object: a re-ingest (its size and file count) and a deletion (state D) save it',
  },
  list: (apis, query, options) =>
    apis.objects.listIntellectualObjects(query as IntellectualObjectsApiListIntellectualObjectsRequest, options),
  get: (apis, id, options) => apis.objects.getIntellectualObject({ id }, options),
});
