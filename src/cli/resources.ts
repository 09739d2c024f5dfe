// The CLI's resource names (those of the API's URLs, plus apt-cmd's names) and what the CLI needs
// to know about each: the client namespace, its fields, its default table columns.
import type { ListOperations, RegistryClient } from '../index.js';
import { FIELDS } from './fields.js';
import { UsageError } from './usage-error.js';

export type CliRecord = Record<string, unknown>;
export type CliParams = Record<string, unknown>;

/** How the show route identifies a record (errata §5.1, §5.3). */
export type GetKind = 'numeric' | 'id-or-identifier' | 'alert';

export interface CliResource {
  name: string;
  fields: readonly string[];
  /** Fields of the `get` record, when it differs from the list view (files/show). */
  detailFields: readonly string[];
  /** Default table columns: what a person scanning a terminal needs to tell rows apart. */
  columns: readonly string[];
  getKind: GetKind;
  ops(client: RegistryClient): ListOperations<CliRecord, CliParams>;
  fetch(client: RegistryClient): (id: number | string, userId?: number) => Promise<unknown>;
}

type Ops = ListOperations<CliRecord, CliParams>;
const asOps = (ops: unknown): Ops => ops as Ops;

const RESOURCES: readonly CliResource[] = [
  {
    name: 'alerts',
    fields: FIELDS.alert,
    detailFields: FIELDS.alert,
    getKind: 'alert',
    columns: ['id', 'type', 'subject', 'user_email', 'created_at', 'read_at'],
    ops: (c) => asOps(c.alerts),
    fetch: (c) => (id, userId) => c.alerts.get(id as number, userId as number),
  },
  {
    name: 'checksums',
    fields: FIELDS.checksum,
    detailFields: FIELDS.checksum,
    getKind: 'numeric',
    columns: ['id', 'algorithm', 'state', 'datetime', 'generic_file_identifier', 'digest'],
    ops: (c) => asOps(c.checksums),
    fetch: (c) => (id) => c.checksums.get(id as number),
  },
  {
    name: 'deletions',
    fields: FIELDS.deletion,
    detailFields: FIELDS.deletion,
    getKind: 'numeric',
    columns: ['id', 'requested_by_email', 'requested_at', 'confirmed_at', 'cancelled_at', 'file_count', 'object_count'],
    ops: (c) => asOps(c.deletionRequests),
    fetch: (c) => (id) => c.deletionRequests.get(id as number),
  },
  {
    name: 'files',
    fields: FIELDS.file,
    detailFields: FIELDS.fileDetail,
    getKind: 'id-or-identifier',
    columns: ['id', 'identifier', 'size', 'state', 'storage_option', 'last_fixity_check'],
    ops: (c) => asOps(c.files),
    fetch: (c) => (id) => c.files.get(id),
  },
  {
    name: 'objects',
    fields: FIELDS.object,
    detailFields: FIELDS.object,
    getKind: 'id-or-identifier',
    columns: ['id', 'identifier', 'state', 'storage_option', 'file_count', 'size', 'updated_at'],
    ops: (c) => asOps(c.objects),
    fetch: (c) => (id) => c.objects.get(id),
  },
  {
    name: 'events',
    fields: FIELDS.event,
    detailFields: FIELDS.event,
    getKind: 'id-or-identifier',
    columns: ['id', 'event_type', 'outcome', 'date_time', 'intellectual_object_identifier', 'generic_file_identifier'],
    ops: (c) => asOps(c.events),
    fetch: (c) => (id) => c.events.get(id),
  },
  {
    name: 'items',
    fields: FIELDS.workItem,
    detailFields: FIELDS.workItem,
    getKind: 'numeric',
    columns: ['id', 'name', 'action', 'stage', 'status', 'updated_at'],
    ops: (c) => asOps(c.workItems),
    fetch: (c) => (id) => c.workItems.get(id as number),
  },
];

/**
 * Other names people type. apt-cmd, which many members use first, says `file`, `object` and
 * `workitem` (and `workitems`); the other singulars follow, so a habit from either tool just works.
 */
const ALIASES: Record<string, string> = {
  alert: 'alerts',
  checksum: 'checksums',
  deletion: 'deletions',
  deletionrequest: 'deletions',
  deletionrequests: 'deletions',
  file: 'files',
  object: 'objects',
  event: 'events',
  item: 'items',
  workitem: 'items',
  workitems: 'items',
  'work-item': 'items',
  'work-items': 'items',
};

export const RESOURCE_NAMES = RESOURCES.map((r) => r.name);

/** For help texts: the names, and that singulars work too. */
export const RESOURCE_HELP = `one of ${RESOURCE_NAMES.join(', ')}; singulars work too (file, object, workitem…)`;

export function findResource(name: string): CliResource {
  const wanted = ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  const found = RESOURCES.find((r) => r.name === wanted);
  if (!found) {
    throw new UsageError(
      `unknown resource "${name}"`,
      `use one of: ${RESOURCE_NAMES.join(', ')} (or a singular such as file, object or workitem)`,
    );
  }
  return found;
}
