// The README's example queries for the SQLite inventory, read from the README itself, run against fixture rows
// written through the store: they run, and they answer what the page says they answer.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDriver } from '../../src/sync/sqlite/driver.js';
import { openInventory } from '../../src/sync/sqlite/store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const unavailable = await loadDriver().then(
  () => undefined,
  (error: Error) => error.message,
);

const page = readFileSync(path.join(root, 'README.md'), 'utf8');
const [sizePerStorage, fixityOverdue, ingestedThisMonth] = [...page.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => m[1]);

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString(); // milliseconds: the store pads them to six digits
const monthStart = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), 1);

describe.skipIf(unavailable !== undefined)(`README's SQLite queries${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let dir: string;
  let run: (sql: string) => unknown[];
  let close: () => void;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'aptrust-queries-'));
    const dbPath = path.join(dir, 'inventory.sqlite');
    const store = await openInventory(dbPath);
    const file = (id: number, storage_option: string, size: number, last_fixity_check: string, state = 'A') => ({
      id,
      identifier: `test.edu/bag/data/f${id}`,
      storage_option,
      size,
      state,
      last_fixity_check,
      updated_at: '2024-05-01T00:00:00Z',
    });
    store.applyBatch(
      'files',
      [
        file(1, 'Standard', 100, iso(now - 91 * DAY)),
        file(2, 'Standard', 200, iso(now - 89 * DAY)),
        file(3, 'Glacier-OH', 50, '0001-01-01T00:00:00Z'), // never checked
        file(4, 'Standard', 1000, iso(now - 200 * DAY), 'D'), // deleted: in no answer
        file(5, 'Glacier-OH', 25, '2020-01-01T00:00:00.5Z'),
      ],
      {},
    );
    const object = (id: number, created_at: string) => ({ id, identifier: `test.edu/bag${id}`, created_at, size: id, state: 'A' });
    store.applyBatch(
      'objects',
      [
        object(1, iso(monthStart - 1000)), // the last second of last month
        object(2, '2024-01-15T10:00:00Z'),
        object(3, iso(monthStart)), // this month's first instant
        object(4, iso(now - 1000)),
      ],
      {},
    );
    store.close();
    const Database = await loadDriver();
    const db = new Database(dbPath, { readonly: true });
    run = (sql) => db.prepare(sql).all();
    close = () => db.close();
  });
  afterAll(() => {
    close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the page has the three queries', () => {
    expect([sizePerStorage, fixityOverdue, ingestedThisMonth].every((sql) => typeof sql === 'string' && /^SELECT/.test(sql))).toBe(true);
  });

  it('total size per storage option, active files only', () => {
    expect(run(sizePerStorage)).toEqual([
      { storage_option: 'Standard', files: 2, bytes: 300 },
      { storage_option: 'Glacier-OH', files: 2, bytes: 75 },
    ]);
  });

  it('files not fixity-checked in 90 days, never-checked ones first', () => {
    expect(run(fixityOverdue)).toEqual([
      { identifier: 'test.edu/bag/data/f3', last_fixity_check: '0001-01-01T00:00:00.000000Z' },
      { identifier: 'test.edu/bag/data/f5', last_fixity_check: '2020-01-01T00:00:00.500000Z' },
      { identifier: 'test.edu/bag/data/f1', last_fixity_check: iso(now - 91 * DAY).replace('Z', '000Z') },
    ]);
  });

  it('objects ingested this month', () => {
    // Run at the very first second of a month, object 4 (a second ago) is last month's.
    const expected = now - 1000 >= monthStart ? ['test.edu/bag3', 'test.edu/bag4'] : ['test.edu/bag3'];
    expect((run(ingestedThisMonth) as { identifier: string }[]).map((r) => r.identifier)).toEqual(expected);
  });
});
