import type { ResourceName } from '../data/table.js';

/** The Postgres type of an integer-valued view column; it names the type in cast errors. */
export type PgNumberType = 'integer' | 'bigint' | 'numeric';

// From the server's schema (db/schema.sql): most ids are serial4, so `integer`
// (filter.objects.institution_id.non_numeric, filter.alerts.user_id.non_numeric). bigserial ids,
// int8 columns and count(*) are `bigint` (filter.objects.file_count__gteq.non_numeric);
// sum() over an int8 is `numeric`. Unlisted columns are `integer`.
const WIDER: Record<ResourceName, Readonly<Record<string, PgNumberType>>> = {
  alerts: { id: 'bigint' },
  checksums: {},
  deletions: { id: 'bigint', file_count: 'bigint', object_count: 'bigint' },
  files: { size: 'bigint' },
  objects: { file_count: 'bigint', payload_file_count: 'bigint', size: 'numeric', payload_size: 'numeric' },
  events: {},
  items: { size: 'bigint', deletion_request_id: 'bigint' },
};

export function pgNumberType(resource: ResourceName, column: string): PgNumberType {
  return WIDER[resource][column] ?? 'integer';
}
