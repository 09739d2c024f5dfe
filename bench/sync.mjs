// `aptrust-registry sync` into SQLite, the initial run and then an incremental one after 1% of the
// member's files changed, side by side, against the sandbox with the real server's cost model
// (bench/cost-sandbox.mjs, as in bench/windows.mjs: a list request waits 129 ms + 0.0107 ms per row
// its view reads, at most two at once, × timeScale). Each run is the real CLI in a fresh process
// (bench/sync-child.mjs): wall time, records read and per second, requests counted at the sandbox,
// the modelled server work and the CLI's peak RSS. Between the runs the sandbox changes 1% of the
// member's files (0.6% touched, 0.2% A ↔ D, 0.2% inserted); after the second run the bench checks
// the inventory against the sandbox (rows, D rows) and the summary's counts against the changes,
// and throws if any differs.
//
// In run.mjs as one section; alone: `node bench/sync.mjs [--quick] [--as-generated]` (appends nothing anywhere).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { cliSync } from './sync-child.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);
const MEMBER = 2; // the sandbox user's institution

function startCostSandbox(files, timeScale) {
  const child = spawn(process.execPath, [path.join(root, 'bench/cost-sandbox.mjs'), String(files), String(timeScale)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise((resolve) => lines.once('line', (line) => resolve(JSON.parse(line))));
  const ask = async (command) => {
    const answer = next();
    child.stdin.write(`${command}\n`);
    const value = await answer;
    if (value?.error) throw new Error(`sandbox: ${command.slice(0, 80)}: ${value.error}`);
    return value;
  };
  return next().then((info) => ({
    ...info,
    ask,
    stop: () =>
      new Promise((done) => {
        child.once('exit', done);
        child.stdin.end();
        child.kill('SIGTERM');
      }),
  }));
}

/** Rows and D rows of the inventory's files table. */
function inventoryCounts(file) {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('SELECT count(*) FROM files').pluck().get();
    const deleted = db.prepare("SELECT count(*) FROM files WHERE state = 'D'").pluck().get();
    return { rows, deleted };
  } finally {
    db.close();
  }
}

/** The mark the last completed sync of files took as it began (the engine's state, sync_state). */
function lastMark(file) {
  const db = new Database(file, { readonly: true });
  try {
    const text = db.prepare("SELECT state FROM sync_state WHERE resource = 'files'").pluck().get();
    const mark = JSON.parse(text)?.last?.mark;
    if (typeof mark !== 'string') throw new Error(`no mark in the inventory's state: ${text}`);
    return mark;
  } finally {
    db.close();
  }
}

function sizeOnDisk(file) {
  let bytes = 0;
  for (const suffix of ['', '-wal', '-shm']) {
    try {
      bytes += statSync(`${file}${suffix}`).size;
    } catch {
      // absent
    }
  }
  return bytes;
}

/**
 * One size: the initial sync of every file the member sees, 1% of them changed, the incremental
 * sync. Returns the ratios and peak RSS for the targets.
 *
 * `live`: the sandbox's generated data ends in its last monthly fixity run, which stamps some 11%
 * of the files with one and the same updated_at; that instant is the newest, so it becomes the mark
 * and the incremental run reads all of them again. A live Registry's newest stamps are moments old
 * and spread out (each fixity check, ingest or deletion stamps its own file). With `live`, 0.01% of
 * the files are touched just before the initial run, so its mark is the present, as on a live
 * server; without it the data is measured as generated. run.mjs reports both.
 */
export async function syncInitialAndIncremental({ files, timeScale, say, live = false }) {
  const startedAt = Date.now();
  const loadAtStart = os.loadavg()[0].toFixed(1);
  const sandbox = await startCostSandbox(files, timeScale);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'aptrust-sync-bench-'));
  const db = path.join(dir, 'inv.sqlite');
  try {
    const scope = { resource: 'files', query: { institution_id: MEMBER } };
    const memberFiles = (await sandbox.ask(`count ${JSON.stringify(scope)}`)).count;
    // Warm-up, unmeasured, as in windows.mjs: the sandbox builds each row's JSON once and caches it;
    // the initial sync would pay for that and the incremental one not.
    await run(process.execPath, [path.join(root, 'bench/files-child.mjs'), sandbox.url, sandbox.email, sandbox.apiKey, 'windows', '2'], {
      maxBuffer: 1 << 20,
    });

    const measured = async () => {
      await sandbox.ask('reset');
      const before = (await sandbox.ask('requests')).requests;
      const cpuBefore = await sandbox.ask('cpu');
      const result = await cliSync(sandbox, db);
      const cpuAfter = await sandbox.ask('cpu');
      const work = await sandbox.ask('cost');
      const requests = (await sandbox.ask('requests')).requests - before;
      // The sandbox's own CPU (answering, filtering, JSON), which shares the machine's cores with the CLI.
      const sandboxCpuMs = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000;
      return { ...result, requests, work, sandboxCpuMs, bytes: sizeOnDisk(db) };
    };

    if (live) {
      const count = Math.max(1, Math.round(memberFiles * 0.0001));
      await sandbox.ask(`change ${JSON.stringify({ kind: 'touch', resource: 'files', count, institutionId: MEMBER })}`);
    }
    // Run 1: an empty inventory, everything read.
    const initial = await measured();
    const afterInitial = inventoryCounts(db);
    // The mark run 2 starts from (less 5 minutes), and how many unchanged files that takes in.
    const initialMark = lastMark(db);
    const gteq = async (at) =>
      (await sandbox.ask(`count ${JSON.stringify({ ...scope, query: { ...scope.query, updated_at__gteq: at } })}`)).count;
    const tied = { atMark: await gteq(initialMark), inOverlap: await gteq(new Date(Date.parse(initialMark) - 5 * 60_000).toISOString()) };

    // 1% of the member's files changed, in three batches: state first, then touches, then inserts
    // (so that no inserted row is also picked for a change). A row picked by both the state and the
    // touch batch is one change; what it counts as (changed, or left for A → D) is read from the
    // states before and after.
    const deletedIds = async () =>
      new Set((await sandbox.ask(`ids ${JSON.stringify({ ...scope, query: { ...scope.query, state: 'D' } })}`)).ids);
    const deletedBefore = await deletedIds();
    const plan = {
      state: Math.round(memberFiles * 0.002),
      touch: Math.round(memberFiles * 0.006),
      insert: Math.round(memberFiles * 0.002),
    };
    const batches = {};
    for (const kind of ['state', 'touch', 'insert']) {
      batches[kind] = await sandbox.ask(`change ${JSON.stringify({ kind, resource: 'files', count: plan[kind], institutionId: MEMBER })}`);
      if (batches[kind].ids.length !== plan[kind])
        throw new Error(`sandbox ${kind}: ${batches[kind].ids.length} rows, asked for ${plan[kind]}`);
    }
    const deletedAfter = await deletedIds();
    const picked = new Set([...batches.state.ids, ...batches.touch.ids]);
    let left = 0;
    for (const id of picked) if (!deletedBefore.has(id) && deletedAfter.has(id)) left += 1;
    const expected = { new: batches.insert.ids.length, changed: picked.size - left, left };
    const memberAfter = (await sandbox.ask(`count ${JSON.stringify(scope)}`)).count;

    // Run 2: the same command, incremental.
    const incremental = await measured();
    const afterIncremental = inventoryCounts(db);

    // Correctness, loudly.
    const problems = [];
    if (afterInitial.rows !== memberFiles)
      problems.push(`after run 1 the inventory holds ${afterInitial.rows} files, the member sees ${memberFiles}`);
    if (afterInitial.deleted !== deletedBefore.size)
      problems.push(`after run 1: ${afterInitial.deleted} D rows, the sandbox ${deletedBefore.size}`);
    if (
      initial.records !== memberFiles ||
      initial.counts.new !== memberFiles ||
      initial.counts.changed !== 0 ||
      initial.counts.left !== 0
    ) {
      problems.push(`run 1 summary: ${initial.summary} (expected ${memberFiles} records, all new)`);
    }
    if (afterIncremental.rows !== memberAfter)
      problems.push(`after run 2 the inventory holds ${afterIncremental.rows} files, the member sees ${memberAfter}`);
    if (afterIncremental.deleted !== deletedAfter.size)
      problems.push(`after run 2: ${afterIncremental.deleted} D rows, the sandbox ${deletedAfter.size}`);
    for (const key of ['new', 'changed', 'left']) {
      if (incremental.counts[key] !== expected[key])
        problems.push(`run 2 summary: ${incremental.counts[key]} ${key}, expected ${expected[key]} (${incremental.summary})`);
    }
    const readAgain = incremental.counts.new + incremental.counts.changed + incremental.counts.left + incremental.counts.unchanged;
    if (readAgain !== incremental.records) problems.push(`run 2 read ${incremental.records} records, its counts add up to ${readAgain}`);
    if (problems.length > 0) throw new Error(`sync bench: the inventory is wrong:\n- ${problems.join('\n- ')}`);

    const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
    const n = (v) => v.toLocaleString('en');
    const pct = (r) => `${(100 * r).toFixed(2)}%`;
    const mb = (bytes) => `${(bytes / 1024 ** 2).toFixed(0)} MB`;
    say(
      `${n(memberFiles)} files for the member (${n(files)} in the sandbox), time scale ${timeScale}; the CLI \`sync --db inv.sqlite files\`, fresh process each run; ` +
        (live
          ? 'live: 0.01% of the files touched just before run 1, so the newest updated_at is the present, as on a live Registry'
          : 'the data as generated: its newest updated_at is one instant shared by many files'),
    );
    say('');
    say('| run | records read | wall | records/s | requests | modelled server work | peak RSS |');
    say('|---|---|---|---|---|---|---|');
    const row = (label, r) =>
      say(
        `| ${label} | ${n(r.records)} | ${s(r.ms)} | ${n(Math.round(r.records / (r.ms / 1000)))} | ${n(r.requests)} | ${s(r.work.modelledMs)} | ${r.maxRssMb.toFixed(0)} MB |`,
      );
    row('initial (empty inventory)', initial);
    row('incremental (after 1% changed)', incremental);
    const requestsRatio = incremental.requests / initial.requests;
    const wallRatio = incremental.ms / initial.ms;
    const workRatio = incremental.work.modelledMs / initial.work.modelledMs;
    const rss = Math.max(initial.maxRssMb, incremental.maxRssMb);
    say('');
    say(
      `changes between the runs: ${n(plan.state)} files A ↔ D, ${n(plan.touch)} touched (updated_at only), ${n(plan.insert)} inserted ` +
        `(${n(plan.state + plan.touch + plan.insert)}, ${pct((plan.state + plan.touch + plan.insert) / memberFiles)}); ` +
        `${n(batches.state.ids.filter((id) => batches.touch.ids.includes(id)).length)} rows picked by both batches`,
    );
    say(
      `the sandbox process's own CPU (not modelled; it shares the ${os.cpus().length} cores with the CLI): ${s(initial.sandboxCpuMs)} in run 1, ${s(incremental.sandboxCpuMs)} in run 2; ` +
        `time the modelled server spent waiting, at this scale, over its 2 cores: ${s((initial.work.modelledMs * timeScale) / 2)} and ${s((incremental.work.modelledMs * timeScale) / 2)}`,
    );
    say(
      `run 2 read ${n(incremental.counts.unchanged)} unchanged records again (${pct(incremental.counts.unchanged / memberFiles)} of the files): before the changes, ` +
        `${n(tied.atMark)} of the member's files had updated_at = the mark run 1 took (${initialMark}, the newest) and ${n(tied.inOverlap)} updated_at >= the mark less 5 minutes`,
    );
    say(`run 1 summary: \`${initial.summary}\``);
    say(`run 2 summary: \`${incremental.summary}\``);
    say(
      `checked: inventory ${n(afterIncremental.rows)} files (${n(afterIncremental.deleted)} D) = the sandbox's ${n(memberAfter)} (${n(deletedAfter.size)} D); ` +
        `run 2 counted ${n(expected.new)} new, ${n(expected.changed)} changed, ${n(expected.left)} left, as applied; inventory on disk ${mb(initial.bytes)} after run 1, ${mb(incremental.bytes)} after run 2`,
    );
    say(
      `incremental / initial: requests ${pct(requestsRatio)} (${n(incremental.requests)} / ${n(initial.requests)}), wall ${pct(wallRatio)}, modelled server work ${pct(workRatio)}`,
    );
    say(
      `${rss <= 200 ? 'met' : 'MISSED'}: peak RSS <= 200 MB (${rss.toFixed(0)} MB); ` +
        `${requestsRatio <= 0.05 ? 'met' : 'MISSED'}: requests <= 5% (${pct(requestsRatio)}); ${wallRatio <= 0.05 ? 'met' : 'MISSED'}: wall <= 5% (${pct(wallRatio)})`,
    );
    say(
      `(the whole section took ${s(Date.now() - startedAt)}, the sandbox's start and a warm-up crawl included; load average ${loadAtStart} at its start, ${os.loadavg()[0].toFixed(1)} at its end)`,
    );
    return { initial, incremental, requestsRatio, wallRatio, workRatio, rss, records: memberFiles };
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const quick = process.argv.includes('--quick');
  await syncInitialAndIncremental({
    files: quick ? 200_000 : 2_000_000,
    timeScale: quick ? 0.05 : 0.1,
    say: (line = '') => console.log(line),
    live: !process.argv.includes('--as-generated'),
  });
}
