// PREMIS events: ingestion, fixity checks, deletions… (/member-api/v3/events).
import { ListPremisEventsEventTypeEnum, ListPremisEventsOutcomeEnum, ListPremisEventsSortEnum } from '../internal/generated.js';
import type { PremisEventView, PremisEventsApiListPremisEventsRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

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
