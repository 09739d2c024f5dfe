// Deletion requests (/member-api/v3/deletions). Read-only: the member API cannot make them.
import { ListDeletionRequestsSortEnum } from '../internal/generated.js';
import type { DeletionRequestView, DeletionRequestsApiListDeletionRequestsRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

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

export function deletionRequestSpec(apis: WireApis): ResourceSpec<DeletionRequestView> {
  return {
    name: 'deletions',
    filters: deletionRequestFilters,
    sorts: Object.values(ListDeletionRequestsSortEnum),
    tieBreak: { keys: ['id'] },
    list: (query, options) => apis.deletionRequests.listDeletionRequests(query as DeletionRequestsApiListDeletionRequestsRequest, options),
  };
}
