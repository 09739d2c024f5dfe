// The SQLite inventory store: classification, state in the same transaction, removeMissing, the
// schema check, and what is kept of each record. Skipped (with the reason) where better-sqlite3,
// an optional dependency, did not install.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDriver } from '../../src/sync/sqlite/driver.js';
import type { Driver } from '../../src/sync/sqlite/driver.js';
import { normalizeTimestamp } from '../../src/sync/sqlite/cells.js';
import {
  InventoryRecordError,
  InventorySchemaError,
  openInventory,
  SCHEMA_VERSION,
  SqliteUnavailableError,
} from '../../src/sync/sqlite/store.js';
import type { InventoryStore } from '../../src/sync/sqlite/store.js';

const unavailable = await loadDriver().then(
  () => undefined,
  (error: Error) => error.message,
);

const file = (id: number, fields: Record<string, unknown> = {}) => ({
  id,
  identifier: `test.edu/bag/data/f${id}.txt`,
  object_identifier: 'test.edu/bag',
  intellectual_object_id: 7,
  size: id * 100,
  state: 'A',
  storage_option: 'Standard',
  last_fixity_check: '2024-04-01T10:00:00Z',
  created_at: '2024-01-01T00:00:00.5Z',
  updated_at: '2024-05-01T12:00:00.123456Z',
  ...fields,
});

describe('loadDriver', () => {
  it('turns a failed import into SqliteUnavailableError with the install hint', async () => {
    const error = await loadDriver(() => Promise.reject(new Error("Cannot find package 'better-sqlite3'"))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SqliteUnavailableError);
    expect((error as Error).message).toMatch(/the sync command needs the optional dependency better-sqlite3, which did not install here/i);
    expect((error as Error).message).toContain('npm install better-sqlite3');
    expect((error as Error).message).toContain("Cannot find package 'better-sqlite3'");
  });

  it('also when the JavaScript loads but the native addon does not', async () => {
    const broken = function () {
      throw new Error('Could not locate the bindings file');
    } as unknown as Driver;
    await expect(loadDriver(() => Promise.resolve(broken))).rejects.toBeInstanceOf(SqliteUnavailableError);
  });
});

describe('normalizeTimestamp', () => {
  it('pads the fraction to six digits so text order is time order', () => {
    expect(normalizeTimestamp('2020-08-26T15:27:02Z')).toBe('2020-08-26T15:27:02.000000Z');
    expect(normalizeTimestamp('2020-08-26T15:27:02.5Z')).toBe('2020-08-26T15:27:02.500000Z');
    expect(normalizeTimestamp('2020-08-26T15:27:02.123456Z')).toBe('2020-08-26T15:27:02.123456Z');
    expect(normalizeTimestamp('0001-01-01T00:00:00Z')).toBe('0001-01-01T00:00:00.000000Z');
    expect(normalizeTimestamp('2020-08-26T15:27:02+02:00')).toBe('2020-08-26T15:27:02+02:00');
    expect(normalizeTimestamp('')).toBe('');
  });
});

