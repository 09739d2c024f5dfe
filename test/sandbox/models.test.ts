import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxUser } from '../../src/sandbox/index.js';
import { list, sysadmin } from './helpers.js';

// errata §6: the spec's *View field names plus the server-only additions, no nulls for scalars.
const FIELDS: Record<string, string[]> = {
  alerts: [
    'id',
    'institution_id',
    'institution_name',
    'institution_identifier',
    'type',
    'subject',
    'content',
    'deletion_request_id',
    'created_at',
    'user_id',
    'user_name',
    'user_email',
    'sent_at',
    'read_at',
  ],
  checksums: [
    'id',
    'algorithm',
    'datetime',
    'digest',
    'state',
    'generic_file_identifier',
    'generic_file_id',
    'intellectual_object_id',
    'institution_id',
    'created_at',
    'updated_at',
  ],
  deletions: [
    'id',
    'institution_id',
    'institution_name',
    'institution_identifier',
    'requested_by_id',
    'requested_by_name',
    'requested_by_email',
    'requested_at',
    'confirmed_by_id',
    'confirmed_by_name',
    'confirmed_by_email',
    'confirmed_at',
    'cancelled_by_id',
    'cancelled_by_name',
    'cancelled_by_email',
    'cancelled_at',
    'file_count',
    'object_count',
  ],
  files: [
    'id',
    'file_format',
    'size',
    'identifier',
    'intellectual_object_id',
    'object_identifier',
    'access',
    'state',
    'last_fixity_check',
    'institution_id',
    'institution_name',
    'institution_identifier',
    'storage_option',
    'uuid',
    'md5',
    'sha1',
    'sha256',
    'sha512',
    'created_at',
    'updated_at',
    'mtime',
  ],
  objects: [
    'id',
    'title',
    'description',
    'identifier',
    'alt_identifier',
    'access',
    'bag_name',
    'institution_id',
    'created_at',
    'updated_at',
    'state',
    'etag',
    'bag_group_identifier',
    'storage_option',
    'bagit_profile_identifier',
    'source_organization',
    'internal_sender_identifier',
    'internal_sender_description',
    'institution_name',
    'institution_identifier',
    'institution_type',
    'institution_parent_id',
    'file_count',
    'size',
    'payload_file_count',
    'payload_size',
  ],
  events: [
    'id',
    'agent',
    'created_at',
    'date_time',
    'detail',
    'event_type',
    'generic_file_id',
    'generic_file_identifier',
    'identifier',
    'institution_id',
    'institution_name',
    'intellectual_object_id',
    'intellectual_object_identifier',
    'object',
    'old_uuid',
    'outcome',
    'outcome_detail',
    'outcome_information',
    'updated_at',
  ],
  items: [
    'id',
    'action',
    'alt_identifier',
    'aptrust_approver',
    'bagit_profile_identifier',
    'bag_date',
    'bag_group_identifier',
    'bucket',
    'created_at',
    'date_processed',
    'deletion_request_id',
    'etag',
    'generic_file_id',
    'generic_file_identifier',
    'institution_id',
    'institution_name',
    'institution_identifier',
    'inst_approver',
    'intellectual_object_id',
    'internal_sender_identifier',
    'name',
    'needs_admin_review',
    'node',
    'note',
    'object_identifier',
    'outcome',
    'pid',
    'queued_at',
    'retry',
    'size',
    'source_organization',
    'stage',
    'stage_started_at',
    'status',
    'storage_option',
    'updated_at',
    'user',
  ],
};
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d*[1-9])?Z$/;
const TIME_FIELDS = /(_at|_date|date_time|datetime|last_fixity_check|mtime|bag_date|date_processed)$/;

