// The reports: apt-cmd's three (in-process, problems, restorations) done properly, over every
// page, plus the ones members ask for at night (failed fixity, stalled items, overdue fixity).
// Each is one or more filtered crawls; where the Registry has no filter for a condition (items
// have no updated_at filter) a `keep` test runs on each record as it streams by.
import type { CliParams, CliRecord } from './resources.js';

export interface ReportArgs {
  since?: string;
  hours?: number;
  days?: number;
}

export interface ReportQuery {
  params: CliParams;
  keep?: (record: CliRecord) => boolean;
}

export interface ReportDefinition {
  name: string;
  description: string;
  resource: 'events' | 'files' | 'items';
  /** Table columns when --fields is not given. */
  columns: readonly string[];
  /** Crawls whose results are disjoint, so the union is streamed without remembering ids. */
  queries(args: ReportArgs, now: Date): ReportQuery[];
  examples: readonly string[];
}

const ITEM_COLUMNS = ['id', 'name', 'action', 'stage', 'status', 'updated_at'];
const DAY_MS = 86_400_000;

export const REPORTS: readonly ReportDefinition[] = [
  {
    name: 'failed-fixity',
    description: 'fixity checks that failed (events: event_type "fixity check", outcome Failure)',
    resource: 'events',
    columns: ['id', 'date_time', 'intellectual_object_identifier', 'generic_file_identifier', 'outcome_detail'],
    queries: ({ since }) => [{ params: { event_type: 'fixity check', outcome: 'Failure', date_time__gteq: since } }],
    examples: ['aptrust-registry report failed-fixity --since 2024-01-01 --format csv > failed-fixity.csv'],
  },
  {
    name: 'stalled',
    description: 'work items Started or Pending whose last update is older than --hours (default 24)',
    resource: 'items',
    columns: ['id', 'name', 'action', 'stage', 'status', 'node', 'updated_at'],
    queries: ({ hours = 24 }, now) => {
      const cutoff = now.getTime() - hours * 3_600_000;
      // The Registry has no updated_at filter for items: filter as records stream past.
      return [{ params: { status__in: ['Started', 'Pending'] }, keep: (r) => Date.parse(String(r.updated_at)) < cutoff }];
    },
    examples: ['aptrust-registry report stalled --hours 48'],
  },
  {
    name: 'not-checked-since',
    description: 'active files whose last fixity check is at least --days old',
    resource: 'files',
    columns: ['id', 'identifier', 'last_fixity_check', 'size', 'storage_option'],
    queries: ({ days = 0 }, now) => [
      { params: { state: 'A', last_fixity_check__lteq: new Date(now.getTime() - days * DAY_MS).toISOString() } },
    ],
    examples: ['aptrust-registry report not-checked-since --days 90 --format csv > overdue-fixity.csv'],
  },
  {
    name: 'in-process',
    description: 'work items in process (status Pending or Started)',
    resource: 'items',
    columns: ITEM_COLUMNS,
    queries: () => [{ params: { status__in: ['Pending', 'Started'] } }],
    examples: ['aptrust-registry report in-process'],
  },
  {
    name: 'problems',
    description: 'work items Failed, Cancelled or Suspended, plus any that need admin review',
    resource: 'items',
    columns: ['id', 'name', 'action', 'stage', 'status', 'retry', 'needs_admin_review', 'updated_at'],
    // Two disjoint crawls (the second excludes the first's statuses): each item once, no id set kept.
    queries: () => [
      { params: { status__in: ['Failed', 'Cancelled', 'Suspended'] } },
      { params: { needs_admin_review: 'true', status__in: ['Pending', 'Started', 'Success'] } },
    ],
    examples: ['aptrust-registry report problems --format json | jq length'],
  },
  {
    name: 'restorations',
    description: 'restore work items (Restore File, Restore Object, Glacier Restore)',
    resource: 'items',
    columns: ITEM_COLUMNS,
    queries: () => [{ params: { action__in: ['Restore File', 'Restore Object', 'Glacier Restore'] } }],
    examples: ['aptrust-registry report restorations --fields id,name,action,status,updated_at'],
  },
];
