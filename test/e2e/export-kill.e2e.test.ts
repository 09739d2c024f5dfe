// Kill the exporting process with SIGKILL at random points (no handler runs, nothing is flushed)
// and run the same command again, over and over: the file that comes out at the end is byte for
// byte the one an uninterrupted run writes, for a first run and for an incremental one. The kill
// points are chosen by how far the partial file has grown, not by time, so a slow machine only
// makes the runs longer. The seed is in every failure message.
import { copyFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { runCli, sandboxEnv } from '../cli/helpers.js';
import { runAndKill } from '../helpers/kill.js';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 4_000, seed: 9, latencyMs: 3 });
  dir = await mkdtemp(path.join(tmpdir(), 'aptrust-kill-'));
});
afterAll(async () => {
  await sandbox.stop();
  await rm(dir, { recursive: true, force: true });
});

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const size = (file: string) =>
  stat(file).then(
    (s) => s.size,
    () => 0,
  );

/** Kills the command at random sizes until a run completes; returns how many kills landed mid-run. */
async function killUntilDone(args: string[], output: string, total: number, random: () => number): Promise<number> {
  let kills = 0;
  for (let attempt = 0; attempt < 40; attempt++) {
    // Later attempts aim nearer the end, so the sequence finishes; some aim at 0 (the first bytes, the header).
    const killAt = attempt < 12 ? Math.floor(random() * total) : Number.POSITIVE_INFINITY;
    const how = await runAndKill(args, sandboxEnv(sandbox), () => size(`${output}.partial`), killAt);
    if (how !== 'killed') return kills;
    kills += 1;
  }
  throw new Error('the export never completed');
}

describe('an export SIGKILLed at random points and run again', () => {
  for (const seed of [1, 2, 3]) {
    it(`ends with the bytes of an uninterrupted export (seed ${seed})`, async () => {
      const random = mulberry32(seed);
      const whole = path.join(dir, `whole-${seed}.csv`);
      const base = ['list', 'files', '--all', 'per_page=40', '--concurrency', String(1 + (seed % 3))];
      expect((await runCli([...base, '--output', whole], { env: sandboxEnv(sandbox), timeoutMs: 60_000 })).code).toBe(0);
      const expected = await readFile(whole);

      const output = path.join(dir, `out-${seed}.csv`);
      const args = [...base, '--output', output, '--state', path.join(dir, `state-${seed}`), '--checkpoint-interval', String(seed * 7)];
      const kills = await killUntilDone(args, output, expected.length, random);
      expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(3);
      expect((await readFile(output)).equals(expected), `seed ${seed}: the resumed file differs`).toBe(true);
    }, 120_000);
  }

  it('an incremental run killed at random points writes what it would have written uninterrupted', async () => {
    const random = mulberry32(42);
    const output = path.join(dir, 'delta.ndjson');
    const state = path.join(dir, 'delta.state');
    const args = (s: string) => [
      'list',
      'files',
      '--all',
      'state=A',
      'per_page=25',
      '--output',
      output,
      '--state',
      s,
      '--checkpoint-interval',
      '0',
    ];
    expect((await runCli(args(state), { env: sandboxEnv(sandbox), timeoutMs: 60_000 })).code).toBe(0);
    const institutionId = sandbox.user.institutionId;
    sandbox.change({ kind: 'insert', resource: 'files', count: 300, institutionId });
    sandbox.change({ kind: 'touch', resource: 'files', count: 300, institutionId });
    sandbox.change({ kind: 'state', resource: 'files', count: 100, institutionId });

    // The uninterrupted incremental run, from a copy of the state.
    const copy = `${state}.copy`;
    await copyFile(state, copy);
    expect((await runCli(args(copy), { env: sandboxEnv(sandbox), timeoutMs: 60_000 })).code).toBe(0);
    const expected = await readFile(output);
    expect(expected.length).toBeGreaterThan(0);
    await rm(output);

    const kills = await killUntilDone(args(state), output, expected.length, random);
    expect(kills).toBeGreaterThanOrEqual(3);
    expect((await readFile(output)).equals(expected), 'the resumed incremental file differs').toBe(true);
    const saved = JSON.parse(await readFile(state, 'utf8')) as { last: { counts: unknown } };
    const reference = JSON.parse(await readFile(copy, 'utf8')) as { last: { counts: unknown } };
    expect(saved.last.counts).toEqual(reference.last.counts);
  }, 180_000);
});
