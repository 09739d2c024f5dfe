import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxUser } from '../../src/sandbox/index.js';
import { call, list, sysadmin } from './helpers.js';

// errata §3: allow-lists, 500s for anything else, and the quirks of filter_collection.go.
describe('sandbox filters', () => {
  let sb: Sandbox;
  let admin: SandboxUser;
  beforeAll(async () => {
    sb = await startSandbox();
    admin = sysadmin(sb);
  });
  afterAll(() => sb.stop());

  const count = async (path: string, user?: SandboxUser) =>
    (await list(sb, `${path}${path.includes('?') ? '&' : '?'}per_page=1`, user)).count;

  it('rejects unknown params with 500 "Invalid query params", even with empty values', async () => {
    const r = await call(sb, '/member-api/v3/files?_=1');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ StatusCode: 500, Error: 'Invalid query params: _' });
    const two = await call(sb, '/member-api/v3/files?format=&state=A&items%5B%5D=1');
    expect(two.json.Error).toMatch(/^Invalid query params: /);
    expect(two.json.Error.slice('Invalid query params: '.length).split(', ').sort()).toEqual(['format', 'items[]']);
  });

  it("rejects the spec's __is_not_null names and accepts the server's __not_null", async () => {
    const r = await call(sb, '/member-api/v3/items?node__is_not_null=true');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ StatusCode: 500, Error: 'Invalid query params: node__is_not_null' });
    expect((await call(sb, '/member-api/v3/items?queued_at__is_not_null=true')).status).toBe(500);
    const started = await list<{ node: string }>(sb, '/member-api/v3/items?node__not_null=true&per_page=0');
    expect(started.count).toBeGreaterThan(0);
    expect(started.results.every((w) => w.node !== '')).toBe(true);
    const idle = await list<{ node: string }>(sb, '/member-api/v3/items?node__is_null=true&per_page=0');
    expect(idle.results.every((w) => w.node === '')).toBe(true);
    expect(await count('/member-api/v3/items?node__is_null=maybe')).toBe(await count('/member-api/v3/items'));
  });

  it('answers deletions stage/status with the SQL 500, and ignores them when empty', async () => {
    const r = await call(sb, '/member-api/v3/deletions?stage=Requested');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ StatusCode: 500, Error: 'ERROR #42703 column "stage" does not exist' });
    expect((await call(sb, '/member-api/v3/deletions?status=Approved')).json.Error).toBe('ERROR #42703 column "status" does not exist');
    expect((await call(sb, '/member-api/v3/deletions?stage=')).status).toBe(200);
  });

  it('accepts items user= but always returns 0 rows (CURRENT_USER)', async () => {
    const some = sb.data.workItems.find((w) => w.institution_id === sb.user.institutionId);
    expect(await count(`/member-api/v3/items?user=${encodeURIComponent(some?.user ?? '')}`)).toBe(0);
  });

  it('uses every repeated value for __in, while a comma list is one literal', async () => {
    const pending = await count('/member-api/v3/items?status=Pending');
    const started = await count('/member-api/v3/items?status=Started');
    expect(pending).toBeGreaterThan(0);
    expect(started).toBeGreaterThan(0);
    expect(await count('/member-api/v3/items?status__in=Pending&status__in=Started')).toBe(pending + started);
    expect(await count('/member-api/v3/items?status__in=Pending,Started')).toBe(0);
  });

  it('uses only the first value of a repeated non-__in key and ignores empty values', async () => {
    const pending = await count('/member-api/v3/items?status=Pending');
    expect(await count('/member-api/v3/items?status=Pending&status=Started')).toBe(pending);
    expect(await count('/member-api/v3/items?status=')).toBe(await count('/member-api/v3/items'));
  });

  it('treats % and _ in __starts_with as ILIKE wildcards, case-insensitively', async () => {
    const names = async (prefix: string) =>
      (
        await list<{ bag_name: string }>(sb, `/member-api/v3/objects?per_page=0&identifier__starts_with=${encodeURIComponent(prefix)}`)
      ).results
        .map((o) => o.bag_name)
        .sort();
    // A literal prefix would match only photo_album; as a wildcard `_` also matches the 's'.
    const wild = await names('institution1.edu/photo_');
    expect(wild).toEqual(expect.arrayContaining(['photo_album', 'photos-1960']));
    expect(wild.every((n) => /^photo./.test(n))).toBe(true);
    expect(await names('INSTITUTION1.EDU/PHOTO_')).toEqual(wild);
    expect(await names('institution1.edu/%album')).toEqual(['photo_album']);
  });

  it('ignores time-zone offsets in dates and compares the wall clock as UTC', async () => {
    const f = sb.data.files.find((x) => x.institution_id === sb.user.institutionId && !x.updated_at.includes('.'));
    const wall = (f?.updated_at ?? '').replace(/Z$/, '');
    const at = (v: string) => count(`/member-api/v3/files?updated_at__gteq=${encodeURIComponent(v)}`);
    const base = await at(`${wall}Z`);
    expect(await at(`${wall}-05:00`)).toBe(base);
    expect(await at(`${wall}+09:00`)).toBe(base);
    expect(await at(wall.replace('T', ' '))).toBe(base);
    const later = new Date(Date.parse(`${wall}Z`) + 1000).toISOString().replace('.000Z', 'Z');
    expect(await at(later)).toBeLessThan(base); // rows exactly at the instant exist
  });

  it('reads a date-only __lteq as midnight at the start of that day', async () => {
    const f = sb.data.files.find((x) => x.institution_id === sb.user.institutionId && !x.created_at.endsWith('T00:00:00Z'));
    const day = (f?.created_at ?? '').slice(0, 10);
    const rows = await list<{ id: number }>(sb, `/member-api/v3/files?per_page=0&created_at__lteq=${day}`);
    expect(rows.results.some((r) => r.id === f?.id)).toBe(false);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const incl = await list<{ id: number }>(sb, `/member-api/v3/files?per_page=0&created_at__lteq=${next}`);
    expect(incl.results.some((r) => r.id === f?.id)).toBe(true);
  });

  it('turns badly typed values into raw Postgres 500s', async () => {
    expect((await call(sb, '/member-api/v3/files?size__gteq=abc')).json).toEqual({
      StatusCode: 500,
      Error: 'ERROR #22P02 invalid input syntax for type bigint: "abc"',
    });
    expect((await call(sb, '/member-api/v3/files?updated_at__gteq=not%20a%20date')).json).toEqual({
      StatusCode: 500,
      Error: 'ERROR #22007 invalid input syntax for type timestamp: "not a date"',
    });
    expect((await call(sb, '/member-api/v3/items?retry=maybe')).json).toEqual({
      StatusCode: 500,
      Error: 'ERROR #22P02 invalid input syntax for type boolean: "maybe"',
    });
    expect((await call(sb, '/member-api/v3/items?retry=f')).status).toBe(200);
  });

  it('filters events on generic_file_id__is_null', async () => {
    const objectLevel = await list<{ generic_file_id: number }>(sb, '/member-api/v3/events?per_page=0&generic_file_id__is_null=true');
    expect(objectLevel.count).toBeGreaterThan(0);
    expect(objectLevel.results.every((e) => e.generic_file_id === 0)).toBe(true);
    const fileLevel = await count('/member-api/v3/events?generic_file_id__is_null=false');
    expect(objectLevel.count + fileLevel).toBe(await count('/member-api/v3/events'));
  });

  it('lets a sysadmin filter institution_id and matches exact identifiers', async () => {
    expect(await count('/member-api/v3/objects?institution_id=4', admin)).toBe(
      sb.data.objects.filter((o) => o.institution_id === 4).length,
    );
    const file = sb.data.files.find((f) => f.identifier.includes('#'));
    expect(await count(`/member-api/v3/files?identifier=${encodeURIComponent(file?.identifier ?? '')}`)).toBe(1);
  });
});
