import { saltOf, type Rng } from '../prng.js';
import { US_PER_DAY } from '../time.js';
import { batchTime, monthlyRun } from './clock.js';
import { ACCESS, BAGIT_PROFILES, PLACES, SPECIAL_OBJECTS, STORAGE_OPTIONS, TOPICS } from './names.js';
import { institutionById, institutionFor } from './people.js';
import { column, makeTable, type Table, type Value } from './table.js';

const S = {
  inst: saltOf('obj.inst'),
  topic: saltOf('obj.topic'),
  place: saltOf('obj.place'),
  created: saltOf('obj.created'),
  touched: saltOf('obj.touched'),
  state: saltOf('obj.state'),
  alt: saltOf('obj.alt'),
  access: saltOf('obj.access'),
  etag: saltOf('obj.etag'),
  group: saltOf('obj.group'),
  storage: saltOf('obj.storage'),
  profile: saltOf('obj.profile'),
  org: saltOf('obj.org'),
  sender: saltOf('obj.sender'),
  desc: saltOf('obj.desc'),
};

/** Intellectual objects; aggregates (file_count, size, …) are filled in by the files model. */
export interface ObjectModel {
  readonly count: number;
  readonly inst: Uint8Array;
  bagName(j: number): string;
  identifier(j: number): string;
  state(j: number): 'A' | 'D';
  createdAt(j: number): number;
  updatedAt(j: number): number;
  storageOption(j: number): string;
  access(j: number): string;
  altIdentifier(j: number): string | null;
  bagGroup(j: number): string | null;
  profile(j: number): string;
  sourceOrganization(j: number): string;
  senderIdentifier(j: number): string | null;
  readonly fileCount: Int32Array;
  readonly size: Float64Array;
  readonly payloadCount: Int32Array;
  readonly payloadSize: Float64Array;
}

export function createObjects(rng: Rng, count: number): ObjectModel {
  const nSpecial = Math.min(SPECIAL_OBJECTS.length, count);
  const inst = new Uint8Array(count);
  for (let j = 0; j < count; j++) inst[j] = j < nSpecial ? SPECIAL_OBJECTS[j].institutionId : institutionFor(rng.float(S.inst, j));
  // ~5.4 objects per batch: non-integral so tie groups have uneven sizes and straddle page edges.
  const nBatches = Math.max(1, Math.round(count / 5.4));
  const bagName = (j: number): string =>
    j < nSpecial ? SPECIAL_OBJECTS[j].bagName : `${rng.pick(TOPICS, S.topic, j)}_${rng.pick(PLACES, S.place, j)}_${j + 1}`;
  const createdAt = (j: number): number => batchTime(rng, S.created, Math.floor((j * nBatches) / Math.max(1, count)), nBatches);
  const m: ObjectModel = {
    count,
    inst,
    bagName,
    identifier: (j) => `${institutionById(inst[j]).identifier}/${bagName(j)}`,
    state: (j) => (j < nSpecial ? SPECIAL_OBJECTS[j].state : rng.float(S.state, j) < 0.03 ? 'D' : 'A'),
    createdAt,
    updatedAt(j) {
      const c = createdAt(j);
      // 30% were touched by one of a dozen bulk updates at midnight: large tie groups.
      if (rng.float(S.touched, j) >= 0.3) return c;
      const run = monthlyRun(rng.int(0, 11, S.touched, j, 1));
      return run > c ? run : c + US_PER_DAY;
    },
    storageOption: (j) => (j < 2 || rng.float(S.storage, j) < 0.65 ? 'Standard' : rng.pick(STORAGE_OPTIONS, S.storage, j, 1)),
    access(j) {
      const r = rng.float(S.access, j);
      return r < 0.7 ? ACCESS[1] : r < 0.9 ? ACCESS[0] : ACCESS[2];
    },
    altIdentifier: (j) => (rng.float(S.alt, j) < 0.6 ? `${bagName(j)}_alt` : null),
    bagGroup: (j) => (rng.float(S.group, j) < 0.5 ? `group-${1 + (rng.u32(S.group, j, 1) % 12)}` : null),
    profile(j) {
      const r = rng.float(S.profile, j);
      return BAGIT_PROFILES[r < 0.6 ? 0 : r < 0.8 ? 1 : r < 0.9 ? 2 : 3];
    },
    sourceOrganization: (j) => (rng.float(S.org, j) < 0.1 ? 'Friends of the Library' : institutionById(inst[j]).name),
    senderIdentifier: (j) => (rng.float(S.sender, j) < 0.5 ? `ISI-${j + 1}` : null),
    fileCount: new Int32Array(count),
    size: new Float64Array(count),
    payloadCount: new Int32Array(count),
    payloadSize: new Float64Array(count),
  };
  return m;
}

