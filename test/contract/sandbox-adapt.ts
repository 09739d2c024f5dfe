// How each recorded request that names fixture data is re-aimed at sandbox data so that the same
// condition holds (own record, another institution's, nonexistent, a filter that matches rows or
// none). Everything not named here is sent exactly as recorded.
import type { Fixtures, Resource, Row } from './sandbox-fixtures.js';

export interface Adaptation {
  /** The raw path to send instead of the recorded one (already percent-encoded). */
  path?: string;
  /** Decoded values that replace the recorded values of these query keys, in order. */
  query?: Record<string, string[]>;
  /** [recorded, sandbox] text pairs that turn the recorded error message into the expected one. */
  subs?: [string, string][];
  /**
   * Set when whether the list comes back empty is a property of the fixture data that no sandbox
   * value reproduces; says why. The shape is still compared.
   */
  emptinessIsData?: string;
}

type Adapter = (fx: Fixtures) => Adaptation;

const API = '/member-api/v3/';
const show = (resource: string, id: unknown): string => `${API}${resource}/show/${String(id)}`;
/** Every `/` as %2F, like the recorded "encoded" identifier exchanges. */
const enc = (s: unknown): string => encodeURIComponent(String(s));
/** Each segment encoded, slashes kept raw, like the recorded "raw_slashes" exchanges. */
const rawSlashes = (s: unknown): string => String(s).split('/').map(encodeURIComponent).join('/');
const plain = (r: Row): boolean => /^[\w./-]+$/.test(String(r.identifier));

/** A stored file whose files/show checksums and premis_events are present or absent (null) as asked. */
function fileWith(fx: Fixtures, want: { checksums: boolean; events: boolean }): (r: Row) => boolean {
  return (r) => {
    const d = fx.sb.data.fileDetail(Number(r.id));
    return !!d && (d.checksums !== null) === want.checksums && (d.premis_events !== null) === want.events && d.storage_records !== null;
  };
}

const instSub = (recorded: number, row: Row): [string, string] => [
  `(institution ${recorded})`,
  `(institution ${String(row.institution_id)})`,
];

const ownShow =
  (resource: Resource, pred?: (r: Row) => boolean): Adapter =>
  (fx) => ({ path: show(resource, fx.own(resource, pred).id) });

const otherShow =
  (resource: Resource, recordedInst: number, key: 'id' | 'identifier' = 'id'): Adapter =>
  (fx) => {
    const row = fx.other(resource, recordedInst);
    return { path: show(resource, key === 'id' ? row.id : enc(row.identifier)), subs: [instSub(recordedInst, row)] };
  };

/** Alerts the member received; alerts of institution 2 nobody in the sandbox's cast received. */
const received = (fx: Fixtures, k: number): Row => fx.visible('alerts')[k] ?? fx.visible('alerts')[0];
const notReceived = (fx: Fixtures): Row => {
  const mine = new Set(fx.visible('alerts').map((r) => r.id));
  const row = fx.all('alerts').find((r) => r.institution_id === fx.cast.member.institutionId && !mine.has(r.id));
  if (!row) throw new Error('every institution-2 sandbox alert went to the member');
  return row;
};

const value =
  (resource: Resource, key: string, column = key, unique = false): Adapter =>
  (fx) => ({ query: { [key]: [fx.value(resource, column, { unique })] } });

const NO_NODES = 'no institution-2 fixture work item has a node; sandbox items in progress have one, and the filter key cannot change';

