import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call } from './helpers.js';

const FILES = '/member-api/v3/files/show/';

// errata §5: `*id` routes take ids or identifiers on the decoded path; numeric-only routes 404.
describe('sandbox show routes', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 400 });
  });
  afterAll(() => sb.stop());

  const awkward = () => sb.data.files.filter((f) => f.intellectual_object_id === 1);

  it('has identifiers with every awkward character in the default institution', () => {
    const all = awkward()
      .map((f) => f.identifier)
      .join('\n');
    for (const ch of [' ', '?', '#', '%', '&', "'", '"', '`', 'é', '’', '日本', '<', '+', ';', '\\', '🎉']) expect(all).toContain(ch);
  });

  it('finds each awkward file by its encodeURIComponent identifier', async () => {
    for (const f of awkward()) {
      const r = await call(sb, FILES + encodeURIComponent(f.identifier));
      expect(r.status, f.identifier).toBe(200);
      expect(r.json.identifier).toBe(f.identifier);
      expect(r.json.id).toBe(f.id);
    }
  });

  it('treats %2F and a literal slash the same (routing is on the decoded path)', async () => {
    const f = awkward().find((x) => x.identifier.includes('deep/nested'));
    const literal = f?.identifier.split('/').map(encodeURIComponent).join('/') ?? '';
    const a = await call(sb, FILES + literal);
    const b = await call(sb, FILES + encodeURIComponent(f?.identifier ?? ''));
    expect(a.status).toBe(200);
    expect(a.json.id).toBe(b.json.id);
  });

  it('loses everything after an unencoded ? (it starts the query string)', async () => {
    const f = awkward().find((x) => x.identifier.includes('?'));
    const raw = (f?.identifier ?? '').replace(/ /g, '%20');
    const r = await call(sb, FILES + raw);
    expect(r.status).toBe(404);
    expect(r.json.error).toBe(`Not found: ${FILES}${(f?.identifier ?? '').split('?')[0]}`);
  });

  it('escapes <, > and & in JSON like Go', async () => {
    const f = awkward().find((x) => x.identifier.includes('<angle>'));
    const r = await call(sb, FILES + encodeURIComponent(f?.identifier ?? ''));
    expect(r.text).toContain('\\u003cangle\\u003e');
    expect(r.text).not.toContain('<angle>');
    const amp = await call(sb, FILES + encodeURIComponent(awkward().find((x) => x.identifier.includes('&'))?.identifier ?? ''));
    expect(amp.text).toContain('\\u0026');
  });

  it('finds objects by identifier and events by id or UUID', async () => {
    const odd = sb.data.objects.find((o) => o.bag_name.startsWith('Odd bag'));
    const o = await call(sb, `/member-api/v3/objects/show/${encodeURIComponent(odd?.identifier ?? '')}`);
    expect(o.status).toBe(200);
    expect(o.json.identifier).toBe(odd?.identifier);
    const ev = sb.data.events.find((e) => e.institution_id === 2);
    const byUuid = await call(sb, `/member-api/v3/events/show/${ev?.identifier}`);
    const byId = await call(sb, `/member-api/v3/events/show/${ev?.id}`);
    expect(byUuid.json).toEqual(byId.json);
    expect(byUuid.json.identifier).toBe(ev?.identifier);
  });

  it('answers 404 "Missing authorization check" for a non-numeric or zero id on numeric-only routes', async () => {
    for (const p of ['/member-api/v3/checksums/show/abc', '/member-api/v3/items/show/0', '/member-api/v3/deletions/show/1.5']) {
      const r = await call(sb, p);
      expect(r.status).toBe(404);
      expect(r.json).toEqual({ error: `Missing authorization check for ${p}` });
    }
  });

  it('returns GenericFile with nested relations, and null (not []) for empty ones', async () => {
    const full = sb.data.fileDetail(awkward()[2].id);
    const r = await call(sb, FILES + String(full?.id));
    expect(Array.isArray(r.json.premis_events) && r.json.premis_events.length > 0).toBe(true);
    expect(Object.keys(r.json.checksums[0]).sort()).toEqual([
      'algorithm',
      'created_at',
      'datetime',
      'digest',
      'generic_file_id',
      'id',
      'updated_at',
    ]);
    expect(Object.keys(r.json.storage_records[0]).sort()).toEqual(['generic_file_id', 'id', 'url']);
    const bare = awkward().find((f) => f.identifier.endsWith('/data/12345'));
    const b = await call(sb, FILES + String(bare?.id));
    expect(b.status).toBe(200);
    expect(b.json.premis_events).toBeNull();
    expect(b.json.checksums).toBeNull();
    expect(b.json.storage_records).toBeNull();
    expect(b.text).toContain('"premis_events":null');
  });

  it('has a stored file with no checksums and no events, like the fixtures', async () => {
    // show.files.by_identifier_special_chars: both relations null while storage_records is not.
    const f = sb.data.files.find((x) => x.identifier.endsWith('/data/Smith & Jones – Rev. L. Pol’y 12 .pdf'));
    const other = sb.users.find((u) => u.institutionId === f?.institution_id && u.role === 'institutional_user');
    const r = await call(sb, FILES + encodeURIComponent(f?.identifier ?? ''), { user: other });
    expect(r.status).toBe(200);
    expect(r.json.checksums).toBeNull();
    expect(r.json.premis_events).toBeNull();
    expect(r.json.storage_records.length).toBeGreaterThan(0);
  });

  it('orders nested events by date_time desc and checksums by created_at desc', async () => {
    const withMany = sb.data.files.find((f) => {
      const d = sb.data.fileDetail(f.id);
      return (d?.premis_events?.length ?? 0) > 2 && (d?.checksums?.length ?? 0) > 2;
    });
    const r = await call(sb, FILES + String(withMany?.id));
    const times: string[] = r.json.premis_events.map((e: { date_time: string }) => e.date_time);
    expect(times).toEqual([...times].sort().reverse());
    const created: string[] = r.json.checksums.map((c: { created_at: string }) => c.created_at);
    expect(created).toEqual([...created].sort().reverse());
  });
});