describe.skipIf(unavailable !== undefined)(`SQLite inventory store${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let dir: string;
  let dbPath: string;
  let store: InventoryStore;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'aptrust-inventory-'));
    dbPath = path.join(dir, 'inventory.sqlite');
    store = await openInventory(dbPath);
  });
  afterEach(() => {
    try {
      store.close();
    } catch {
      // closed by the test
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const raw = async () => {
    const Database = await loadDriver();
    return new Database(dbPath, { readonly: true });
  };

  it('classifies new, changed, unchanged and left, and writes what differs', async () => {
    expect(store.applyBatch('files', [file(1), file(2), file(3), file(4)], { n: 1 })).toEqual({
      new: 4,
      changed: 0,
      unchanged: 0,
      left: 0,
    });
    const counts = store.applyBatch(
      'files',
      [
        file(1), // the same record: unchanged
        file(2, { updated_at: '2024-06-01T00:00:00Z', size: 999 }), // changed
        file(3, { state: 'D', updated_at: '2024-06-02T00:00:00Z' }), // A → D and changed: left only
        file(5), // new
        file(4, { last_fixity_check: '2024-05-02T00:00:00Z' }), // same updated_at, another field: changed
      ],
      { n: 2 },
    );
    expect(counts).toEqual({ new: 1, changed: 2, unchanged: 1, left: 1 });
    expect(store.count('files')).toBe(5);
    const db = await raw();
    const rows = db.prepare('SELECT id, size, state, last_fixity_check AS fixity, updated_at FROM files ORDER BY id').all();
    db.close();
    expect(rows).toEqual([
      { id: 1, size: 100, state: 'A', fixity: '2024-04-01T10:00:00.000000Z', updated_at: '2024-05-01T12:00:00.123456Z' },
      { id: 2, size: 999, state: 'A', fixity: '2024-04-01T10:00:00.000000Z', updated_at: '2024-06-01T00:00:00.000000Z' },
      { id: 3, size: 300, state: 'D', fixity: '2024-04-01T10:00:00.000000Z', updated_at: '2024-06-02T00:00:00.000000Z' },
      { id: 4, size: 400, state: 'A', fixity: '2024-05-02T00:00:00.000000Z', updated_at: '2024-05-01T12:00:00.123456Z' },
      { id: 5, size: 500, state: 'A', fixity: '2024-04-01T10:00:00.000000Z', updated_at: '2024-05-01T12:00:00.123456Z' },
    ]);
    // A deleted file seen again as deleted is unchanged; a restored one (D → A) is a change.
    expect(store.applyBatch('files', [file(3, { state: 'D', updated_at: '2024-06-02T00:00:00Z' })], {})).toMatchObject({ unchanged: 1 });
    expect(store.applyBatch('files', [file(3, { updated_at: '2024-07-01T00:00:00Z' })], {})).toMatchObject({ changed: 1 });
  });

  it('compares a record repeated within one batch with its earlier copy', () => {
    const counts = store.applyBatch(
      'objects',
      [
        { id: 9, state: 'A', updated_at: '2024-01-01T00:00:00Z' },
        { id: 9, state: 'D' },
      ],
      {},
    );
    expect(counts).toEqual({ new: 1, changed: 0, unchanged: 0, left: 1 });
    expect(store.count('objects')).toBe(1);
  });

  it('sees a change the view makes without a new updated_at (an object’s file_count)', () => {
    const object = { id: 1, state: 'A', file_count: 3, size: 300, updated_at: '2024-01-01T00:00:00Z' };
    store.applyBatch('objects', [object], {});
    expect(store.applyBatch('objects', [{ ...object }], {})).toMatchObject({ unchanged: 1 });
    expect(store.applyBatch('objects', [{ ...object, file_count: 2, size: 200 }], {})).toMatchObject({ changed: 1 });
  });

  it('compares the whole record for resources without updated_at (alerts, deletions)', () => {
    const request = { id: 1, institution_id: 3, requested_at: '2024-05-01T00:00:00Z', confirmed_at: '0001-01-01T00:00:00Z', file_count: 2 };
    expect(store.applyBatch('deletions', [request], {})).toMatchObject({ new: 1 });
    expect(store.applyBatch('deletions', [{ ...request }], {})).toMatchObject({ unchanged: 1 });
    expect(store.applyBatch('deletions', [{ ...request, confirmed_at: '2024-05-02T00:00:00Z' }], {})).toMatchObject({ changed: 1 });
  });

  it('keys alerts by (id, user_id): one alert sent to two users is two rows', () => {
    const alert = { id: 4, user_id: 10, type: 'Failed Fixity Check', created_at: '2024-05-01T00:00:00Z', read_at: '0001-01-01T00:00:00Z' };
    expect(store.applyBatch('alerts', [alert, { ...alert, user_id: 11 }], {})).toMatchObject({ new: 2 });
    expect(
      store.applyBatch(
        'alerts',
        [
          { ...alert, read_at: '2024-05-03T00:00:00Z' },
          { ...alert, user_id: 11 },
        ],
        {},
      ),
    ).toEqual({
      new: 0,
      changed: 1,
      unchanged: 1,
      left: 0,
    });
    expect(store.count('alerts')).toBe(2);
    expect(() => store.applyBatch('alerts', [{ id: 5 }], {})).toThrow(/record 0 has no integer user_id/);
  });

  it('saves the state with the batch and reads it back', () => {
    expect(store.readState('files')).toBeUndefined();
    const state = { checkpoint: { updated_at: '2024-05-01T12:00:00.123456Z', id: 4 }, marks: [1, 2], done: false };
    store.applyBatch('files', [file(1)], state);
    expect(store.readState('files')).toEqual(state);
    expect(store.readState('objects')).toBeUndefined();
    store.applyBatch('files', [], { next: true });
    expect(store.readState('files')).toEqual({ next: true });
  });

  it('rolls back the records and the state together when a batch throws', () => {
    store.applyBatch('files', [file(1)], { applied: 1 });
    expect(() =>
      store.applyBatch('files', [file(2, { updated_at: '2030-01-01T00:00:00Z' }), file(1, { id: undefined })], { applied: 3 }),
    ).toThrow(InventoryRecordError);
    expect(() => store.applyBatch('files', [file(2), { ...file(3), id: '3' }], { applied: 3 })).toThrow(
      /record 1 has no integer id \("3"\)/,
    );
    // Keys are checked before anything is written; a record that fails later (its JSON cannot be
    // written) comes after rows already upserted in this transaction, and takes them back with it.
    expect(() =>
      store.applyBatch('files', [file(2), file(1, { updated_at: '2031-01-01T00:00:00Z' }), file(3, { size: 10n })], { applied: 3 }),
    ).toThrow(/BigInt/);
    expect(store.count('files')).toBe(1);
    expect(store.readState('files')).toEqual({ applied: 1 });
    expect(store.applyBatch('files', [file(1)], { applied: 1 })).toMatchObject({ unchanged: 1 });
    // A state that is not JSON is refused before anything is written.
    expect(() => store.applyBatch('files', [file(2)], undefined)).toThrow(TypeError);
    expect(store.count('files')).toBe(1);
  });

  it('keeps every field in json, including fields it has no column for', async () => {
    const record = file(1, { institution_name: 'Test U', brand_new_field: { nested: [1, 2] } });
    store.applyBatch('files', [record], {});
    const db = await raw();
    const row = db.prepare("SELECT json, json_extract(json, '$.brand_new_field.nested[1]') AS nested FROM files").get() as {
      json: string;
      nested: number;
    };
    db.close();
    expect(JSON.parse(row.json)).toEqual(record);
    expect(row.nested).toBe(2);
  });

  it('stores booleans as 0/1 and timestamps padded to six digits', async () => {
    store.applyBatch(
      'items',
      [{ id: 1, name: 'bag.tar', needs_admin_review: true, retry: false, queued_at: '2024-05-01T00:00:00.25Z' }],
      {},
    );
    const db = await raw();
    const row = db.prepare('SELECT needs_admin_review, retry, queued_at, date_processed FROM work_items').get();
    db.close();
    expect(row).toEqual({ needs_admin_review: 1, retry: 0, queued_at: '2024-05-01T00:00:00.250000Z', date_processed: null });
  });

  it('removeMissing deletes rows whose id is not kept, with the state, in one transaction', () => {
    store.applyBatch(
      'items',
      [1, 2, 3, 4].map((id) => ({ id, updated_at: '2024-01-01T00:00:00Z' })),
      { pass: 1 },
    );
    expect(store.removeMissing('items', new Set([1, 3]), { pass: 2 })).toBe(2);
    expect(store.count('items')).toBe(2);
    expect(store.readState('items')).toEqual({ pass: 2 });
    expect(store.removeMissing('items', (id) => id !== 3, { pass: 3 })).toBe(1);
    expect(store.count('items')).toBe(1);
    expect(() =>
      store.removeMissing(
        'items',
        () => {
          throw new Error('predicate failed');
        },
        { pass: 4 },
      ),
    ).toThrow('predicate failed');
    expect(store.readState('items')).toEqual({ pass: 3 });
    // Files and objects are never deleted: the Registry marks them D.
    expect(() => store.removeMissing('files', new Set(), {})).toThrow(/never deleted/);
  });

  it('keeps a structured value where a scalar column belongs as JSON text, and refuses a record that is not an object', async () => {
    store.applyBatch('events', [{ id: 1, detail: { unexpected: true } }], {});
    const db = await raw();
    expect(db.prepare('SELECT detail FROM events').pluck().get()).toBe('{"unexpected":true}');
    db.close();
    expect(() => store.applyBatch('events', [null as never], {})).toThrow(/record 0 is not an object/);
  });

  it('refuses an unknown resource name', () => {
    expect(() => store.count('users' as never)).toThrow(/Unknown sync resource "users"/);
  });

  it('reopens an inventory it wrote, with rows and state intact', async () => {
    store.applyBatch('files', [file(1), file(2)], { applied: 2 });
    store.close();
    store = await openInventory(dbPath);
    expect(store.count('files')).toBe(2);
    expect(store.readState('files')).toEqual({ applied: 2 });
  });

  it('refuses a newer schema version, another program’s database and a file that is not SQLite', async () => {
    store.close();
    const Database = await loadDriver();
    const db = new Database(dbPath);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();
    await expect(openInventory(dbPath)).rejects.toThrow(InventorySchemaError);
    await expect(openInventory(dbPath)).rejects.toThrow(/newer aptrust-registry-client \(inventory schema 2; this version knows 1\)/);
    const garbled = new Database(dbPath);
    garbled.prepare("UPDATE meta SET value = 'one' WHERE key = 'schema_version'").run();
    garbled.close();
    await expect(openInventory(dbPath)).rejects.toThrow(/unreadable inventory schema version \("one"\)/);

    const other = path.join(dir, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE notes (body TEXT)');
    foreign.close();
    await expect(openInventory(other)).rejects.toThrow(/not an aptrust-registry inventory/);

    const text = path.join(dir, 'notes.txt');
    writeFileSync(text, 'this is not a database, just some text that is long enough to be a header'.repeat(20));
    await expect(openInventory(text)).rejects.toThrow(/is not an SQLite database/);
  });

  it('writes in WAL mode', async () => {
    const db = await raw();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });
});
