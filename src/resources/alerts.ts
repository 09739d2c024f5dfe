// Alerts sent to the calling user (/member-api/v3/alerts).
import { ListAlertsSortEnum, ListAlertsTypeEnum } from '../internal/generated.js';
import type { AlertView, AlertsApiListAlertsRequest, WireApis } from '../internal/generated.js';
import type { ResourceSpec } from './define.js';
import type { FiltersFor, ListParams } from './types.js';

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
  type: { oneOf: Object.values(ListAlertsTypeEnum) },
  user_id: 'int',
} as const satisfies FiltersFor<AlertsApiListAlertsRequest>;

export function alertSpec(apis: WireApis): ResourceSpec<AlertView> {
  return {
    name: 'alerts',
    filters: alertFilters,
    sorts: Object.values(ListAlertsSortEnum),
    // errata §1.4: a row per (alert, recipient); an admin sees the same alert id once per user.
    tieBreak: { keys: ['id', 'user_id'] },
    list: (query, options) => apis.alerts.listAlerts(query as AlertsApiListAlertsRequest, options),
  };
}
