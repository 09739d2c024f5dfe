// The store in real processes: a sync SIGKILLed while it writes leaves a sound file whose state
// matches its rows exactly, and importing the package does not load better-sqlite3. The children run
// a transpiled copy of this working tree's src/ (dist/ may be stale under APTRUST_SKIP_BUILD=1).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpileTree, typescriptFiles } from '../helpers/transpiled-tree.js';
import type { TranspiledTree } from '../helpers/transpiled-tree.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDriver } from '../../src/sync/sqlite/driver.js';
import { openInventory } from '../../src/sync/sqlite/store.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const unavailable = await loadDriver().then(
  () => undefined,
  (error: Error) => error.message,
);

let tree: TranspiledTree;
let out: string;
beforeAll(() => {
  tree = transpileTree('aptrust-sqlite-');
  out = tree.dir;
});
afterAll(() => tree.dispose());

// Which loaded CommonJS modules are better-sqlite3's (it is CommonJS, so an import of it lands here).
const LOADED = `const { createRequire } = await import('node:module');
const loaded = () => Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes('better-sqlite3'));`;

describe('lazy loading of better-sqlite3', () => {
  it('importing the package or the store module does not load it; opening an inventory does', () => {
    const script = `${LOADED}
await import('./src/index.js');
await import('./src/sync/sqlite/store.js');
const before = loaded().length;
let after = 'unavailable';
try {
  const { openInventory } = await import('./src/sync/sqlite/store.js');
  (await openInventory(':memory:')).close();
  after = loaded().length;
} catch (error) {
  if (error.name !== 'SqliteUnavailableError') throw error;
}
console.log(JSON.stringify({ before, after }));`;
    const file = path.join(out, 'lazy-child.mjs');
    writeFileSync(file, script);
    const { before, after } = JSON.parse(execFileSync(process.execPath, [file], { cwd: out, encoding: 'utf8' })) as {
      before: number;
      after: number | string;
    };
    expect(before).toBe(0);
    if (unavailable === undefined) expect(after).toBeGreaterThan(0);
  });

  it('no module of src/ but driver.ts imports better-sqlite3 at run time', () => {
    const runtime =
      /(?<!import type[^;]*)\bfrom\s+['"]better-sqlite3['"]|import\(\s*['"]better-sqlite3['"]\s*\)|require\(\s*['"]better-sqlite3['"]\s*\)/;
    const importers = [...typescriptFiles(path.join(root, 'src'))].filter((f) => runtime.test(readFileSync(f, 'utf8')));
    expect(importers.map((f) => path.relative(root, f))).toEqual([path.join('src', 'sync', 'sqlite', 'driver.ts')]);
    expect(readFileSync(path.join(root, 'src', 'sync', 'sqlite', 'driver.ts'), 'utf8')).not.toMatch(
      /^import (?!type)[^;]*'better-sqlite3'/m,
    );
  });
});

describe.skipIf(unavailable !== undefined)(`SIGKILL during a sync${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  // Appends batches of new files, the state saying how many were applied, until it is killed.
  const CHILD = `import { openInventory } from './src/sync/sqlite/store.js';
const [dbPath, batchSize] = [process.argv[2], Number(process.argv[3])];
const store = await openInventory(dbPath);
let applied = store.readState('files')?.applied ?? 0;
for (let batch = 1; batch <= 100000; batch++) {
  const records = [];
  for (let i = 1; i <= batchSize; i++) {
    const id = applied + i;
    records.push({ id, identifier: 'test.edu/bag/data/' + id, size: id, state: 'A', updated_at: '2024-05-01T12:00:00.' + String(id % 1e6).padStart(6, '0') + 'Z', padding: 'x'.repeat(2000) });
  }
  store.applyBatch('files', records, { applied: applied + batchSize, batch });
  applied += batchSize;
  process.stdout.write('committed ' + batch + '\\n');
}`;

  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'aptrust-kill-'));
    writeFileSync(path.join(out, 'kill-child.mjs'), CHILD);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the child until it reports `killAfter` committed batches, then SIGKILLs it. */
  function runAndKill(dbPath: string, killAfter: number): Promise<NodeJS.Signals | null> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(out, 'kill-child.mjs'), dbPath, '500'], {
        cwd: out,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes(`committed ${killAfter}\n`)) child.kill('SIGKILL');
      });
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => (signal === null ? reject(new Error(`child exited ${code}: ${stderr}`)) : resolve(signal)));
    });
  }

  it('leaves a sound inventory whose state counts exactly the rows present, run after run', async () => {
    const dbPath = path.join(dir, 'killed.sqlite');
    let previous = 0;
    for (const killAfter of [3, 5, 2]) {
      expect(await runAndKill(dbPath, killAfter)).toBe('SIGKILL');
      const store = await openInventory(dbPath);
      const state = store.readState('files') as { applied: number };
      const rows = store.count('files');
      store.close();
      // Each run resumed from the stored state and committed at least the batches it reported.
      expect(state.applied).toBeGreaterThanOrEqual(previous + killAfter * 500);
      expect(rows).toBe(state.applied);
      previous = state.applied;

      const Database = await loadDriver();
      const db = new Database(dbPath, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT min(id) AS low, max(id) AS high FROM files').get()).toEqual({ low: 1, high: state.applied });
      db.close();
    }
  });
});
