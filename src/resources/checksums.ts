// Checksums calculated at ingest and at fixity checks (/member-api/v3/checksums).
import type { ChecksumsApiListChecksumsRequest } from '../internal/generated.js';
import { LIST_VALUES } from '../internal/generated.js';
import { LATE_ARRIVAL_MS } from '../sync/spec.js';
import { resource } from './resource.js';
import type { FiltersFor, ListParams } from './types.js';

const V = LIST_VALUES.listChecksums;

/**
 * Query parameters for `client.checksums.list()` and `.all()`: paging, `sort`, and the filters the
 * Registry accepts on /member-api/v3/checksums.
 * @example
 * ```ts
 * for await (const c of client.checksums.all({ generic_file_identifier: 'example.edu/bag/data/a.txt', algorithm: 'sha256' })) {
 *   console.log(c.digest);
 * }
 * ```
 * @interface
 */
export type ChecksumListParams = ListParams<ChecksumsApiListChecksumsRequest>;

export const checksumFilters = {
  algorithm: { oneOf: V.algorithm },
  datetime__gteq: 'date',
  datetime__lteq: 'date',
  digest: 'string',
  generic_file_id: 'int',
  generic_file_identifier: 'string',
  institution_id: 'int',
  intellectual_object_id: 'int',
  state: { oneOf: V.state },
} as const satisfies FiltersFor<ChecksumsApiListChecksumsRequest>;

/** checksums: its URL, filters, sorts, tie-break and generated operations. */
export const checksums = resource<ChecksumListParams>()({
  segment: 'checksums',
  noun: 'checksum',
  idKind: 'numeric',
  filters: checksumFilters,
  sorts: V.sort,
  tieBreak: ['id'],
  windows: { window: 'datetime' },
  changes: {
    kind: 'inserted',
    column: 'datetime',
    overlapMs: LATE_ARRIVAL_MS,
    why: 'a checksum is never changed (a new one is added); datetime is when it was computed, recorded at the end of the work, so a run reads a week back',
  },
  list: (apis, query, options) => apis.checksums.listChecksums(query as ChecksumsApiListChecksumsRequest, options),
  get: (apis, id, options) => apis.checksums.getChecksum({ id }, options),
});
