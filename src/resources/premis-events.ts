// PREMIS events: ingestion, fixity checks, deletions… (/member-api/v3/events).
import { ListPremisEventsEventTypeEnum, ListPremisEventsOutcomeEnum, ListPremisEventsSortEnum } from '../internal/generated.js';
import type { PremisEventView, PremisEventsApiListPremisEventsRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

/**
 * Query parameters for `client.events.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/events.
 * @example
 * ```ts
 * for await (const e of client.events.all({ event_type: 'fixity check', outcome: 'Failure', date_time__gteq: '2024-01-01' })) {
 *   console.log(e.generic_file_identifier, e.outcome_detail);
 * }
 * ```
 * @interface
 */
export type PremisEventListParams = ListParams<PremisEventsApiListPremisEventsRequest>;

const v = Object.values;

export const premisEventFilters = {
  date_time__gteq: 'date',
  date_time__lteq: 'date',
  event_type: { oneOf: v(ListPremisEventsEventTypeEnum) },
  generic_file_id: 'int',
  generic_file_id__is_null: 'bool',
  generic_file_identifier: 'string',
  identifier: 'string',
  institution_id: 'int',
  intellectual_object_id: 'int',
  intellectual_object_identifier: 'string',
  outcome: { oneOf: v(ListPremisEventsOutcomeEnum) },
} as const satisfies FiltersFor<PremisEventsApiListPremisEventsRequest>;

export function premisEventSpec(apis: WireApis): ResourceSpec<PremisEventView> {
  return {
    name: 'events',
    filters: premisEventFilters,
    sorts: v(ListPremisEventsSortEnum),
    tieBreak: { keys: ['id'] },
    list: (query, options) => apis.events.listPremisEvents(query as PremisEventsApiListPremisEventsRequest, options),
  };
}