function title(rng: Rng, m: ObjectModel, j: number): string {
  const name = m.bagName(j).replace(/_\d+$/, '').replace(/_/g, ' ');
  return rng.float(S.desc, j, 2) < 0.2 ? `${name} & related papers` : name.charAt(0).toUpperCase() + name.slice(1);
}

/** intellectual_objects_view: the IntellectualObjectView fields, in the spec's order. */
export function objectsTable(rng: Rng, m: ObjectModel): Table {
  const inst = (j: number) => institutionById(m.inst[j]);
  return makeTable(
    'objects',
    [
      column('id', 'int', (j) => j + 1),
      column('title', 'text', (j) => title(rng, m, j)),
      column('description', 'text', (j) =>
        rng.float(S.desc, j) < 0.3 ? 'Scans <300dpi> & transcriptions' : `A bag of ${m.bagName(j).split('_')[0]}`,
      ),
      column('identifier', 'text', (j) => m.identifier(j)),
      column('alt_identifier', 'text', (j) => m.altIdentifier(j)),
      column('access', 'text', (j) => m.access(j)),
      column('bag_name', 'text', (j) => m.bagName(j)),
      column('institution_id', 'int', (j) => m.inst[j]),
      column('created_at', 'time', (j) => m.createdAt(j)),
      column('updated_at', 'time', (j) => m.updatedAt(j)),
      column('state', 'text', (j) => m.state(j)),
      column('etag', 'text', (j) => rng.hex(32, S.etag, j) + (rng.float(S.etag, j, 9) < 0.1 ? `-${rng.int(2, 40, S.etag, j, 8)}` : '')),
      column('bag_group_identifier', 'text', (j) => m.bagGroup(j)),
      column('storage_option', 'text', (j) => m.storageOption(j)),
      column('bagit_profile_identifier', 'text', (j) => m.profile(j)),
      column('source_organization', 'text', (j) => m.sourceOrganization(j)),
      column('internal_sender_identifier', 'text', (j) => m.senderIdentifier(j)),
      column('internal_sender_description', 'text', (j) =>
        rng.float(S.sender, j, 1) < 0.3 ? 'Transferred from the old repository' : null,
      ),
      column('institution_name', 'text', (j) => inst(j).name),
      column('institution_identifier', 'text', (j) => inst(j).identifier),
      column('institution_type', 'text', (j) => inst(j).type),
      // NULL for members → 0 on the wire (errata §6.2).
      column('institution_parent_id', 'int', (j) => inst(j).parentId || null),
      column('file_count', 'int', (j) => m.fileCount[j]),
      // SQL sum() over no active files is NULL, which filters treat as NULL and JSON shows as 0.
      column('size', 'int', (j) => (m.fileCount[j] ? m.size[j] : null)),
      column('payload_file_count', 'int', (j) => m.payloadCount[j]),
      column('payload_size', 'int', (j) => (m.payloadCount[j] ? m.payloadSize[j] : null)),
    ],
    () => m.count,
    (j) => m.inst[j],
  );
}

/**
 * An object inserted after start (sandbox changes): a bag of the institution ingested at `t`,
 * with no files yet (file_count 0, size NULL).
 */
export function newObjectRow(rng: Rng, id: number, institutionId: number, t: number): Record<string, Value> {
  const inst = institutionById(institutionId);
  const bagName = `added_bag_${id}`;
  return {
    id,
    title: `Added bag ${id}`,
    description: 'A bag ingested while the sandbox ran',
    identifier: `${inst.identifier}/${bagName}`,
    alt_identifier: null,
    access: ACCESS[1],
    bag_name: bagName,
    institution_id: inst.id,
    created_at: t,
    updated_at: t,
    state: 'A',
    etag: rng.hex(32, S.etag, id + 0x40000000),
    bag_group_identifier: null,
    storage_option: 'Standard',
    bagit_profile_identifier: BAGIT_PROFILES[0],
    source_organization: inst.name,
    internal_sender_identifier: null,
    internal_sender_description: null,
    institution_name: inst.name,
    institution_identifier: inst.identifier,
    institution_type: inst.type,
    institution_parent_id: inst.parentId || null,
    file_count: 0,
    size: null,
    payload_file_count: 0,
    payload_size: null,
  };
}
