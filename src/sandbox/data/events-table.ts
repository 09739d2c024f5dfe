import { saltOf, type Rng } from '../prng.js';
import { utcUs } from '../time.js';
import type { EventModel } from './events.js';
import type { FileModel } from './files.js';
import type { ObjectModel } from './objects.js';
import { institutionById } from './people.js';
import { column, makeTable, type Column, type Table } from './table.js';

const S = { detail: saltOf('ev.detail') };
const EXCHANGE_UNTIL = utcUs(2018, 1, 1);

interface EventText {
  detail: string;
  object: string;
  outcomeInformation: string;
}

const TEXT: Record<string, EventText> = {
  creation: {
    detail: 'Object created',
    object: 'APTrust preservation services',
    outcomeInformation: 'Object record created in the registry',
  },
  ingestion: {
    detail: 'Copy completed to preservation storage',
    object: 'AWS Go SDK S3 uploader',
    outcomeInformation: 'Put using md5 checksum',
  },
  'identifier assignment': {
    detail: 'Assigned new institution.bag/path identifier',
    object: 'APTrust preservation services',
    outcomeInformation: 'Assigned identifier',
  },
  'access assignment': {
    detail: 'Assigned bag access rights',
    object: 'APTrust preservation services',
    outcomeInformation: 'Set access to institution',
  },
  'message digest calculation': {
    detail: 'Calculated fixity value',
    object: 'Go language crypto/sha256',
    outcomeInformation: 'Fixity calculated at ingest',
  },
  replication: {
    detail: 'Copied to replication storage and assigned replication URL identifier',
    object: 'AWS Go SDK S3 uploader',
    outcomeInformation: 'Replicated to secondary storage',
  },
  'fixity check': {
    detail: 'Fixity check against registered hash',
    object: 'Go language crypto/sha256',
    outcomeInformation: 'Fixity matches',
  },
  validation: { detail: 'Bag validated against its BagIt profile', object: 'APTrust bag validator', outcomeInformation: 'Bag is valid' },
  deletion: {
    detail: 'Deleted at the request of the depositor & approved',
    object: 'APTrust preservation services',
    outcomeInformation: 'Deletion approved by admin@institution.edu',
  },
};

/** The PremisEvent columns shared by events_view and the nested files/show events. */
export function eventBaseColumns(rng: Rng, m: EventModel, objects: ObjectModel): Column[] {
  const text = (e: number): EventText => TEXT[m.eventType(e)] ?? TEXT.ingestion;
  return [
    column('id', 'int', (e) => e + 1),
    column('agent', 'text', (e) =>
      m.dateTime(e) < EXCHANGE_UNTIL ? 'https://github.com/APTrust/exchange' : 'https://github.com/APTrust/preservation-services',
    ),
    column('date_time', 'time', (e) => m.dateTime(e)),
    column('detail', 'text', (e) => text(e).detail),
    column('event_type', 'text', (e) => m.eventType(e)),
    column('generic_file_id', 'int', (e) => (m.fileOf(e) < 0 ? null : m.fileOf(e) + 1)),
    column('identifier', 'text', (e) => m.identifier(e)),
    column('institution_id', 'int', (e) => objects.inst[m.objectOf(e)]),
    column('intellectual_object_id', 'int', (e) => m.objectOf(e) + 1),
    column('object', 'text', (e) => text(e).object),
    column('old_uuid', 'text', (e) => m.oldUuid(e)),
    column('outcome', 'text', (e) => m.outcome(e)),
    column('outcome_detail', 'text', (e) =>
      m.eventType(e) === 'ingestion' || m.eventType(e) === 'deletion' ? rng.hex(32, S.detail, e) : `sha256:${rng.hex(64, S.detail, e)}`,
    ),
    column('outcome_information', 'text', (e) =>
      m.outcome(e) === 'Failure'
        ? `Fixity did not match: expected ${rng.hex(16, S.detail, e)}…, got ${rng.hex(16, S.detail, e + 1)}…`
        : text(e).outcomeInformation,
    ),
    column('created_at', 'time', (e) => m.dateTime(e)),
    column('updated_at', 'time', (e) => m.dateTime(e)),
  ];
}

/** premis_events_view: PremisEventView fields. */
export function eventsTable(rng: Rng, m: EventModel, objects: ObjectModel, files: FileModel): Table {
  const base = new Map(eventBaseColumns(rng, m, objects).map((c) => [c.name, c]));
  const b = (name: string): Column => base.get(name) as Column;
  return makeTable(
    'events',
    [
      b('id'),
      b('agent'),
      b('created_at'),
      b('date_time'),
      b('detail'),
      b('event_type'),
      b('generic_file_id'),
      column('generic_file_identifier', 'text', (e) => (m.fileOf(e) < 0 ? null : files.identifier(m.fileOf(e)))),
      b('identifier'),
      b('institution_id'),
      column('institution_name', 'text', (e) => institutionById(objects.inst[m.objectOf(e)]).name),
      b('intellectual_object_id'),
      column('intellectual_object_identifier', 'text', (e) => objects.identifier(m.objectOf(e))),
      b('object'),
      b('old_uuid'),
      b('outcome'),
      b('outcome_detail'),
      b('outcome_information'),
      b('updated_at'),
    ],
    () => m.count,
    (e) => objects.inst[m.objectOf(e)],
  );
}
