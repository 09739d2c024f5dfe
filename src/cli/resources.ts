// The CLI's resources: the client's resource catalogue (URL segment, how `get` takes a key) plus
// what only the CLI needs, each resource's fields and default table columns. The names are those
// of the API's URLs, plus apt-cmd's (below).
import { RESOURCE_CATALOGUE } from '../index.js';
import type { ChangeSpec, IdKind, ListOperations, RegistryClient, ResourceName } from '../index.js';
import { FIELDS } from './fields.js';
import { UsageError } from './usage-error.js';

export type CliRecord = Record<string, unknown>;
export type CliParams = Record<string, unknown>;

/** How the show route identifies a record. */
export type GetKind = IdKind;

export interface CliResource {
  name: string;
  fields: readonly string[];
  /** Fields of the `get` record, when it differs from the list view (files/show). */
  detailFields: readonly string[];
  /** Default table columns: what a person scanning a terminal needs to tell rows apart. */
  columns: readonly string[];
  getKind: GetKind;
  /** How an incremental export or sync tells what changed (src/sync/spec.ts). */
  changes: ChangeSpec;
  ops(client: RegistryClient): ListOperations<CliRecord, CliParams>;
  fetch(client: RegistryClient): (id: number | string, userId?: number) => Promise<unknown>;
}

interface CliView {
  fields: readonly string[];
  detailFields: readonly string[];
  columns: readonly string[];
}

/** Every resource of the catalogue needs its entry here: a new one fails to compile until it has. */
const VIEWS: Record<ResourceName, CliView> = {
  alerts: { fields: FIELDS.alert, detailFields: FIELDS.alert, columns: ['id', 'type', 'subject', 'user_email', 'created_at', 'read_at'] },
  checksums: {
    fields: FIELDS.checksum,
    detailFields: FIELDS.checksum,
    columns: ['id', 'algorithm', 'state', 'datetime', 'generic_file_identifier', 'digest'],
  },
  deletionRequests: {
    fields: FIELDS.deletion,
    detailFields: FIELDS.deletion,
    columns: ['id', 'requested_by_email', 'requested_at', 'confirmed_at', 'cancelled_at', 'file_count', 'object_count'],
  },
  files: {
    fields: FIELDS.file,
    detailFields: FIELDS.fileDetail,
    columns: ['id', 'identifier', 'size', 'state', 'storage_option', 'last_fixity_check'],
  },
  objects: {
    fields: FIELDS.object,
    detailFields: FIELDS.object,
    columns: ['id', 'identifier', 'state', 'storage_option', 'file_count', 'size', 'updated_at'],
  },
  events: {
    fields: FIELDS.event,
    detailFields: FIELDS.event,
    columns: ['id', 'event_type', 'outcome', 'date_time', 'intellectual_object_identifier', 'generic_file_identifier'],
  },
  workItems: { fields: FIELDS.workItem, detailFields: FIELDS.workItem, columns: ['id', 'name', 'action', 'stage', 'status', 'updated_at'] },
};

type Ops = ListOperations<CliRecord, CliParams>;
/** The CLI handles every resource alike: records and params as plain objects, keys as given. */
type AnyGet = (key: number | string, userId?: number) => Promise<unknown>;

const RESOURCES: readonly CliResource[] = (Object.keys(RESOURCE_CATALOGUE) as ResourceName[]).map((key) => {
  const { segment, idKind, changes } = RESOURCE_CATALOGUE[key];
  return {
    name: segment,
    getKind: idKind,
    changes,
    ...VIEWS[key],
    ops: (client) => client[key] as unknown as Ops,
    fetch: (client) => {
      const namespace = client[key] as unknown as { get: AnyGet };
      return (id, userId) => (idKind === 'alert' ? namespace.get(id, userId) : namespace.get(id));
    },
  };
});

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

/** The other names findResource() takes (for shell completion). */
export const RESOURCE_ALIASES: readonly string[] = Object.keys(ALIASES);

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
