// Work items: the ingest, restore and delete queue (/member-api/v3/items).
import type { WorkItemsApiListWorkItemsRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listWorkItems;

/**
 * Query parameters for `client.workItems.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/items (the ingest, restore and delete queue).
 * @example
 * ```ts
 * for await (const item of client.workItems.all({ status__in: ['Failed', 'Cancelled'], sort: 'updated_at__desc' })) {
 *   console.log(item.name, item.stage, item.status, item.note);
 * }
 * ```
 * @interface
 */
export type WorkItemListParams = ListParams<WorkItemsApiListWorkItemsRequest>;

export const workItemFilters = {
  action: { oneOf: V.action },
  action__in: { listOf: V.action__in },
  alt_identifier: 'string',
  bag_date__gteq: 'date',
  bag_date__lteq: 'date',
  bag_group_identifier: 'string',
  bagit_profile_identifier: 'string',
  bucket: 'string',
  date_processed__gteq: 'date',
  date_processed__lteq: 'date',
  etag: 'string',
  generic_file_id: 'int',
  generic_file_id__is_null: 'bool',
  generic_file_identifier: 'string',
  institution_id: 'int',
  intellectual_object_id: 'int',
  intellectual_object_id__is_null: 'bool',
  name: 'string',
  needs_admin_review: 'bool',
  // errata §3.2: the server's names; the spec's node__is_not_null/queued_at__is_not_null give 500.
  node__is_null: 'bool',
  node__not_null: 'bool',
  object_identifier: 'string',
  queued_at__is_null: 'bool',
  queued_at__not_null: 'bool',
  retry: 'bool',
  // int64: bigint (or numeric) columns on the server; the other ints are 32-bit integer columns (pg-types.ts).
  size__gteq: 'int64',
  size__lteq: 'int64',
  stage: { oneOf: V.stage },
  stage__in: { listOf: V.stage__in },
  status: { oneOf: V.status },
  status__in: { listOf: V.status__in },
  storage_option: { oneOf: V.storage_option },
} as const satisfies FiltersFor<WorkItemsApiListWorkItemsRequest>;

/** items: its URL, filters, sorts, tie-break and generated operations. */
export const workItems = resource<WorkItemListParams>()({
  segment: 'items',
  noun: 'work item',
  idKind: 'numeric',
  filters: workItemFilters,
  sorts: V.sort,
  tieBreak: ['id'],
  // bag_date: the bag's time in the receiving bucket, set when the item is made and never changed
  // after (restore and delete items copy their ingest's); the queue's other dates move: date_processed
  // is reset each time an item is queued, and created_at/updated_at are not filters on /items.
  windows: { window: 'bag_date' },
  changes: {
    kind: 'full',
    why: 'items move through stages with no change filter: /items answers updated_at filters with a 500, and date_processed is reset on every retry; every run reads them all',
  },
  list: (apis, query, options) => apis.workItems.listWorkItems(query as WorkItemsApiListWorkItemsRequest, options),
  get: (apis, id, options) => apis.workItems.getWorkItem({ id }, options),
});
