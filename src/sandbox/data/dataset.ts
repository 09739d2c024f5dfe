import { createRng, type Rng } from '../prng.js';
import type { SandboxOptions, SandboxUser } from '../types.js';
import { alertsTable, createAlerts } from './alerts.js';
import { checksumsTable, createChecksums, type ChecksumModel } from './checksums.js';
import { resolveCounts, type Counts } from './counts.js';
import { createDeletions, deletionsTable } from './deletions.js';
import { createEvents, type EventModel } from './events.js';
import { eventBaseColumns, eventsTable } from './events-table.js';
import { fileDetail } from './file-detail.js';
import { createFiles, type FileModel } from './files.js';
import { filesTable } from './files-table.js';
import { planItems } from './items-plan.js';
import { workItemsTable, type WorkItemTable } from './items-table.js';
import { identifierIndex, type IdentifierIndex } from './lookup.js';
import { createObjects, objectsTable, type ObjectModel } from './objects.js';
import { buildUsers } from './people.js';
import type { ResourceName, Table } from './table.js';

/** Everything the server serves, generated from (seed, counts) alone. */
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
  /** Exact identifier lookups for the `*id` show routes (errata §5.1). */
  readonly byIdentifier: Readonly<Record<'files' | 'objects' | 'events', IdentifierIndex>>;
  fileDetail(index: number): Record<string, unknown>;
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
  const items = workItemsTable(rng, planItems(rng, objects, files, counts.workItems), objects, files, deletions, users);
  const eventColumns = eventBaseColumns(rng, events, objects);
  const eventRange = (f: number): [number, number] => {
    const u = f + files.objectOf[f] + 1; // unit of file f: its object's unit, then the files before it
    return [events.unitStart[u], events.unitStart[u + 1]];
  };
  return {
    rng,
    counts,
    users,
    objects,
    files,
    checksums,
    events,
    items,
    tables: {
      alerts: alertsTable(rng, alerts, users, deletions),
      checksums: checksumsTable(checksums, files, objects),
      deletions: deletionsTable(rng, deletions, users),
      files: filesTable(files, objects, checksums),
      objects: objectsTable(rng, objects),
      events: eventsTable(rng, events, objects, files),
      items,
    },
    byIdentifier: {
      files: identifierIndex(files.count, files.identifier),
      objects: identifierIndex(objects.count, objects.identifier),
      events: identifierIndex(events.count, events.identifier),
    },
    fileDetail: (f) => fileDetail(f, files, objects, checksums, eventRange, eventColumns, events.dateTime),
  };
}
