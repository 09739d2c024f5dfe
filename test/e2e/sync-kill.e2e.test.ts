// Kill `sync` with SIGKILL at random points and run it again until it completes: the database is
// intact and holds exactly what an uninterrupted sync stores, no row missing, none twice. Kill
// points follow the rows committed (read from the database as the sync writes it), not time.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli, sandboxEnv } from '../cli/helpers.js';
import { runAndKill } from '../helpers/kill.js';
import { sqliteDriver } from '../helpers/sqlite.js';
import type { TestDb } from '../helpers/sqlite.js';

const driver = sqliteDriver;
type Db = TestDb;

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 5_000, events: 3_000, seed: 5, latencyMs: 2 });
  dir = await mkdtemp(path.join(tmpdir(), 'aptrust-sync-kill-'));
});
afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Rows committed so far, read by a connection of our own (WAL: readers never block the writer). */
function committed(file: string): () => Promise<number> {
  let db: Db | undefined;
  return async () => {
    if (!db) {
      if ((await stat(file).catch(() => undefined)) === undefined) return 0;
      try {
        db = new (driver as NonNullable<typeof driver>)(file, { readonly: true });
      } catch {
        return 0; // not yet a database
      }
    }
    try {
      return Number(db.prepare('SELECT (SELECT count(*) FROM files) + (SELECT count(*) FROM events)').pluck().get());
    } catch {
      return 0; // tables not made yet
    }
  };
}

function dump(file: string): { integrity: unknown; files: unknown[]; events: unknown[] } {
  const db = new (driver as NonNullable<typeof driver>)(file, { readonly: true });
  try {
    return {
      integrity: db.prepare('PRAGMA integrity_check').pluck().get(),
      files: db.prepare('SELECT id, identifier, size, state, updated_at, json FROM files ORDER BY id').all(),
      events: db.prepare('SELECT id, event_type, date_time, json FROM events ORDER BY id').all(),
    };
  } finally {
    db.close();
  }
}

describe.skipIf(!driver)('a sync SIGKILLed at random points and run again', () => {
  it('stores what an uninterrupted sync stores', async () => {
    const whole = path.join(dir, 'whole.sqlite');
    // Events first, then files: the last kill lands in the files, so the final run resumes them.
    const args = (db: string) => ['sync', '--db', db, 'events', 'files', '--concurrency', '2'];
    expect((await runCli(args(whole), { env: sandboxEnv(sandbox), timeoutMs: 120_000 })).code).toBe(0);
    const expected = dump(whole);
    expect(expected.files.length).toBeGreaterThan(2_000);

    const db = path.join(dir, 'killed.sqlite');
    // Kill points spread over the rows to write: each run gets further before it is killed.
    const total = expected.files.length + expected.events.length;
    const rowsNow = committed(db);
    const points = [0.02, 0.15, 0.3, 0.45, 0.6].map((share) => Math.floor(share * total));
    points.push(expected.events.length + Math.floor(expected.files.length / 2));
    let kills = 0;
    // The run that completes (one of the kill runs when a machine is slow to notice, or the last).
    let summary: string | undefined;
    for (const point of points.sort((a, b) => a - b)) {
      const how = await runAndKill(args(db), sandboxEnv(sandbox), rowsNow, Math.max(1, point));
      if (how !== 'killed') {
        summary = how;
        break;
      }
      kills += 1;
    }
    summary ??= await runAndKill(args(db), sandboxEnv(sandbox), rowsNow, Number.POSITIVE_INFINITY);
    expect(kills).toBeGreaterThanOrEqual(3);
    // The counts of the run, saved with each batch, add up over the killed processes.
    const n = (count: number) => count.toLocaleString('en-US');
    expect(summary).toMatch(new RegExp(`files: .*; ${n(expected.files.length)} new, 0 changed, 0 left`));
    const got = dump(db);
    expect(got.integrity).toBe('ok');
    expect(got.files).toEqual(expected.files);
    expect(got.events).toEqual(expected.events);
  }, 240_000);
});
