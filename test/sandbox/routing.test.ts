import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call } from './helpers.js';

// errata §1.1: gin routing on the decoded path, its 301s, and the 404 for unknown paths.
describe('sandbox routing', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 300 });
  });
  afterAll(() => sb.stop());

  it('serves all 14 GET routes', async () => {
    const file = sb.data.files.find((f) => f.institution_id === 2);
    const object = sb.data.objects.find((o) => o.institution_id === 2);
    const event = sb.data.events.find((e) => e.institution_id === 2);
    const checksum = sb.data.checksums.find((c) => c.institution_id === 2);
    const item = sb.data.workItems.find((w) => w.institution_id === 2);
    const deletion = sb.data.deletions.find((d) => d.institution_id === 2);
    const alert = sb.data.alerts.find((a) => a.user_id === sb.user.id);
    const paths = [
      '/member-api/v3/alerts',
      `/member-api/v3/alerts/show/${alert?.id}/${sb.user.id}`,
      '/member-api/v3/checksums',
      `/member-api/v3/checksums/show/${checksum?.id}`,
      '/member-api/v3/deletions',
      `/member-api/v3/deletions/show/${deletion?.id}`,
      '/member-api/v3/files',
      `/member-api/v3/files/show/${file?.id}`,
      '/member-api/v3/objects',
      `/member-api/v3/objects/show/${object?.id}`,
      '/member-api/v3/events',
      `/member-api/v3/events/show/${event?.id}`,
      '/member-api/v3/items',
      `/member-api/v3/items/show/${item?.id}`,
    ];
    for (const p of paths) expect((await call(sb, p)).status, p).toBe(200);
  });

  it('redirects a trailing slash with 301, keeping the query, before authentication', async () => {
    const r = await call(sb, '/member-api/v3/items/?page=2&per_page=5', { user: null });
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/member-api/v3/items?page=2&per_page=5');
  });

  it('redirects a wrongly-cased path to the fixed path (RedirectFixedPath)', async () => {
    const r = await call(sb, '/member-api/v3/Items?per_page=1');
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe('/member-api/v3/items?per_page=1');
  });

  it('answers an authenticated unknown path or wrong method with 404 "Missing authorization check"', async () => {
    const r = await call(sb, '/member-api/v3/widgets');
    expect(r.status).toBe(404);
    expect(r.json).toEqual({ error: 'Missing authorization check for /member-api/v3/widgets' });
    const post = await call(sb, '/member-api/v3/items', { method: 'POST' });
    expect(post.status).toBe(404);
    expect(post.json).toEqual({ error: 'Missing authorization check for /member-api/v3/items' });
  });

  it('refuses the admin API to members with 403 naming the route, after authentication', async () => {
    const r = await call(sb, '/admin-api/v3/objects');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ error: 'Permission denied for /admin-api/v3/objects (institution 0). non-admins must use the member api' });
    expect((await call(sb, '/admin-api/v3/objects', { user: null })).status).toBe(401);
    // The sandbox serves no admin routes: a sysadmin gets the unserved-route 404.
    const admin = sb.users.find((u) => u.role === 'admin');
    expect((await call(sb, '/admin-api/v3/objects', { user: admin })).json).toEqual({
      error: 'Missing authorization check for /admin-api/v3/objects',
    });
  });

  it('answers HEAD with 404 and no body but the length of the error GET would send', async () => {
    const r = await call(sb, '/member-api/v3/objects/show/1', { method: 'HEAD' });
    expect(r.status).toBe(404);
    expect(r.text).toBe('');
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    const body = JSON.stringify({ error: 'Missing authorization check for /member-api/v3/objects/show/1' });
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('answers a malformed percent-escape with a plain-text 400', async () => {
    const r = await call(sb, '/member-api/v3/files/show/abc%zz');
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toMatch(/^text\/plain/);
    expect(r.text).toBe('400 Bad Request');
  });

  it('drops query pairs with a malformed escape instead of failing (url.ParseQuery)', async () => {
    const r = await call(sb, '/member-api/v3/items?per_page=1&bad%zz=1');
    expect(r.status).toBe(200);
  });
});
