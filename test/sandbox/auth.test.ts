import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { call, userWith } from './helpers.js';

// errata §1.2 / §7: one 401 shape for every credential failure, redirects for 2FA and maintenance.
const UNAUTHORIZED = { StatusCode: 401, Error: 'API credentials are missing or invalid.' };
const ITEMS = '/member-api/v3/items';

describe('sandbox authentication', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox();
  });
  afterAll(() => sb.stop());

  it('answers 401 JSON when no credentials are sent', async () => {
    const r = await call(sb, ITEMS, { user: null });
    expect(r.status).toBe(401);
    expect(r.json).toEqual(UNAUTHORIZED);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('answers 401 when only one of the two headers is sent', async () => {
    const halves: Record<string, string>[] = [{ 'X-Pharos-API-User': sb.user.email }, { 'X-Pharos-API-Key': sb.user.apiKey }];
    for (const headers of halves) {
      const r = await call(sb, ITEMS, { user: null, headers });
      expect(r.status).toBe(401);
      expect(r.json).toEqual(UNAUTHORIZED);
    }
  });

  it('answers 401 for an empty header value, an unknown user and a wrong key', async () => {
    const cases = [
      { 'X-Pharos-API-User': sb.user.email, 'X-Pharos-API-Key': '' },
      { 'X-Pharos-API-User': 'nobody@example.edu', 'X-Pharos-API-Key': sb.user.apiKey },
      { 'X-Pharos-API-User': sb.user.email, 'X-Pharos-API-Key': `${sb.user.apiKey}x` },
    ];
    for (const headers of cases) {
      const r = await call(sb, ITEMS, { user: null, headers });
      expect(r.status).toBe(401);
      expect(r.json).toEqual(UNAUTHORIZED);
    }
  });

  it('drops the session cookie on a wrong key for a real user', async () => {
    const r = await call(sb, ITEMS, { user: null, headers: { 'X-Pharos-API-User': sb.user.email, 'X-Pharos-API-Key': 'wrong' } });
    expect(r.status).toBe(401);
    expect(r.headers['set-cookie']).toEqual(['aptrust_session=; Path=/; Domain=localhost; Max-Age=0; HttpOnly; SameSite=Strict']);
  });

  it('matches the email case-sensitively', async () => {
    const r = await call(sb, ITEMS, {
      user: null,
      headers: { 'X-Pharos-API-User': sb.user.email.toUpperCase(), 'X-Pharos-API-Key': sb.user.apiKey },
    });
    expect(r.status).toBe(401);
  });

  it('answers 401 on unknown member paths when unauthenticated', async () => {
    const r = await call(sb, '/member-api/v3/nope', { user: null });
    expect(r.status).toBe(401);
    expect(r.json).toEqual(UNAUTHORIZED);
  });

  it('gives role none a 403 on every route', async () => {
    const none = userWith(sb, (u) => u.role === 'none');
    const list = await call(sb, ITEMS, { user: none });
    expect(list.status).toBe(403);
    expect(list.json).toEqual({ error: `Permission denied for /member-api/v3/items (institution ${none.institutionId}).` });
    const own = sb.data.files.find((f) => f.institution_id === none.institutionId);
    const show = await call(sb, `/member-api/v3/files/show/${own?.id}`, { user: none });
    expect(show.status).toBe(403);
    expect(show.json).toEqual({ error: `Permission denied for /member-api/v3/files/show/*id (institution ${none.institutionId}).` });
  });

  it('redirects a user mid-way through web 2FA to /users/2fa_choose/', async () => {
    const pending = userWith(sb, (u) => u.twoFactorPending === true);
    const r = await call(sb, ITEMS, { user: pending });
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/users/2fa_choose/');
  });

  it('sets Content-Type, Cache-Control, Pragma and the security headers like the Go server', async () => {
    for (const r of [await call(sb, `${ITEMS}?per_page=1`), await call(sb, ITEMS, { user: null })]) {
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
      expect(r.headers.pragma).toBe('no-store');
      // SetDefaultHeaders runs before authentication, so 401s carry them too (errors.auth.no_headers).
      expect(r.headers['x-xss-protection']).toBe('1');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['content-security-policy']).toMatch(/^default-src 'self'; /);
    }
  });

  it('records every request with lower-case header names', async () => {
    const before = sb.requests.length;
    await call(sb, `${ITEMS}?per_page=1`, { headers: { 'X-Trace-Me': 'yes' } });
    const rec = sb.requests[before];
    expect(rec.method).toBe('GET');
    expect(rec.url).toBe(`${ITEMS}?per_page=1`);
    expect(rec.headers['x-trace-me']).toBe('yes');
    expect(rec.headers['x-pharos-api-user']).toBe(sb.user.email);
    expect(rec.status).toBe(200);
  });
});

describe('sandbox maintenance mode', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ maintenance: true, files: 100 });
  });
  afterAll(() => sb.stop());

  it('redirects authenticated API calls to /maintenance?format=json, which answers 503', async () => {
    const r = await call(sb, `${ITEMS}?page=2`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/maintenance?format=json');
    const m = await call(sb, '/maintenance?format=json', { user: null });
    expect(m.status).toBe(503);
    // StatusCode is a string on this page.
    expect(m.text).toBe('{"Error":"APTrust Registry is currently undergoing maintenance.","Message":"","StatusCode":"503"}');
  });

  it('still answers 401 to bad credentials', async () => {
    expect((await call(sb, ITEMS, { user: null })).status).toBe(401);
  });
});
