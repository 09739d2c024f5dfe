// How a resource tells what changed since a run: the one thing an incremental export or sync
// needs to know about it, declared in its table entry (src/resources/*.ts).
//
// - `modified`: the server stamps a column on every save (updated_at), and a range filter on it
//   exists. A run after the first asks for what was stamped since the last run began, less an
//   overlap for commit lag. Filters on columns a change can move (state, sizes, fixity dates) are
//   not sent then: they are applied here, so a record that moved out of them is seen, and said to
//   have left.
// - `inserted`: records are never changed or deleted, only added (events, checksums). A run asks
//   from the newest value of a range-filterable time column at the last run, less an overlap that
//   covers how late a record can arrive after its time.
// - `full`: no column tells a change (deletion requests are approved or cancelled, work items move
//   through stages, alerts are read, and none has an updated_at filter; on /items it is a 500), so
//   every run reads everything and compares.

/** How a resource tells what changed since a run (see the comment at the top of this file). */
export type ChangeSpec =
  | {
      /** Read by a column the server stamps on every save. */
      readonly kind: 'modified';
      /** The column the server stamps on every save; filterable with __gteq. */
      readonly column: string;
      /** Filters on columns no change can move: sent to the server on every run. */
      readonly stable: readonly string[];
      /** Why this column tells every change, for the README. */
      readonly why: string;
    }
  | {
      /** Records only added, never changed: read from the newest time at the last run, less an overlap. */
      readonly kind: 'inserted';
      /** A time column, range-filterable, fixed when the record is written. */
      readonly column: string;
      /** How far before the last run's newest value the next run starts: how late a record can arrive. */
      readonly overlapMs: number;
      /** Why the column tells every new record, for the README. */
      readonly why: string;
    }
  | {
      /** No column tells a change: every run reads everything and compares. */
      readonly kind: 'full';
      /** Why, for the README. */
      readonly why: string;
    };

/** Commit lag: a change is stamped before its transaction commits, and can be seen only later. */
export const COMMIT_LAG_MS = 5 * 60_000;

/** A worker records events and checksums at the end of its work, with the times they happened. */
export const LATE_ARRIVAL_MS = 7 * 86_400_000;
