import { createRng, type Rng } from '../prng.js';
import { SandboxClock, US_PER_DAY } from '../time.js';
import type { SandboxOptions, SandboxUser } from '../types.js';
import { alertsTable, createAlerts } from './alerts.js';
import { checksumsTable, createChecksums, type ChecksumModel } from './checksums.js';
import { DATA_END } from './clock.js';
import { resolveCounts, type Counts } from './counts.js';
import { createDeletions, deletionsTable } from './deletions.js';
import { createEvents, type EventModel } from './events.js';
import { eventBaseColumns, eventsTable } from './events-table.js';
import { fileDetail } from './file-detail.js';
import { createFiles, type FileModel } from './files.js';
import { FileAppends, fileColumns, fileObject } from './files-table.js';
import { planItems } from './items-plan.js';
import { workItemsTable, type WorkItemTable } from './items-table.js';
import { identifierIndex, type IdentifierIndex } from './lookup.js';
import { createObjects, objectsTable as objectsView, type ObjectModel } from './objects.js';
import { Overlay, withOverlay } from './overlay.js';
import { buildUsers } from './people.js';
import { makeTable, withExtraRows, type Column, type ResourceName, type Table, type Value } from './table.js';

/** Everything the server serves, generated from (seed, counts) alone, plus what changed since start. */
export interface Dataset {
  readonly rng: Rng;
  readonly counts: Counts;
  readonly users: SandboxUser[];
  readonly objects: ObjectModel;
  readonly files: FileModel;
  readonly checksums: ChecksumModel;
  readonly events: EventModel;
  readonly items: WorkItemTable;
  readonly tables: Readonly<Record<ResourceName, Table>>;
  /**
   * The tables as generated, before any change: the rows that existed at start, with their
   * generated values (what a count frozen at start counts). Object aggregates are live.
   */
  readonly pristine: Readonly<Record<ResourceName, Table>>;
  /** Per-table patches and versions (every table has one; only files, objects, items and checksums change). */
  readonly overlays: Readonly<Record<ResourceName, Overlay>>;
  /** Files inserted after start (rows files.count…). */
  readonly addedFiles: FileAppends;
  /** Objects inserted after start (rows objects.count…), as records. */
  readonly addedObjects: Record<string, Value>[];
  /** Identifier → row index of inserted files and objects (the generated ones are in byIdentifier). */
  readonly addedIdentifiers: Readonly<Record<'files' | 'objects', Map<string, number>>>;
  /** Exact identifier lookups for the `*id` show routes (errata §5.1). */
  readonly byIdentifier: Readonly<Record<'files' | 'objects' | 'events', IdentifierIndex>>;
  /** "Now" for every row written after start. */
  readonly clock: SandboxClock;
  /** The owning object of any file row. */
  fileObject(f: number): number;
  fileDetail(index: number): Record<string, unknown>;
}

/** Every generated timestamp is before this (see clock.ts); rows written later are after it. */
const DATA_HORIZON = DATA_END + US_PER_DAY;

function withAdded(base: IdentifierIndex, added: ReadonlyMap<string, number>): IdentifierIndex {
  return { find: (identifier) => (added.size === 0 ? base.find(identifier) : (added.get(identifier) ?? base.find(identifier))) };
}

export function buildDataset(options: SandboxOptions): Dataset {
  const rng = createRng(options.seed ?? 1);
  const counts = resolveCounts(options);
  const users = buildUsers(rng.seed);
  const objects = createObjects(rng, counts.objects);
  const files = createFiles(rng, objects, counts.files);
  const checksums = createChecksums(rng, files, counts.checksums);
  const events = createEvents(rng, objects, files, counts.events);
  const deletions = createDeletions(rng, counts.deletions);
  const alerts = createAlerts(rng, counts.alerts, users);
  const overlays: Record<ResourceName, Overlay> = {
    alerts: new Overlay(),
    checksums: new Overlay(),
    deletions: new Overlay(),
    files: new Overlay(),
    objects: new Overlay(),
    events: new Overlay(),
    items: new Overlay(),
  };
  const items = workItemsTable(rng, planItems(rng, objects, files, counts.workItems), objects, files, deletions, users, overlays.items);
  const eventColumns = eventBaseColumns(rng, events, objects);
  const eventRange = (f: number): [number, number] => {
    const u = f + files.objectOf[f] + 1; // unit of file f: its object's unit, then the files before it
    return [events.unitStart[u], events.unitStart[u + 1]];
  };

  const addedFiles = new FileAppends();
  const addedObjects: Record<string, Value>[] = [];
  const fileObjectOf = (f: number) => fileObject(files, addedFiles, f);
  const fileCols = fileColumns(rng, files, objects, checksums, addedFiles, addedObjects);
  const filesLive = withOverlay(fileCols, overlays.files);
  const objectInstitution = (j: number): number =>
    j < objects.count ? objects.inst[j] : Number(addedObjects[j - objects.count].institution_id);
  const fileInst = (f: number) => objectInstitution(fileObjectOf(f));
  const filesTable = makeTable('files', filesLive, () => files.count + addedFiles.length, fileInst, {
    version: () => overlays.files.version(),
  });
  const fileState = (filesTable.byName.get('state') as Column).get;
  const fileIdentifier = (filesTable.byName.get('identifier') as Column).get as (f: number) => string;

  const objectCols = withExtraRows(objectsView(rng, objects).columns, objects.count, addedObjects);
  const objectInst = objectInstitution;
  const objectsTable = makeTable(
    'objects',
    withOverlay(objectCols, overlays.objects),
    () => objects.count + addedObjects.length,
    objectInst,
    {
      version: () => overlays.objects.version(),
    },
  );

  const fixed = (t: Table, overlay: Overlay): Table => ({ ...t, version: () => overlay.version() });
  const tables: Record<ResourceName, Table> = {
    alerts: fixed(alertsTable(rng, alerts, users, deletions), overlays.alerts),
    checksums: checksumsTable(checksums, files, objects, fileState, () => overlays.checksums.version(), {
      rows: addedFiles.checksums,
      fileIdentifier,
      fileObject: fileObjectOf,
      fileInstitution: fileInst,
    }),
    deletions: fixed(deletionsTable(rng, deletions, users), overlays.deletions),
    files: filesTable,
    objects: objectsTable,
    events: fixed(eventsTable(rng, events, objects, files), overlays.events),
    items,
  };
  const addedIdentifiers = { files: new Map<string, number>(), objects: new Map<string, number>() };
  return {
    rng,
    counts,
    users,
    objects,
    files,
    checksums,
    events,
    items,
    tables,
    pristine: {
      ...tables,
      checksums: checksumsTable(checksums, files, objects, files.state, () => 0),
      files: makeTable('files', fileCols, () => files.count, fileInst),
      objects: makeTable('objects', objectCols, () => objects.count, objectInst),
      items: items.pristine,
    },
    overlays,
    addedFiles,
    addedObjects,
    addedIdentifiers,
    byIdentifier: {
      files: withAdded(identifierIndex(files.count, files.identifier), addedIdentifiers.files),
      objects: withAdded(identifierIndex(objects.count, objects.identifier), addedIdentifiers.objects),
      events: identifierIndex(events.count, events.identifier),
    },
    clock: new SandboxClock(DATA_HORIZON),
    fileObject: fileObjectOf,
    fileDetail: (f) => fileDetail(f, filesTable, files, checksums, eventRange, eventColumns, events.dateTime, addedFiles.checksums),
  };
}
