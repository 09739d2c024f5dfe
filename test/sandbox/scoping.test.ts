import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxUser } from '../../src/sandbox/index.js';
import { call, list, sysadmin, userWith } from './helpers.js';

// errata §1.3, §1.4, §5.3: institution scoping, 403/404 shapes, alerts/show rules.
describe('sandbox scoping', () => {
  let sb: Sandbox;
  let admin: SandboxUser;
  beforeAll(async () => {
    sb = await startSandbox({ files: 500 });
    admin = sysadmin(sb);
  });
  afterAll(() => sb.stop());

  it('scopes members to their institution and lets a sysadmin see everything', async () => {
    const mine = await list(sb, '/member-api/v3/files?per_page=0');
    expect(mine.results.every((f) => f.institution_id === sb.user.institutionId)).toBe(true);
    expect(mine.count).toBe(sb.data.files.filter((f) => f.institution_id === sb.user.institutionId).length);
    const all = await list(sb, '/member-api/v3/files?per_page=1', admin);
    expect(all.count).toBe(sb.data.files.length);
    const inst3 = await list(sb, '/member-api/v3/files?per_page=1&institution_id=3', admin);
    expect(inst3.count).toBe(sb.data.files.filter((f) => f.institution_id === 3).length);
  });

  it('answers 403 when a member asks for another institution_id, 200 for their own', async () => {
    const r = await call(sb, '/member-api/v3/objects?institution_id=3');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: 'Permission denied for /member-api/v3/objects (institution 3).' });
    expect((await call(sb, `/member-api/v3/objects?institution_id=${sb.user.institutionId}`)).status).toBe(200);
  });

  it('treats a non-numeric institution_id as the own institution, then fails in SQL', async () => {
    const r = await call(sb, '/member-api/v3/objects?institution_id=abc');
    expect(r.status).toBe(500);
    // institution_id is a serial4 column: `integer`, not `bigint` (filter.objects.institution_id.non_numeric).
    expect(r.json).toEqual({ StatusCode: 500, Error: 'ERROR #22P02 invalid input syntax for type integer: "abc"' });
  });

  it("answers 403 (not 404) for another institution's record, naming the route pattern", async () => {
    const other = sb.data.files.find((f) => f.institution_id === 3);
    const r = await call(sb, `/member-api/v3/files/show/${other?.id}`);
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: 'Permission denied for /member-api/v3/files/show/*id (institution 3).' });
    const item = sb.data.workItems.find((w) => w.institution_id === 3);
    const ri = await call(sb, `/member-api/v3/items/show/${item?.id}`);
    expect(ri.json).toEqual({ error: 'Permission denied for /member-api/v3/items/show/:id (institution 3).' });
  });

  it('answers 404 "Not found: <decoded path>" for a missing record', async () => {
    const r = await call(sb, '/member-api/v3/objects/show/institution1.edu%2Fno%20such%20bag');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: 'Not found: /member-api/v3/objects/show/institution1.edu/no such bag' });
    const n = await call(sb, '/member-api/v3/checksums/show/99999999');
    expect(n.json).toEqual({ error: 'Not found: /member-api/v3/checksums/show/99999999' });
  });

  it('shows members only their own alerts; another user_id filter is 200 with 0 rows', async () => {
    const mine = await list(sb, '/member-api/v3/alerts?per_page=0');
    expect(mine.count).toBeGreaterThan(0);
    expect(mine.results.every((a) => a.user_id === sb.user.id)).toBe(true);
    const other = await list(sb, '/member-api/v3/alerts?user_id=2');
    expect(other.count).toBe(0);
    const all = await list(sb, '/member-api/v3/alerts?per_page=0', admin);
    expect(all.results.some((a) => a.user_id === 0 && a.user_email === '')).toBe(true); // an alert nobody received
  });

  it("alerts/show enforces the caller's own user_id and reports missing rows like go-pg", async () => {
    const mine = sb.data.alerts.find((a) => a.user_id === sb.user.id);
    const ok = await call(sb, `/member-api/v3/alerts/show/${mine?.id}/${sb.user.id}`);
    expect(ok.status).toBe(200);
    expect(ok.json.user_email).toBe(sb.user.email);
    const otherUser = await call(sb, `/member-api/v3/alerts/show/${mine?.id}/2`);
    expect(otherUser.status).toBe(403);
    expect(otherUser.json).toEqual({ StatusCode: 403, Error: 'permission denied' });
    const bad = await call(sb, `/member-api/v3/alerts/show/${mine?.id}/x`);
    expect(bad.status).toBe(500);
    expect(bad.json).toEqual({ StatusCode: 500, Error: 'strconv.ParseInt: parsing "x": invalid syntax' });
    const notMine = sb.data.alerts
      .filter((a) => a.institution_id === sb.user.institutionId)
      .find((a) => !sb.data.alerts.filter((b) => b.id === a.id).some((b) => b.user_id === sb.user.id));
    const missing = await call(sb, `/member-api/v3/alerts/show/${notMine?.id}/${sb.user.id}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ StatusCode: 404, Error: 'pg: no rows in result set' });
    const otherInst = sb.data.alerts.find((a) => a.institution_id !== sb.user.institutionId);
    const forbidden = await call(sb, `/member-api/v3/alerts/show/${otherInst?.id}/${sb.user.id}`);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json).toEqual({
      error: `Permission denied for /member-api/v3/alerts/show/:id/:user_id (institution ${otherInst?.institution_id}).`,
    });
    const nonNumeric = await call(sb, `/member-api/v3/alerts/show/x/${sb.user.id}`);
    expect(nonNumeric.json).toEqual({ error: `Missing authorization check for /member-api/v3/alerts/show/x/${sb.user.id}` });
  });

  it('lets an institutional admin of another institution see only that institution', async () => {
    const admin2 = userWith(sb, (u) => u.institutionId === 3 && u.role === 'institutional_admin');
    const r = await list(sb, '/member-api/v3/items?per_page=0', admin2);
    expect(r.results.every((w) => w.institution_id === 3)).toBe(true);
    const mine = sb.data.files.find((f) => f.institution_id === 2);
    expect((await call(sb, `/member-api/v3/files/show/${mine?.id}`, { user: admin2 })).status).toBe(403);
  });
});