export const ADAPT: Record<string, Adapter> = {
  // ── empty_one: one-row filters take a value exactly one visible sandbox row holds.
  'empty_one.alerts.one': value('alerts', 'type', 'type', true),
  'empty_one.checksums.one': value('checksums', 'digest', 'digest', true),
  'empty_one.deletions.one': (fx) => ({ query: { requested_at__lteq: [firstSecondAfter(fx.visible('deletions'), 'requested_at')] } }),
  'empty_one.files.one': value('files', 'identifier', 'identifier', true),
  'empty_one.objects.one': value('objects', 'identifier', 'identifier', true),
  'empty_one.events.empty': (fx) => ({ query: { outcome: [fx.absent('events', 'outcome', 'Failure')] } }),
  'empty_one.items.one': value('items', 'name', 'name', true),

  // ── show: alerts/show/:id/:user_id with the cast's user ids.
  'show.alerts.own': (fx) => ({ path: show('alerts', `${String(received(fx, 0).id)}/${fx.cast.member.id}`) }),
  'show.alerts.own_8': (fx) => ({ path: show('alerts', `${String(received(fx, 1).id)}/${fx.cast.member.id}`) }),
  'show.alerts.not_recipient': (fx) => ({ path: show('alerts', `${String(notReceived(fx).id)}/${fx.cast.member.id}`) }),
  'show.alerts.user_id_non_numeric': (fx) => ({ path: show('alerts', `${String(received(fx, 0).id)}/abc`) }),
  'show.alerts.id_non_numeric': (fx) => ({ path: show('alerts', `abc/${fx.cast.member.id}`) }),
  'show.alerts.nonexistent': (fx) => ({ path: show('alerts', `999999/${fx.cast.member.id}`) }),
  'show.alerts.other_institution': (fx) => {
    const row = received(fx, 0);
    return { path: show('alerts', `${String(row.id)}/${fx.cast.otherMember.id}`), subs: [instSub(2, row)] };
  },
  'show.alerts.sysadmin_other_user': (fx) => ({ path: show('alerts', `${String(received(fx, 0).id)}/${fx.cast.member.id}`) }),

  'show.checksums.by_id': ownShow('checksums'),
  'show.checksums.other_institution': otherShow('checksums', 4),

  'show.deletions.by_id_1': (fx) => ({ path: show('deletions', fx.visible('deletions')[0].id) }),
  // Request 2 was confirmed and request 3 cancelled; the sandbox's first deletions differ the same way.
  'show.deletions.by_id_2': ownShow('deletions', (r) => r.confirmed_by_id !== 0),
  'show.deletions.by_id_3': ownShow('deletions', (r) => r.cancelled_by_id !== 0),
  'show.deletions.other_institution': (fx) => {
    const row = fx.visible('deletions')[0]; // institution 2's, asked for by the institution-3 user
    return { path: show('deletions', row.id), subs: [instSub(2, row)] };
  },

  'show.files.by_id': (fx) => ({ path: show('files', fx.own('files', fileWith(fx, { checksums: true, events: true })).id) }),
  'show.files.by_id_no_checksums': (fx) => ({
    path: show('files', fx.own('files', fileWith(fx, { checksums: false, events: true })).id),
  }),
  'show.files.by_identifier_encoded': (fx) => ({
    path: show('files', enc(fx.own('files', (r) => plain(r) && fileWith(fx, { checksums: true, events: true })(r)).identifier)),
  }),
  'show.files.by_identifier_raw_slashes': (fx) => ({
    path: show('files', rawSlashes(fx.own('files', (r) => plain(r) && fileWith(fx, { checksums: true, events: true })(r)).identifier)),
  }),
  // Institution 3's own file with spaces, `&` and a curly apostrophe, asked for by its own user.
  'show.files.by_identifier_special_chars': (fx) => {
    const row = fx.visible('files', fx.cast.otherMember).find((r) => /[ ].*&.*’/.test(String(r.identifier)));
    if (!row) throw new Error('no institution-3 sandbox file has special characters');
    return { path: show('files', enc(row.identifier)) };
  },
  'show.files.other_institution_identifier': otherShow('files', 3, 'identifier'),
  'show.files.trailing_slash': (fx) => ({ path: `${show('files', fx.own('files').id)}/` }),

  'show.objects.by_id': ownShow('objects'),
  'show.objects.by_identifier_encoded': (fx) => ({ path: show('objects', enc(fx.own('objects', plain).identifier)) }),
  'show.objects.by_identifier_raw_slashes': (fx) => ({ path: show('objects', rawSlashes(fx.own('objects', plain).identifier)) }),
  'show.objects.other_institution': otherShow('objects', 3),
  'show.objects.other_institution_identifier': otherShow('objects', 3, 'identifier'),

  'show.events.by_id': ownShow('events'),
  'show.events.by_uuid': (fx) => ({ path: show('events', fx.own('events').identifier) }),
  'show.events.by_uuid_encoded': (fx) => ({ path: show('events', enc(fx.own('events').identifier)) }),
  'show.events.by_uuid_uppercase': (fx) => ({ path: show('events', String(fx.own('events').identifier).toUpperCase()) }),
  'show.events.other_institution': otherShow('events', 3),

  'show.items.by_id_restore_file': ownShow('items', (r) => r.action === 'Restore Object'),

  'errors.auth.inactive_user_show': ownShow('objects'),
  'methods.head_show': ownShow('objects'),

  // ── filter: fixture values → values visible sandbox rows hold.
  'filter.alerts.type': value('alerts', 'type'),
  'filter.alerts.user_id': (fx) => ({ query: { user_id: [String(fx.cast.member.id)] } }),
  'filter.checksums.generic_file_id': value('checksums', 'generic_file_id'),
  'filter.checksums.generic_file_identifier': value('checksums', 'generic_file_identifier'),
  'filter.checksums.intellectual_object_id': value('checksums', 'intellectual_object_id'),
  'filter.files.identifier': value('files', 'identifier'),
  'filter.files.uuid': value('files', 'uuid'),
  'filter.files.state': value('files', 'state', 'state', true),
  'filter.files.storage_option': (fx) => ({
    query: { storage_option: [fx.value('files', 'storage_option', { pred: (r) => r.storage_option !== 'Standard' })] },
  }),
  'filter.files.size__gteq': (fx) => ({ query: { size__gteq: [String(Math.max(...fx.visible('files').map((r) => Number(r.size))))] } }),
  'filter.objects.alt_identifier__starts_with': (fx) => ({
    query: { alt_identifier__starts_with: [fx.value('objects', 'alt_identifier').slice(0, 5)] },
  }),
  'filter.objects.bag_group_identifier': value('objects', 'bag_group_identifier'),
  'filter.objects.bag_group_identifier__starts_with': (fx) => ({
    query: { bag_group_identifier__starts_with: [fx.value('objects', 'bag_group_identifier').replace(/\d+$/, '')] },
  }),
  'filter.objects.bag_name': value('objects', 'bag_name'),
  'filter.objects.bagit_profile_identifier': value('objects', 'bagit_profile_identifier'),
  'filter.objects.etag': value('objects', 'etag'),
  'filter.objects.identifier': value('objects', 'identifier'),
  'filter.objects.internal_sender_description': value('objects', 'internal_sender_description'),
  'filter.objects.internal_sender_identifier': value('objects', 'internal_sender_identifier'),
  // `gl` matched glass, glacier…; `photo` is the sandbox's prefix shared by photo_album and photos-1960.
  'filter.objects.identifier__starts_with': () => ({ query: { identifier__starts_with: ['institution1.edu/photo'] } }),
  'filter.objects.identifier__starts_with.underscore_wildcard': () => ({ query: { identifier__starts_with: ['institution1.edu/photo_'] } }),
  'filter.objects.identifier__starts_with.percent_wildcard': () => ({ query: { identifier__starts_with: ['institution1.edu/%_album'] } }),
  'filter.objects.identifier__starts_with.uppercase': () => ({ query: { identifier__starts_with: ['INSTITUTION1.EDU/PHOTO'] } }),
  'filter.objects.identifier.uppercase': (fx) => ({ query: { identifier: [fx.value('objects', 'identifier').toUpperCase()] } }),
  'filter.events.generic_file_id': value('events', 'generic_file_id'),
  'filter.events.generic_file_identifier': value('events', 'generic_file_identifier'),
  'filter.events.identifier': value('events', 'identifier'),
  'filter.events.intellectual_object_id': value('events', 'intellectual_object_id'),
  'filter.events.intellectual_object_identifier': value('events', 'intellectual_object_identifier'),
  'filter.items.alt_identifier': value('items', 'alt_identifier'),
  'filter.items.bag_group_identifier': value('items', 'bag_group_identifier'),
  'filter.items.bagit_profile_identifier': value('items', 'bagit_profile_identifier'),
  'filter.items.generic_file_id': value('items', 'generic_file_id'),
  'filter.items.intellectual_object_id': value('items', 'intellectual_object_id'),
  'filter.items.object_identifier': value('items', 'object_identifier'),
  'filter.items.node__not_null': () => ({ emptinessIsData: NO_NODES }),
  'filter.items.node__is_null.false': () => ({ emptinessIsData: NO_NODES }),
  // The fixture deletions reach 2021-05-13; the sandbox's visible ones may end earlier. The offset
  // is written as recorded: the column has no time zone, so +05:00 and -05:00 select as Z does.
  'filter.deletions.date.datetime_z': latestRequest('Z'),
  'filter.deletions.date.offset_plus': latestRequest('+05:00'),
  'filter.deletions.date.offset_minus': latestRequest('-05:00'),
  // The last, partial page of the member's events, as in the recording (27 events, page 6 of 5).
  'links.events.last_page': (fx) => ({ query: { page: [String(Math.ceil(fx.visible('events').length / 5))] } }),
  'links.files.repeated_in': storageIn,
  'links.files.repeated_in.next': storageIn,
  'filter.files.storage_option__in.repeated': storageIn,
};

/** Two storage options of visible files, for the repeated `storage_option__in` exchanges. */
function storageIn(fx: Fixtures): Adaptation {
  const options = [...new Set(fx.visible('files').map((r) => String(r.storage_option)))].filter((o) => o !== 'Standard');
  return { query: { storage_option__in: options.slice(0, 2) } };
}

function latestRequest(zone: string): Adapter {
  return (fx) => {
    const ms = Math.max(...fx.visible('deletions').map((r) => Date.parse(String(r.requested_at))));
    return { query: { requested_at__gteq: [new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + zone] } };
  };
}

/** The earliest value of a time column among the rows, rounded up to a whole second, as `…Z`. */
function firstSecondAfter(rows: readonly Row[], column: string): string {
  const ms = Math.min(...rows.map((r) => Date.parse(String(r[column]))));
  return new Date(Math.ceil(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
