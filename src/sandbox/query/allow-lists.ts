import type { ResourceName } from '../data/table.js';

// errata §3.2: the server's allow-lists = the spec's params + server-only ones. The spec's
// `node__is_not_null` / `queued_at__is_not_null` are NOT here (the server says `__not_null`);
// deletions `stage`/`status` and items `user` ARE here although they break (§3.2).
const FILTERS: Record<ResourceName, readonly string[]> = {
  alerts: ['created_at__gteq', 'created_at__lteq', 'type', 'institution_id', 'user_id'],
  checksums: [
    'algorithm',
    'datetime__gteq',
    'datetime__lteq',
    'digest',
    'generic_file_id',
    'generic_file_identifier',
    'intellectual_object_id',
    'state',
    'institution_id',
  ],
  deletions: ['requested_at__gteq', 'requested_at__lteq', 'stage', 'status', 'institution_id'],
  files: [
    'created_at__gteq',
    'created_at__lteq',
    'identifier',
    'intellectual_object_id',
    'last_fixity_check__gteq',
    'last_fixity_check__lteq',
    'size__gteq',
    'size__lteq',
    'state',
    'storage_option',
    'updated_at__gteq',
    'updated_at__lteq',
    'uuid',
    'institution_id',
    'storage_option__in',
  ],
  objects: [
    'access',
    'alt_identifier',
    'alt_identifier__starts_with',
    'bag_group_identifier',
    'bag_group_identifier__starts_with',
    'bagit_profile_identifier',
    'created_at__gteq',
    'created_at__lteq',
    'etag',
    'file_count__gteq',
    'file_count__lteq',
    'identifier',
    'identifier__starts_with',
    'internal_sender_identifier',
    'size__gteq',
    'size__lteq',
    'state',
    'storage_option',
    'updated_at__gteq',
    'updated_at__lteq',
    'bag_name',
    'institution_id',
    'institution_parent_id',
    'internal_sender_description',
    'source_organization',
  ],
  events: [
    'date_time__gteq',
    'date_time__lteq',
    'event_type',
    'generic_file_id',
    'generic_file_id__is_null',
    'generic_file_identifier',
    'identifier',
    'intellectual_object_id',
    'intellectual_object_identifier',
    'outcome',
    'institution_id',
  ],
  items: [
    'action',
    'alt_identifier',
    'bag_date__gteq',
    'bag_date__lteq',
    'bag_group_identifier',
    'bagit_profile_identifier',
    'date_processed__gteq',
    'date_processed__lteq',
    'etag',
    'generic_file_id',
    'generic_file_id__is_null',
    'generic_file_identifier',
    'intellectual_object_id',
    'name',
    'node__is_null',
    'object_identifier',
    'queued_at__is_null',
    'retry',
    'size__gteq',
    'size__lteq',
    'stage',
    'status',
    'storage_option',
    'user',
    'action__in',
    'bucket',
    'institution_id',
    'intellectual_object_id__is_null',
    'needs_admin_review',
    'node__not_null',
    'queued_at__not_null',
    'stage__in',
    'status__in',
  ],
};

/** Keys every list route accepts besides its filters (request.go:53-66). */
export const PAGING_KEYS: ReadonlySet<string> = new Set(['sort', 'page', 'per_page']);

const ALLOWED = new Map(Object.entries(FILTERS).map(([k, v]) => [k, new Set(v)]));

export function allowedFilters(resource: ResourceName): ReadonlySet<string> {
  return ALLOWED.get(resource) as ReadonlySet<string>;
}

/**
 * errata §2.3: when every WHERE column is in this set (and no `__in` is used), `count` comes from
 * an hourly materialised view and may be stale. Alerts, checksums, deletions always count live.
 */
export const COUNT_FILTER_COLUMNS: Partial<Record<ResourceName, ReadonlySet<string>>> = {
  files: new Set(['institution_id', 'state']),
  objects: new Set(['institution_id', 'state']),
  events: new Set(['institution_id', 'event_type', 'outcome']),
  items: new Set(['institution_id', 'action']),
};

/** errata §4: default ORDER BY when no `sort` is given — timestamps only, no id tie-breaker. */
export const DEFAULT_SORT: Record<ResourceName, string> = {
  alerts: 'created_at__desc',
  checksums: 'datetime__desc',
  deletions: 'requested_at__desc',
  files: 'updated_at__desc',
  objects: 'updated_at__desc',
  events: 'date_time__desc',
  items: 'updated_at__desc',
};

/**
 * errata §3.2/§4: on work_items_view an unquoted `user` is Postgres CURRENT_USER, so a filter on it
 * never matches and a sort on it does nothing.
 */
export const CURRENT_USER_COLUMN = 'user';
