// Deletion requests (/member-api/v3/deletions). Read-only: the member API cannot make them.
import type { DeletionRequestsApiListDeletionRequestsRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listDeletionRequests;

/**
 * Query parameters for `client.deletionRequests.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/deletions (it has no working `stage`/`status` filters: see openapi/FIXES.md).
 * @interface
 */
export type DeletionRequestListParams = ListParams<DeletionRequestsApiListDeletionRequestsRequest>;

// errata §3.2: the spec's stage/status filters give 500 and are removed by our overlay.
export const deletionRequestFilters = {
  institution_id: 'int',
  requested_at__gteq: 'date',
  requested_at__lteq: 'date',
} as const satisfies FiltersFor<DeletionRequestsApiListDeletionRequestsRequest>;

/** deletions: its URL, filters, sorts, tie-break and generated operations. */
export const deletionRequests = resource<DeletionRequestListParams>()({
  segment: 'deletions',
  noun: 'deletion request',
  idKind: 'numeric',
  idColumn: 'bigint',
  filters: deletionRequestFilters,
  sorts: V.sort,
  tieBreak: ['id'],
  windows: { window: 'requested_at' },
  changes: { kind: 'full', why: 'a request is approved or cancelled with no change column to filter on, so every run reads them all' },
  list: (apis, query, options) =>
    apis.deletionRequests.listDeletionRequests(query as DeletionRequestsApiListDeletionRequestsRequest, options),
  get: (apis, id, options) => apis.deletionRequests.getDeletionRequest({ id }, options),
});
