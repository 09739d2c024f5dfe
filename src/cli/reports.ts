// The reports: apt-cmd's three (in-process, problems, restorations) with apt-cmd's window and
// order (the last 30 days by date_processed, newest first) but over every page, plus the ones
// members ask for at night (failed fixity, stalled items, overdue fixity). Each is one or more
// filtered crawls; where the Registry has no filter for a condition (items have no updated_at
// filter) a `keep` test runs on each record as it streams by.
import type { ResolvedDate } from './dates.js';
import type { CliParams, CliRecord } from './resources.js';

/** What the flags of `report <name>` say, dates resolved (see resolveWindow in commands/report.ts). */
export interface ReportArgs {
  /** The start of the window (--since, --days or the default); for not-checked-since, the cutoff. */
  from?: ResolvedDate;
  /** stalled: not updated for this many hours. */
  hours?: number;
}

export interface ReportQuery {
  params: CliParams;
  keep?: (record: CliRecord) => boolean;
}

export interface ReportWindow {
  /** The date filter --since and --days set (on or after). */
  column: string;
  /** The window when neither is given; undefined: all time. */
  defaultDays?: number;
}

export interface ReportDefinition {
  name: string;
  description: string;
  resource: 'events' | 'files' | 'items';
  /** Table columns when --fields is not given. */
  columns: readonly string[];
  /** The window --since/--days set; not-checked-since has none (its --since/--days is the cutoff). */
  window?: ReportWindow;
  /** The order, as the Registry's sort; several queries are merged in it. Undefined: crawl order. */
  sort?: string;
  /** Crawls whose results are disjoint, so the union is streamed without remembering ids. */
  queries(args: ReportArgs, now: number): ReportQuery[];
  /** For --help: exactly what the report selects, its window and its order. */
  selects: string;
  examples: readonly string[];
}

/** apt-cmd's window for its reports. */
export const DEFAULT_DAYS = 30;

const ITEM_COLUMNS = ['id', 'name', 'action', 'stage', 'status', 'date_processed'];
const RESTORE_ACTIONS = ['Restore File', 'Restore Object', 'Glacier Restore'];
const NEWEST_ITEMS = 'date_processed__desc';
const itemWindow = { column: 'date_processed', defaultDays: DEFAULT_DAYS };

/** The window's filter, when there is a window. */
function since(args: ReportArgs, column: string): CliParams {
  return args.from === undefined ? {} : { [`${column}__gteq`]: args.from.text };
}

const WINDOW_HELP = (column: string, days?: number) =>
  `Window: ${column} on or after --since WHEN or --days N days ago (default: ${days === undefined ? 'all time' : `the last ${days} days`}).`;

