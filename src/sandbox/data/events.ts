import { saltOf, type Rng } from '../prng.js';
import { US_PER_DAY, utcUs } from '../time.js';
import { runAfter } from './clock.js';
import type { FileModel } from './files.js';
import { distribute, ownerOf } from './layout.js';
import type { ObjectModel } from './objects.js';

const S = {
  weight: saltOf('ev.weight'),
  outcome: saltOf('ev.outcome'),
  uuid: saltOf('ev.uuid'),
  old: saltOf('ev.old'),
  run: saltOf('ev.run'),
  kind: saltOf('ev.kind'),
};

const OBJECT_TYPES = ['creation', 'ingestion', 'identifier assignment', 'access assignment'];
// Fixity checks come early in the list so that scaled-down event counts still contain some.
const FILE_TYPES = ['ingestion', 'message digest calculation', 'fixity check', 'identifier assignment', 'replication'];
/** Events before this date carry a legacy old_uuid (spec: "events created before 2017"). */
const LEGACY_BEFORE = utcUs(2017, 1, 1);

/**
 * Premis events hang off "units": each object followed by its files, so event ids follow
 * ingest order. Unit u is object-level when unitFile[u] < 0.
 */
export interface EventModel {
  readonly count: number;
  readonly unitObj: Int32Array;
  readonly unitFile: Int32Array;
  readonly unitStart: Int32Array;
  readonly unitOf: Int32Array;
  objectOf(e: number): number;
  /** File index or -1 for object-level events (generic_file_id NULL). */
  fileOf(e: number): number;
  eventType(e: number): string;
  outcome(e: number): string;
  dateTime(e: number): number;
  identifier(e: number): string;
  oldUuid(e: number): string | null;
}

export function createEvents(rng: Rng, objects: ObjectModel, files: FileModel, count: number): EventModel {
  const nUnits = objects.count + files.count;
  const unitObj = new Int32Array(nUnits);
  const unitFile = new Int32Array(nUnits);
  for (let j = 0, u = 0; j < objects.count; j++) {
    unitObj[u] = j;
    unitFile[u++] = -1;
    for (let f = files.objStart[j]; f < files.objStart[j + 1]; f++) {
      unitObj[u] = j;
      unitFile[u++] = f;
    }
  }
  const weight = (u: number): number => {
    const f = unitFile[u];
    if (f < 0) return objects.state(unitObj[u]) === 'D' ? 5 : 4;
    if (files.isUnrecorded(f) || rng.float(S.weight, u) < 0.02) return 0; // premis_events: null
    return 3 + (rng.float(S.weight, u, 1) < 0.4 ? 1 : 0) + (rng.float(S.weight, u, 2) < 0.3 ? 2 : 0);
  };
  const unitStart = distribute(nUnits, count, weight);
  const unitOf = ownerOf(unitStart, count);
  const pos = (e: number): number => e - unitStart[unitOf[e]];
  const isLast = (e: number): boolean => e === unitStart[unitOf[e] + 1] - 1;
  const fileOf = (e: number): number => unitFile[unitOf[e]];
  const eventType = (e: number): string => {
    const f = fileOf(e);
    const k = pos(e);
    if (f < 0) {
      if (isLast(e) && k > 0 && objects.state(unitObj[unitOf[e]]) === 'D') return 'deletion';
      return OBJECT_TYPES[k] ?? 'ingestion';
    }
    if (isLast(e) && k > 0 && files.state(f) === 'D') return 'deletion';
    if (k === 1 && rng.float(S.kind, e) < 0.05) return 'validation'; // not in the spec enum (errata §6.3)
    return FILE_TYPES[k] ?? 'fixity check';
  };
  const created = (e: number): number => objects.createdAt(unitObj[unitOf[e]]);
  const dateTime = (e: number): number => {
    const type = eventType(e);
    // Everything an ingest records shares the ingest's timestamp: big tie groups (errata §2.2).
    if (type === 'fixity check') return runAfter(created(e) + US_PER_DAY, rng.int(0, 30, S.run, e));
    if (type === 'deletion') return runAfter(created(e) + US_PER_DAY, rng.int(0, 6, S.run, e));
    return created(e);
  };
  return {
    count,
    unitObj,
    unitFile,
    unitStart,
    unitOf,
    objectOf: (e) => unitObj[unitOf[e]],
    fileOf,
    eventType,
    outcome: (e) => (eventType(e) === 'fixity check' && rng.float(S.outcome, e) < 0.06 ? 'Failure' : 'Success'),
    dateTime,
    identifier: (e) => rng.uuid(S.uuid, e),
    oldUuid: (e) => (dateTime(e) < LEGACY_BEFORE ? rng.uuid(S.old, e) : null),
  };
}
