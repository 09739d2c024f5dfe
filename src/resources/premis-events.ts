// PREMIS events: ingestion, fixity checks, deletions… (/member-api/v3/events).
import type { PremisEventsApiListPremisEventsRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { LATE_ARRIVAL_MS } from '../sync/spec.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listPremisEvents;

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

export const premisEventFilters = {
  date_time__gteq: 'date',
  date_time__lteq: 'date',
  event_type: { oneOf: V.event_type },
  generic_file_id: 'int',
  generic_file_id__is_null: 'bool',
  generic_file_identifier: 'string',
  identifier: 'string',
  institution_id: 'int',
  intellectual_object_id: 'int',
  intellectual_object_identifier: 'string',
  outcome: { oneOf: V.outcome },
} as const satisfies FiltersFor<PremisEventsApiListPremisEventsRequest>;

/** events: its URL, filters, sorts, tie-break and generated operations. */
export const events = resource<PremisEventListParams>()({
  segment: 'events',
  noun: 'event',
  idKind: 'id-or-identifier',
  filters: premisEventFilters,
  sorts: V.sort,
  tieBreak: ['id'],
  windows: { window: 'date_time' },
  changes: {
    kind: 'inserted',
    column: 'date_time',
    overlapMs: LATE_ARRIVAL_MS,
    why: 'events are never changed or deleted; date_time is when the work was done, which a worker records at its end, so a run reads a week back',
  },
  list: (apis, query, options) => apis.events.listPremisEvents(query as PremisEventsApiListPremisEventsRequest, options),
  get: (apis, id, options) => apis.events.getPremisEvent({ id }, options),
});
