// Alerts sent to the calling user (/member-api/v3/alerts).
import type { AlertsApiListAlertsRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listAlerts;

/**
 * Query parameters for `client.alerts.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/alerts (you see only alerts sent to you).
 * @example
 * ```ts
 * const page = await client.alerts.list({ type: 'Failed Fixity Check', created_at__gteq: new Date('2024-01-01') });
 * ```
 * @interface
 */
export type AlertListParams = ListParams<AlertsApiListAlertsRequest>;

export const alertFilters = {
  created_at__gteq: 'date',
  created_at__lteq: 'date',
  institution_id: 'int',
  type: { oneOf: V.type },
  user_id: 'int',
} as const satisfies FiltersFor<AlertsApiListAlertsRequest>;

/** alerts: its URL, filters, sorts, tie-break and generated operations. */
export const alerts = resource<AlertListParams>()({
  segment: 'alerts',
  noun: 'alert',
  idKind: 'alert',
  idColumn: 'bigint',
  filters: alertFilters,
  sorts: V.sort,
  // A row per (alert, recipient): an admin sees the same alert id once per user.
  tieBreak: ['id', 'user_id'],
  windows: { window: 'created_at' },
  changes: { kind: 'full', why: 'an alert is marked read or deleted without a change column to filter on, so every run reads them all' },
  list: (apis, query, options) => apis.alerts.listAlerts(query as AlertsApiListAlertsRequest, options),
  get: (apis, key, options) => apis.alerts.getAlert(key, options),
});
