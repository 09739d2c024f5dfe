// sync --db FILE: the first run mirrors every record, the next reads only what changed and says
// what was new, changed and left, and the rows always equal the Registry's records. The oracle is
// the sandbox's own data (matchingIds and a raw unpaged request), never our crawl.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { sandboxEnv, truth } from './helpers.js';
import { runInProcess } from './in-process.js';
import { sqliteDriver } from '../helpers/sqlite.js';

const driver = sqliteDriver;

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 1_500, seed: 23 });
  dir = await mkdtemp(path.join(tmpdir(), 'aptrust-sync-'));
});
afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runInProcess(args, { env: sandboxEnv(sandbox) });

function rows(file: string, sql: string): Record<string, unknown>[] {
  const db = new (driver as NonNullable<typeof driver>)(file, { readonly: true });
  try {
    return db.prepare(sql).all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe.skipIf(!driver)('sync --db (better-sqlite3 is installed)', () => {
  it('mirrors files and objects, then reads only what changed and counts new, changed and left', async () => {
    const db = path.join(dir, 'inventory.sqlite');
    const first = await run(['sync', '--db', db]);
    expect(first.code, first.stderr).toBe(0);
    const mine = { institution_id: String(sandbox.user.institutionId) };
    const files = await truth<{ id: number; state: string; updated_at: string }>(sandbox, 'files', mine);
    expect(rows(db, 'SELECT id, state, updated_at FROM files ORDER BY id').map((r) => r.id)).toEqual(files.map((f) => f.id));
    expect(rows(db, 'SELECT id FROM objects').length).toBe((await truth(sandbox, 'objects', mine)).length);

    const institutionId = sandbox.user.institutionId;
    const inserted = sandbox.change({ kind: 'insert', resource: 'files', count: 12, institutionId }).ids;
    const touched = sandbox.change({ kind: 'touch', resource: 'files', count: 20, institutionId }).ids;
    const before = new Map(files.map((f) => [f.id, f.state]));
    const flipped = sandbox.change({ kind: 'state', resource: 'files', count: 15, institutionId }).ids;
    const left = flipped.filter((id) => before.get(id) === 'A');
    const changed = [...new Set([...touched, ...flipped])].filter((id) => before.has(id) && !left.includes(id));

    const requestsBefore = sandbox.requests.length;
    const second = await run(['sync', '--db', db, 'files']);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`files: .*${inserted.length} new, ${changed.length} changed, ${left.length} left`));
    // Only what changed was asked for: every page carries the updated_at filter.
    const asked = sandbox.requests.slice(requestsBefore).map((r) => new URL(r.url, 'http://x').searchParams);
    expect(asked.filter((q) => q.get('per_page') !== '1').every((q) => q.has('updated_at__gteq'))).toBe(true);

    const now = await truth<{ id: number; state: string; updated_at: string }>(sandbox, 'files', mine);
    const stored = rows(db, 'SELECT id, state, updated_at FROM files ORDER BY id');
    expect(stored.map((r) => [r.id, r.state])).toEqual(now.map((f) => [f.id, f.state]));
  });

  it('work items, which have no change filter, are read in full and compared with their rows', async () => {
    const db = path.join(dir, 'items.sqlite');
    expect((await run(['sync', '--db', db, 'items'])).code).toBe(0);
    const changed = sandbox.change({ kind: 'state', resource: 'items', count: 6 }).ids;
    const mine = new Set(sandbox.matchingIds('items', { institution_id: sandbox.user.institutionId }));
    const second = await run(['sync', '--db', db, 'items']);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(new RegExp(`items: .*0 new, ${changed.filter((id) => mine.has(id)).length} changed, 0 left`));
    expect(rows(db, 'SELECT id FROM work_items ORDER BY id').map((r) => r.id)).toEqual([...mine]);
  });

  it('refuses a resource it does not know and a file that is not an inventory, before any request', async () => {
    const before = sandbox.requests.length;
    const unknown = await run(['sync', '--db', path.join(dir, 'x.sqlite'), 'bogus']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown resource "bogus"/);
    const notDb = path.join(dir, 'not-a-db.sqlite');
    await import('node:fs/promises').then((fs) => fs.writeFile(notDb, 'hello, this is text and not a database at all'.repeat(20)));
    const refused = await run(['sync', '--db', notDb]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/not an SQLite database/);
    expect(sandbox.requests.length).toBe(before);
  });
});