export const REPORTS: readonly ReportDefinition[] = [
  {
    name: 'failed-fixity',
    description: 'fixity checks that failed, newest first (default: the last 30 days)',
    resource: 'events',
    columns: ['id', 'date_time', 'intellectual_object_identifier', 'generic_file_identifier', 'outcome_detail'],
    window: { column: 'date_time', defaultDays: DEFAULT_DAYS },
    sort: 'date_time__desc',
    queries: (args) => [{ params: { event_type: 'fixity check', outcome: 'Failure', ...since(args, 'date_time') } }],
    selects: `Selects: events with event_type "fixity check" and outcome Failure.
${WINDOW_HELP('date_time', DEFAULT_DAYS)}
Order: newest first (date_time, then id).`,
    examples: [
      'aptrust-registry report failed-fixity --since 7d --format csv > failed-fixity.csv',
      'aptrust-registry report failed-fixity --since 2024-01-01',
    ],
  },
  {
    name: 'stalled',
    description: 'work items Started or Pending whose last update is older than --hours (default 24)',
    resource: 'items',
    columns: ['id', 'name', 'action', 'stage', 'status', 'node', 'updated_at'],
    window: { column: 'date_processed' },
    sort: NEWEST_ITEMS,
    queries: (args, now) => {
      const cutoff = now - (args.hours ?? 24) * 3_600_000;
      // The Registry has no updated_at filter for items: filter as records stream past.
      return [
        {
          params: { status__in: ['Started', 'Pending'], ...since(args, 'date_processed') },
          keep: (r) => Date.parse(String(r.updated_at)) < cutoff,
        },
      ];
    },
    selects: `Selects: work items with status Started or Pending whose updated_at is more than --hours
(default 24) before now (tested on each item: /items has no updated_at filter).
${WINDOW_HELP('date_processed')}
Order: newest first (date_processed, then id).`,
    examples: ['aptrust-registry report stalled --hours 48', 'aptrust-registry report stalled --since 30d'],
  },
  {
    name: 'not-checked-since',
    description: 'active files whose last fixity check is on or before a cutoff (--days N ago, or --since)',
    resource: 'files',
    columns: ['id', 'identifier', 'last_fixity_check', 'size', 'storage_option'],
    queries: (args) => [{ params: { state: 'A', ...(args.from ? { last_fixity_check__lteq: args.from.text } : {}) } }],
    selects: `Selects: files with state A whose last_fixity_check is on or before the cutoff: --days N
days before now, or --since WHEN (one of them is required). A note on stderr says how the
cutoff was computed. No window: every such file.
Order: the crawl's (by created_at), not sorted: a sort would page by offset, slow on many files.`,
    examples: [
      'aptrust-registry report not-checked-since --days 90 --format csv > overdue-fixity.csv',
      'aptrust-registry report not-checked-since --since 2024-01-01',
    ],
  },
  {
    name: 'in-process',
    description: 'work items in process (Pending or Started), newest first (default: the last 30 days)',
    resource: 'items',
    columns: ITEM_COLUMNS,
    window: itemWindow,
    sort: NEWEST_ITEMS,
    queries: (args) => [{ params: { status__in: ['Pending', 'Started'], ...since(args, 'date_processed') } }],
    selects: `Selects: work items with status Pending or Started (apt-cmd's in-process report).
${WINDOW_HELP('date_processed', DEFAULT_DAYS)}
Order: newest first (date_processed, then id).`,
    examples: ['aptrust-registry report in-process', 'aptrust-registry report in-process --days 365'],
  },
  {
    name: 'problems',
    description: 'work items Failed, Cancelled or Suspended, or needing admin review, newest first (default: the last 30 days)',
    resource: 'items',
    columns: ['id', 'name', 'action', 'stage', 'status', 'outcome', 'note', 'retry', 'needs_admin_review', 'date_processed'],
    window: itemWindow,
    sort: NEWEST_ITEMS,
    // Two disjoint crawls (the second excludes the first's statuses), merged in order: each item once, no id set kept.
    queries: (args) => [
      { params: { status__in: ['Failed', 'Cancelled', 'Suspended'], ...since(args, 'date_processed') } },
      { params: { needs_admin_review: 'true', status__in: ['Pending', 'Started', 'Success'], ...since(args, 'date_processed') } },
    ],
    selects: `Selects: work items with status Failed, Cancelled or Suspended, and those with needs_admin_review
true (any other status), each once.
${WINDOW_HELP('date_processed', DEFAULT_DAYS)}
Order: newest first (date_processed, then id).`,
    examples: ['aptrust-registry report problems --format json | jq length', 'aptrust-registry report problems --since yesterday'],
  },
  {
    name: 'restorations',
    description: 'restore work items, newest first (default: the last 30 days)',
    resource: 'items',
    columns: ['id', 'name', 'action', 'stage', 'status', 'outcome', 'note', 'date_processed'],
    window: itemWindow,
    sort: NEWEST_ITEMS,
    queries: (args) => [{ params: { action__in: RESTORE_ACTIONS, ...since(args, 'date_processed') } }],
    selects: `Selects: work items with action Restore File, Restore Object or Glacier Restore.
${WINDOW_HELP('date_processed', DEFAULT_DAYS)}
Order: newest first (date_processed, then id).`,
    examples: ['aptrust-registry report restorations --fields id,name,action,status,outcome,note,date_processed'],
  },
];
