// list --all --output: the file is whole or absent, a failed export says how to resume and the
// same command resumes it to the bytes an uninterrupted run writes; with --state the next run
// writes only what is new or changed and says what left. Over HTTP to a sandbox; the oracle is
// the sandbox's own data, never our crawl.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { parseNdjson, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 1_200, seed: 16 });
});
afterAll(() => sandbox.stop());
afterEach(async () => {
  sandbox.setFaults([]);
  sandbox.setChanges([]);
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function fresh(): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'aptrust-export-'));
  return dir;
}

const run = (args: string[]) => runInProcess(args, { env: sandboxEnv(sandbox) });

/** Every request after the n-th list request fails with a 503, and no retries: the export stops there. */
function failAfter(n: number): void {
  sandbox.setChanges([{ kind: 'touch', resource: 'items', count: 0, every: n }]);
  const off = sandbox.onChange(() => {
    sandbox.setFaults([{ kind: '503', every: 1, paths: /member-api\/v3\/files/ }]);
    off();
  });
}

const files = (query: Record<string, string> = {}) =>
  sandbox.matchingIds('files', { institution_id: sandbox.user.institutionId, ...query });

describe('list --all --output FILE', () => {
  for (const format of ['csv', 'ndjson', 'json'] as const) {
    it(`a failed ${format} export leaves no FILE, says how to resume, and the rerun writes what an uninterrupted one does`, async () => {
      const d = await fresh();
      const whole = path.join(d, `whole.${format}`);
      expect((await run(['list', 'files', '--all', 'per_page=50', '--output', whole])).code).toBe(0);

      const out = path.join(d, `out.${format}`);
      failAfter(7);
      const failed = await run(['list', 'files', '--all', 'per_page=50', '--output', out, '--retries', '0', '--checkpoint-interval', '0']);
      expect(failed.code).toBe(5);
      expect(existsSync(out)).toBe(false);
      expect(existsSync(`${out}.partial`)).toBe(true);
      expect(failed.stderr).toMatch(
        /the export stopped; out\.\w+ was not written .*run the same command again to resume after [\d,]+ records/,
      );
      sandbox.setFaults([]);

      const resumed = await run(['list', 'files', '--all', 'per_page=50', '--output', out, '--retries', '0', '--checkpoint-interval', '0']);
      expect(resumed.code).toBe(0);
      expect(resumed.stderr).toMatch(/\(resumed\)/);
      expect(await readFile(out, 'utf8')).toBe(await readFile(whole, 'utf8'));
      expect(existsSync(`${out}.partial`)).toBe(false);
      expect(existsSync(`${out}.partial.state`)).toBe(false);
    });
  }

  it('--excel: a stopped export resumes to the bytes of a whole one; a plain run left behind is not resumed as --excel', async () => {
    const d = await fresh();
    const args = ['list', 'files', '--all', 'per_page=50', '--retries', '0', '--checkpoint-interval', '0'];
    const whole = path.join(d, 'whole.csv');
    expect((await run([...args, '--output', whole, '--excel'])).code).toBe(0);
    const piped = await run(['list', 'files', '--all', 'per_page=50', '-o', 'csv', '--excel']);
    expect(await readFile(whole, 'utf8')).toBe(piped.stdout);
    expect((await readFile(whole, 'utf8')).startsWith('\uFEFFid,')).toBe(true);

    const out = path.join(d, 'out.csv');
    failAfter(7);
    expect((await run([...args, '--output', out, '--excel'])).code).toBe(5);
    sandbox.setFaults([]);
    const resumed = await run([...args, '--output', out, '--excel']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/\(resumed\)/);
    expect(await readFile(out, 'utf8')).toBe(await readFile(whole, 'utf8'));

    const plain = path.join(d, 'plain.csv');
    failAfter(7);
    expect((await run([...args, '--output', plain])).code).toBe(5);
    sandbox.setFaults([]);
    const other = await run([...args, '--output', plain, '--excel']);
    expect(other.code, other.stderr).toBe(0);
    expect(other.stderr).toMatch(/was left by another export \(files as csv to .*plain\.csv\); starting over/);
    expect(await readFile(plain, 'utf8')).toBe(await readFile(whole, 'utf8'));
  });

  it('writes the same bytes as the same listing on stdout, in each format, empty or not', async () => {
    const d = await fresh();
    for (const format of ['csv', 'ndjson', 'json'] as const) {
      for (const filter of ['state=A', 'identifier=none/such']) {
        const out = path.join(d, `same.${format}`);
        const piped = await run(['list', 'files', '--all', filter, '--format', format, '--fields', 'id,identifier,size,md5,created_at']);
        expect((await run(['list', 'files', '--all', filter, '--output', out, '--fields', 'id,identifier,size,md5,created_at'])).code).toBe(
          0,
        );
        expect(await readFile(out, 'utf8'), `${format} ${filter}`).toBe(piped.stdout);
      }
    }
  });

  it('writes every record of the sandbox once, nothing on stdout', async () => {
    const d = await fresh();
    const out = path.join(d, 'files.ndjson');
    const result = await run(['list', 'files', '--all', 'state=A', '--output', out]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const ids = parseNdjson(await readFile(out, 'utf8')).map((r) => r.id as number);
    expect([...ids].sort((a, b) => a - b)).toEqual(files({ state: 'A' }));
  });

  it('a directory that does not exist is exit 8 naming the file, not a stack trace', async () => {
    const d = await fresh();
    const result = await run(['list', 'files', '--all', '--output', path.join(d, 'nowhere', 'files.csv')]);
    expect(result.code).toBe(8);
    expect(result.stderr).toMatch(/cannot create .*nowhere\/files\.csv\.partial: no such file or directory \(ENOENT\)/);
    expect(result.stderr).toMatch(/hint: check that the directory exists/);
    expect(result.stderr).not.toMatch(/unexpected|at .*\.js/);
  });

  it('refuses what it cannot do before any request', async () => {
    const d = await fresh();
    const before = sandbox.requests.length;
    const cases: [string[], RegExp][] = [
      [['list', 'files', '--output', path.join(d, 'x.csv')], /--output only applies with --all/],
      [['list', 'files', '--all', '--state', path.join(d, 's')], /--state needs --output FILE/],
      [['list', 'files', '--all', '--output', path.join(d, 'x.txt'), '--format', 'table'], /--output writes json, ndjson, csv, not table/],
      [['list', 'files', '--all', '--full'], /--full only applies/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(sandbox.requests.length).toBe(before);
  });

  it('--state refuses a sort that pages by offset, and another export’s state file', async () => {
    const d = await fresh();
    const state = path.join(d, 'files.state');
    const sorted = await run(['list', 'files', '--all', 'sort=identifier', '--output', path.join(d, 'a.csv'), '--state', state]);
    expect(sorted.code).toBe(2);
    expect(sorted.stderr).toMatch(/--state needs a crawl that can resume/);
    expect((await run(['list', 'files', '--all', '--output', path.join(d, 'a.csv'), '--state', state])).code).toBe(0);
    const other = await run(['list', 'objects', '--all', '--output', path.join(d, 'b.csv'), '--state', state]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/is the state of another export \(files as csv to .*a\.csv\)/);
  });
});

describe('list --all --output FILE --state STATE: incremental runs', () => {
  it('the next run writes only what is new or changed, and counts what left the filters', async () => {
    const d = await fresh();
    const out = path.join(d, 'active.ndjson');
    const state = path.join(d, 'active.state');
    const args = ['list', 'files', '--all', 'state=A', 'per_page=100', '--output', out, '--state', state];
    const first = await run(args);
    expect(first.code).toBe(0);
    const activeBefore = new Set(files({ state: 'A' }));
    expect(parseNdjson(await readFile(out, 'utf8'))).toHaveLength(activeBefore.size);

    const inserted = sandbox.change({ kind: 'insert', resource: 'files', count: 25, institutionId: sandbox.user.institutionId }).ids;
    const touched = sandbox.change({ kind: 'touch', resource: 'files', count: 40, institutionId: sandbox.user.institutionId }).ids;
    const flipped = sandbox.change({ kind: 'state', resource: 'files', count: 30, institutionId: sandbox.user.institutionId }).ids;
    const activeAfter = new Set(files({ state: 'A' }));

    const second = await run(args);
    expect(second.code).toBe(0);
    const written = parseNdjson(await readFile(out, 'utf8')).map((r) => r.id as number);
    expect(new Set(written).size).toBe(written.length);
    // New: active now, not before. Changed: active before and now, and touched or flipped. Left: active before, not now.
    const expectNew = [...activeAfter].filter((id) => !activeBefore.has(id));
    const expectChanged = [...activeAfter].filter((id) => activeBefore.has(id) && (touched.includes(id) || flipped.includes(id)));
    const expectLeft = [...activeBefore].filter((id) => !activeAfter.has(id));
    expect(expectNew.length).toBeGreaterThan(0);
    expect(expectLeft.length).toBeGreaterThan(0);
    expect(inserted.every((id) => expectNew.includes(id) || !activeAfter.has(id))).toBe(true);
    expect([...written].sort((a, b) => a - b)).toEqual([...expectNew, ...expectChanged].sort((a, b) => a - b));
    const saved = JSON.parse(await readFile(state, 'utf8')) as { last: { kind: string; counts: Record<string, number>; left: number[] } };
    expect(saved.last.kind).toBe('changes');
    expect(saved.last.counts).toMatchObject({ new: expectNew.length, changed: expectChanged.length, left: expectLeft.length });
    expect([...saved.last.left].sort((a, b) => a - b)).toEqual(expectLeft);
    expect(second.stderr).toMatch(new RegExp(`${expectNew.length} new, ${expectChanged.length} changed, ${expectLeft.length} left since`));

    // Nothing changed since: a third run writes nothing, though it reads the overlap again.
    const third = await run(args);
    expect(third.code).toBe(0);
    expect(await readFile(out, 'utf8')).toBe('');
    expect(third.stderr).toMatch(/0 new, 0 changed, 0 left/);
  });

  it('asks the server only for what changed since the last run (less the overlap)', async () => {
    const d = await fresh();
    const args = ['list', 'files', '--all', 'per_page=1000', '--output', path.join(d, 'all.csv'), '--state', path.join(d, 's')];
    expect((await run(args)).code).toBe(0);
    const before = sandbox.requests.length;
    expect((await run(args)).code).toBe(0);
    const asked = sandbox.requests.slice(before).map((r) => new URL(r.url, 'http://x').searchParams);
    expect(asked.filter((q) => q.get('per_page') !== '1').every((q) => q.has('updated_at__gteq'))).toBe(true);
  });

  it('--full exports everything again and starts the ledger over', async () => {
    const d = await fresh();
    const out = path.join(d, 'all.ndjson');
    const args = ['list', 'files', '--all', '--output', out, '--state', path.join(d, 's')];
    expect((await run(args)).code).toBe(0);
    expect((await run(args)).code).toBe(0);
    expect((await run([...args, '--full'])).code).toBe(0);
    expect(parseNdjson(await readFile(out, 'utf8'))).toHaveLength(files().length);
  });

  it('work items, read in full every time, report what changed by comparing', async () => {
    const d = await fresh();
    const out = path.join(d, 'items.ndjson');
    const state = path.join(d, 'items.state');
    const args = ['list', 'items', '--all', '--output', out, '--state', state];
    expect((await run(args)).code).toBe(0);
    const changed = sandbox.change({ kind: 'state', resource: 'items', count: 5 }).ids;
    const mine = new Set(sandbox.matchingIds('items', { institution_id: sandbox.user.institutionId }));
    const second = await run(args);
    expect(second.code).toBe(0);
    const written = parseNdjson(await readFile(out, 'utf8')).map((r) => r.id as number);
    expect(written.sort((a, b) => a - b)).toEqual(changed.filter((id) => mine.has(id)));
  });
});