describe('sandbox models', () => {
  let sb: Sandbox;
  let admin: SandboxUser;
  beforeAll(async () => {
    sb = await startSandbox();
    admin = sysadmin(sb);
  });
  afterAll(() => sb.stop());

  it('sends exactly the view fields, never a null scalar, times in Go RFC 3339', async () => {
    const problems: string[] = []; // collected, not asserted one by one: tens of thousands of values
    for (const [resource, fields] of Object.entries(FIELDS)) {
      const r = await list(sb, `/member-api/v3/${resource}?per_page=0`, admin);
      expect(r.results.length, resource).toBeGreaterThan(0);
      const expected = [...fields].sort().join(',');
      for (const row of r.results) {
        const keys = Object.keys(row).sort().join(',');
        if (keys !== expected) problems.push(`${resource} ${row.id}: fields ${keys}`);
        for (const [k, v] of Object.entries(row)) {
          if (v === null) problems.push(`${resource} ${row.id}: ${k} is null`);
          else if (TIME_FIELDS.test(k) && !TIME.test(String(v))) problems.push(`${resource} ${row.id}: ${k}=${String(v)}`);
        }
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('uses Go zero values where the database has NULL', async () => {
    const items = (await list(sb, '/member-api/v3/items?per_page=0', admin)).results;
    expect(items.some((w) => w.queued_at === '0001-01-01T00:00:00Z')).toBe(true);
    expect(items.some((w) => w.intellectual_object_id === 0 && w.storage_option === '' && w.bagit_profile_identifier === '')).toBe(true);
    const files = (await list(sb, '/member-api/v3/files?per_page=0', admin)).results;
    expect(files.some((f) => f.mtime === '0001-01-01T00:00:00Z')).toBe(true);
    expect(files.some((f) => f.last_fixity_check === '2000-01-01T00:00:00Z')).toBe(true);
    const objects = (await list(sb, '/member-api/v3/objects?per_page=0', admin)).results;
    expect(objects.some((o) => o.size === 0 && o.file_count === 0)).toBe(true);
    expect(objects.some((o) => o.institution_type === '' || o.institution_parent_id !== 0)).toBe(true);
    const events = (await list(sb, '/member-api/v3/events?per_page=0', admin)).results;
    expect(events.some((e) => e.old_uuid === '')).toBe(true);
    expect(events.some((e) => e.generic_file_id === 0 && e.generic_file_identifier === '')).toBe(true);
  });

  it('has fractional seconds only when non-zero, and both forms occur', async () => {
    const times = (await list(sb, '/member-api/v3/objects?per_page=0', admin)).results.map((o) => String(o.created_at));
    expect(times.some((t) => t.includes('.'))).toBe(true);
    expect(times.some((t) => !t.includes('.'))).toBe(true);
  });

  it('covers every work-item stage, status and action, with free-text outcomes', async () => {
    const items = (await list(sb, '/member-api/v3/items?per_page=0', admin)).results;
    const set = (k: string) => new Set(items.map((w) => w[k]));
    expect(set('stage').size).toBe(16);
    expect([...set('status')].sort()).toEqual(['Cancelled', 'Failed', 'Pending', 'Started', 'Success', 'Suspended']);
    expect([...set('action')].sort()).toEqual(['Delete', 'Glacier Restore', 'Ingest', 'Restore File', 'Restore Object']);
    expect(set('outcome')).toContain('Item is awaiting ingest');
    expect(set('outcome')).toContain('No problems');
  });

  it('has failed fixity checks among the events', async () => {
    const r = await list(sb, '/member-api/v3/events?per_page=1&event_type=fixity%20check&outcome=Failure', admin);
    expect(r.count).toBeGreaterThan(0);
  });

  it('mirrors the cancelled_by join bug: the confirmer shows up as canceller', async () => {
    const d = (await list(sb, '/member-api/v3/deletions?per_page=0', admin)).results;
    const approved = d.find((x) => x.confirmed_by_id !== 0);
    expect(approved?.cancelled_by_id).toBe(0);
    expect(approved?.cancelled_by_name).toBe(approved?.confirmed_by_name);
    const cancelled = d.find((x) => x.cancelled_by_id !== 0);
    expect(cancelled?.cancelled_by_name).toBe('');
  });
});
