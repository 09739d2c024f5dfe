// What each synced resource becomes in SQLite: its table, the columns members query, and the
// indexes; and the store's public types. No better-sqlite3 types here, so the declarations a
// consumer of the package reads never need @types/better-sqlite3. The columns are a chosen subset
// of each *View (generated/models/); the whole record is also kept in the `json` column, so a
// field left out here (or one the Registry adds later) is still there for json_extract().

/** A resource the sync mirrors; the names are the CLI's (`aptrust-registry sync files items`). */
export type SyncResource = 'files' | 'objects' | 'events' | 'checksums' | 'alerts' | 'deletions' | 'items';

export const SYNC_RESOURCES: readonly SyncResource[] = ['files', 'objects', 'events', 'checksums', 'alerts', 'deletions', 'items'];

/** How one batch's records compared with the rows stored before it. */
export interface BatchCounts {
  /** No row had the record's id. */
  new: number;
  /** The record differs from the stored one in any field (updated_at, state, a size…); the row was rewritten. */
  changed: number;
  /** The same as stored; nothing was written. */
  unchanged: number;
  /** Files and objects whose state went from A to D (counted here, not as changed); or rows removed. */
  left: number;
}

/** The layout this code writes. Bump it (and add a migration in schema.ts) when the layout changes. */
export const SCHEMA_VERSION = 1;

/**
 * How a value is stored. `time` is the Registry's RFC 3339 UTC text, written with exactly six
 * fractional digits (see cells.ts) so that text order is time order and `<`, `>=`, ORDER BY and
 * indexes work on it directly. `boolean` is 0/1.
 */
export type ColumnKind = 'integer' | 'text' | 'time' | 'boolean';

export interface TableSpec {
  readonly table: string;
  /** The primary key: `id` (an INTEGER PRIMARY KEY, SQLite's rowid) except for alerts. */
  readonly key: readonly string[];
  readonly columns: Readonly<Record<string, ColumnKind>>;
  /** Files and objects: state A → D is a deletion ("left"); their rows are never removed. */
  readonly tracksState: boolean;
  readonly indexes: readonly (readonly string[])[];
}

const institution = { institution_id: 'integer', institution_identifier: 'text' } as const;
const stamps = { created_at: 'time', updated_at: 'time' } as const;

export const TABLES: Readonly<Record<SyncResource, TableSpec>> = {
  files: {
    table: 'files',
    key: ['id'],
    columns: {
      id: 'integer',
      identifier: 'text',
      intellectual_object_id: 'integer',
      object_identifier: 'text',
      ...institution,
      file_format: 'text',
      size: 'integer',
      state: 'text',
      access: 'text',
      storage_option: 'text',
      uuid: 'text',
      md5: 'text',
      sha1: 'text',
      sha256: 'text',
      sha512: 'text',
      last_fixity_check: 'time',
      mtime: 'time',
      ...stamps,
    },
    tracksState: true,
    // (storage_option, state, size) answers the size-per-storage query from the index alone.
    indexes: [['identifier'], ['intellectual_object_id'], ['storage_option', 'state', 'size'], ['last_fixity_check'], ['updated_at']],
  },
  objects: {
    table: 'objects',
    key: ['id'],
    columns: {
      id: 'integer',
      identifier: 'text',
      alt_identifier: 'text',
      bag_name: 'text',
      bag_group_identifier: 'text',
      title: 'text',
      ...institution,
      access: 'text',
      state: 'text',
      storage_option: 'text',
      bagit_profile_identifier: 'text',
      source_organization: 'text',
      internal_sender_identifier: 'text',
      etag: 'text',
      file_count: 'integer',
      size: 'integer',
      payload_file_count: 'integer',
      payload_size: 'integer',
      ...stamps,
    },
    tracksState: true,
    indexes: [['identifier'], ['bag_group_identifier'], ['created_at'], ['updated_at']],
  },
  events: {
    table: 'events',
    key: ['id'],
    columns: {
      id: 'integer',
      identifier: 'text',
      event_type: 'text',
      outcome: 'text',
      date_time: 'time',
      intellectual_object_id: 'integer',
      intellectual_object_identifier: 'text',
      generic_file_id: 'integer',
      generic_file_identifier: 'text',
      institution_id: 'integer',
      agent: 'text',
      object: 'text',
      detail: 'text',
      outcome_detail: 'text',
      outcome_information: 'text',
      ...stamps,
    },
    tracksState: false,
    indexes: [['intellectual_object_id'], ['generic_file_id'], ['event_type', 'outcome'], ['date_time']],
  },
  checksums: {
    table: 'checksums',
    key: ['id'],
    columns: {
      id: 'integer',
      generic_file_id: 'integer',
      generic_file_identifier: 'text',
      intellectual_object_id: 'integer',
      institution_id: 'integer',
      algorithm: 'text',
      digest: 'text',
      datetime: 'time',
      state: 'text',
      ...stamps,
    },
    tracksState: false,
    indexes: [['generic_file_id'], ['digest']],
  },
  alerts: {
    table: 'alerts',
    // A row per (alert, recipient): a sysadmin's list holds the same alert id once per user.
    key: ['id', 'user_id'],
    columns: {
      id: 'integer',
      user_id: 'integer',
      user_email: 'text',
      type: 'text',
      subject: 'text',
      ...institution,
      deletion_request_id: 'integer',
      created_at: 'time',
      sent_at: 'time',
      read_at: 'time',
    },
    tracksState: false,
    indexes: [['type'], ['created_at']],
  },
  deletions: {
    table: 'deletion_requests',
    key: ['id'],
    columns: {
      id: 'integer',
      ...institution,
      requested_by_id: 'integer',
      requested_by_email: 'text',
      requested_at: 'time',
      confirmed_by_id: 'integer',
      confirmed_by_email: 'text',
      confirmed_at: 'time',
      cancelled_by_id: 'integer',
      cancelled_by_email: 'text',
      cancelled_at: 'time',
      file_count: 'integer',
      object_count: 'integer',
    },
    tracksState: false,
    indexes: [['requested_at']],
  },
  items: {
    table: 'work_items',
    key: ['id'],
    columns: {
      id: 'integer',
      name: 'text',
      etag: 'text',
      bucket: 'text',
      action: 'text',
      stage: 'text',
      status: 'text',
      outcome: 'text',
      ...institution,
      intellectual_object_id: 'integer',
      object_identifier: 'text',
      generic_file_id: 'integer',
      generic_file_identifier: 'text',
      deletion_request_id: 'integer',
      alt_identifier: 'text',
      bag_group_identifier: 'text',
      storage_option: 'text',
      size: 'integer',
      user: 'text',
      inst_approver: 'text',
      aptrust_approver: 'text',
      needs_admin_review: 'boolean',
      retry: 'boolean',
      node: 'text',
      pid: 'integer',
      note: 'text',
      bag_date: 'time',
      date_processed: 'time',
      queued_at: 'time',
      stage_started_at: 'time',
      ...stamps,
    },
    tracksState: false,
    indexes: [['name'], ['object_identifier'], ['action', 'stage', 'status'], ['updated_at']],
  },
};
