// The numbers of `report health`: one plain, typed object computed by the crawls (crawl.ts) and
// read by every rendering (html.ts, text.ts, and --format json as it is). Keys are snake_case like
// the Registry's own records, since --format json hands this object to people's dashboards.
//
// Bytes are bigint: a member's holding summed over a million files can pass 2^53 (9 PB), where a
// double stops being exact. json.ts writes them as plain JSON integers, digit for digit.

/** Names this document's shape; bumped when a field changes meaning or goes away. */
export const HEALTH_SCHEMA = 'aptrust-registry/health-report/1';

/** A look-back window: records with `column` on or after `from`. */
export interface HealthWindow {
  column: string;
  days: number;
  /** RFC 3339 UTC, exactly the value sent as `<column>__gteq`. */
  from: string;
}

export interface StorageRow {
  storage_option: string;
  files: number;
  bytes: bigint;
}

export interface MonthRow {
  /** YYYY-MM (UTC) of the objects' created_at. */
  month: string;
  objects: number;
  bytes: bigint;
}

export interface WorkPeriod {
  /** First day of the period (YYYY-MM-DD, UTC). */
  start: string;
  /** Last day of the period, inclusive. */
  end: string;
  /** Items per status; only statuses seen in the period. */
  statuses: Record<string, number>;
  total: number;
}

export interface FixityBucket {
  label: string;
  /** Days since the last check, at least (null: never checked). */
  min_days: number | null;
  /** Days since the last check, at most (null: no upper bound, or never checked). */
  max_days: number | null;
  files: number;
}

/** A table of records: the first `rows` (at most the limit), out of `total`. */
export interface RowsSection<Row> {
  window: HealthWindow;
  total: number;
  /** The first rows in the report's order (newest first); `truncated` when there were more. */
  rows: Row[];
  truncated: boolean;
}

/** A row of the problems table: the problems report's columns, plus the object's id for a link. */
export type ProblemRow = Record<string, unknown> & { id: number };
/** A row of the failed fixity table: the failed-fixity report's columns, plus ids for links. */
export type FixityEventRow = Record<string, unknown> & { id: number };

export interface HealthReport {
  schema: typeof HEALTH_SCHEMA;
  /** "Now" for every window and for days-since-check (RFC 3339 UTC). */
  generated_at: string;
  /** The Registry's origin (scheme, host, port): where the page's links go. Never credentials. */
  registry: string;
  /** Active files (state A), by storage option, most bytes first. */
  storage: { files: number; bytes: bigint; options: StorageRow[] };
  /** Active objects (state A) by the month of created_at, oldest first; only months with objects. */
  ingests: { objects: number; bytes: bigint; months: MonthRow[] };
  /** Work items by date_processed in the window, per day (windows up to 31 days) or week (Monday to Sunday). */
  work_queue: {
    window: HealthWindow;
    period: 'day' | 'week';
    /** Every status seen, in the Registry's lifecycle order, others after. */
    statuses: string[];
    totals: Record<string, number>;
    total: number;
    periods: WorkPeriod[];
  };
  fixity: {
    /** Active files counted: the sum over the buckets, and storage.files. */
    files: number;
    buckets: FixityBucket[];
    /** Exactly `report failed-fixity --days N` (N: the problems window). */
    failed_events: RowsSection<FixityEventRow>;
  };
  /** Exactly `report problems --days N`. */
  problems: RowsSection<ProblemRow>;
}
