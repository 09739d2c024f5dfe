#!/usr/bin/env node
// npm run bench — speed and memory of the client against the sandbox registry over real HTTP,
// the sandbox in its own process. Every figure is printed as a ratio measured side by side in
// this one run, and written with the machine and date to bench/RESULTS.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliCrawl } from './cli-crawl.mjs';
import { clientCrawl, sequentialLoop, timed } from './crawls.mjs';
import { startSandboxProcess } from './sandbox-process.mjs';
import { windowsVsOffset } from './windows.mjs';
import { syncInitialAndIncremental } from './sync.mjs';
import { verifyMemory } from './verify.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const QUICK = process.argv.includes('--quick');
const lines = [];
const say = (line = '') => {
  console.log(line);
  lines.push(line);
};
const x = (n) => `${n.toFixed(2)}x`;
// Differences of wall times can come out below zero when both are within the noise.
const signed = (ms) => `${ms < 0 ? '-' : '+'}${Math.abs(ms).toFixed(0)}`;

// 1. Throughput at 50 ms injected latency: 200,000 work items, about half visible to the member.
// Paging by offset, like the loop, so that only the pool differs: the same pages, in order.
const workItems = QUICK ? 20_000 : 200_000;
say(`## Crawl at 50 ms latency (${workItems.toLocaleString('en')} work items in the sandbox, per_page 1000, paging by offset)`);
let sandbox = await startSandboxProcess(['--files', '2500', '--work-items', String(workItems), '--latency', '50']);
// Warm-up: the sandbox caches its rows, and the client loads its HTTP layer (once per process).
await sequentialLoop(sandbox);
await clientCrawl(sandbox, 4, 1000, 'offset');
// Three rounds, each contender once per round in turn, so a slow moment hits one run, not one
// contender; each figure is the median of its three runs.
const levels = [1, 2, 4, 8];
const runs = { sequential: [], ...Object.fromEntries(levels.map((c) => [c, []])) };
let base;
for (let round = 0; round < 3; round += 1) {
  base = await timed(() => sequentialLoop(sandbox));
  runs.sequential.push(base.ms);
  for (const concurrency of levels) {
    const run = await timed(() => clientCrawl(sandbox, concurrency, 1000, 'offset'));
    if (run.records !== base.records) throw new Error(`client crawled ${run.records}, loop ${base.records}`);
    runs[concurrency].push(run.ms);
  }
}
const median = (a) => [...a].sort((p, q) => p - q)[Math.floor(a.length / 2)];
const baseMs = median(runs.sequential);
say(`sequential page loop: ${base.records} records, ${base.pages} pages, ${(baseMs / 1000).toFixed(2)} s (median of 3, as below)`);
say('');
say('| contender | time | speed-up vs sequential | ideal |');
say('|---|---|---|---|');
say(`| sequential loop | ${(baseMs / 1000).toFixed(2)} s | 1.00x | 1.00x |`);
const speedups = {};
for (const concurrency of levels) {
  const ms = median(runs[concurrency]);
  const ideal = base.pages / (1 + (base.pages - 1) / concurrency);
  speedups[concurrency] = baseMs / ms;
  say(
    `| all({ per_page: 1000 }, { concurrency: ${concurrency}, paging: 'offset' }) | ${(ms / 1000).toFixed(2)} s | ${x(baseMs / ms)} | ${x(ideal)} |`,
  );
}
await sandbox.stop();

// 2. CPU overhead at 0 latency, same pages: client all() at concurrency 1 vs fetch + JSON.parse.
say('');
say('## CPU at 0 latency (the same records, client process only; the client in windows of bag_date, its default)');
sandbox = await startSandboxProcess(['--files', '2500', '--work-items', String(workItems)]);
await sequentialLoop(sandbox);
await clientCrawl(sandbox, 1);
const cpu = { raw: [], client: [] };
for (let i = 0; i < 3; i += 1) {
  cpu.raw.push((await timed(() => sequentialLoop(sandbox))).cpuMs);
  cpu.client.push((await timed(() => clientCrawl(sandbox, 1))).cpuMs);
}
const cpuRatio = median(cpu.client) / median(cpu.raw);
say(
  `fetch + JSON.parse loop: ${median(cpu.raw).toFixed(0)} ms CPU; client all(): ${median(cpu.client).toFixed(0)} ms CPU; overhead ${x(cpuRatio)} (median of 3)`,
);
await sandbox.stop();

// 3. Peak RSS of streaming crawls, each in a fresh process: the plain loop and the client side by
// side, at two sizes (memory must not grow with the result), with V8's default heap sizing and with
// the old generation capped (which shows the live set, not how lazily V8 collects garbage).
say('');
// The sandbox's user sees about half the work items (the rest belong to other institutions), so
// 2,000,000 items give a crawl of just over 1,000,000 records.
const sizes = QUICK ? [20_000, 100_000] : [200_000, 2_000_000];
say(
  `## Peak RSS of a streaming crawl (sandbox with ${sizes.map((n) => n.toLocaleString('en')).join(' and ')} work items; fresh process each)`,
);
say('');
say('| crawl | records | default heap | --max-old-space-size=96 |');
say('|---|---|---|---|');
const rss = {};
// The client in its default paging: windows of bag_date.
const contenders = [
  ['plain loop', 0, true],
  ['client, concurrency 1', 1, false],
  ['client, concurrency 2 (default)', 2, true],
  ['client, concurrency 4', 4, false],
];
for (const size of sizes) {
  sandbox = await startSandboxProcess(['--files', '2500', '--work-items', String(size)]);
  for (const [label, concurrency, alsoCapped] of contenders) {
    const measure = (flags) =>
      JSON.parse(
        execFileSync(
          process.execPath,
          [...flags, path.join(root, 'bench/rss-child.mjs'), sandbox.url, sandbox.email, sandbox.apiKey, String(concurrency)],
          {
            encoding: 'utf8',
          },
        ),
      );
    const open = measure([]);
    const capped = alsoCapped ? measure(['--max-old-space-size=96']) : undefined;
    rss[`${size}/${concurrency}`] = { open, capped };
    say(
      `| ${label} | ${open.records.toLocaleString('en')} | ${open.maxRssMb.toFixed(0)} MB | ${capped ? `${capped.maxRssMb.toFixed(0)} MB` : '—'} |`,
    );
  }
  // The CLI's --all streams through the same crawl: ndjson to a pipe, every record counted.
  const cli = { open: await cliCrawl(sandbox), capped: await cliCrawl(sandbox, ['--max-old-space-size=96']) };
  for (const run of [cli.open, cli.capped]) {
    if (run.records !== rss[`${size}/2`].open.records) throw new Error(`the CLI printed ${run.records} records`);
  }
  rss[`${size}/cli`] = cli;
  say(
    `| CLI \`list items --all --format ndjson\` | ${cli.open.records.toLocaleString('en')} | ${cli.open.maxRssMb.toFixed(0)} MB | ${cli.capped.maxRssMb.toFixed(0)} MB |`,
  );
  await sandbox.stop();
}
const baseline = JSON.parse(execFileSync(process.execPath, [path.join(root, 'bench/rss-child.mjs'), 'empty'], { encoding: 'utf8' }));
say(`(node with the package imported, no crawl: ${baseline.maxRssMb.toFixed(0)} MB)`);
// Memory independent of the result: the live set (heap in use plus external memory, right after a
// full collection) sampled ten times through the largest crawl (the member sees about half the items). Peak RSS above also counts garbage V8 has not
// collected yet and memory the allocator keeps, both of which creep up over a long run.
sandbox = await startSandboxProcess(['--files', '2500', '--work-items', String(sizes[1])]);
const live = JSON.parse(
  execFileSync(
    process.execPath,
    ['--expose-gc', path.join(root, 'bench/live-child.mjs'), sandbox.url, sandbox.email, sandbox.apiKey, String(sizes[1] / 20)],
    {
      encoding: 'utf8',
    },
  ),
);
await sandbox.stop();
say(
  `client at default concurrency, live set after a full GC every ${(sizes[1] / 20).toLocaleString('en')} of ${live.records.toLocaleString('en')} records: ${live.samples.map((p) => p.liveMb.toFixed(0)).join(', ')} MB`,
);

// 4. Windows against offsets with the server's cost of an offset modelled (bench/windows.mjs): at
// the real server's speed for 200,000 files, and ten times faster for 1,000,000 so that the offset
// crawls fit in minutes (the modelled server work does not depend on the scale).
say('');
say('## Windows against offsets, the server paying for each offset as the real one does');
say('');
const small = await windowsVsOffset({ files: QUICK ? 40_000 : 400_000, timeScale: QUICK ? 0.05 : 1, say });
say('');
const large = await windowsVsOffset({ files: QUICK ? 200_000 : 2_000_000, timeScale: QUICK ? 0.05 : 0.1, say });

// 5. Cold start: import of the package, and the CLI's --help, against an empty node process.
say('');
say('## Cold start (median of 7, wall time of a new node process)');
function wall(args) {
  const times = [];
  for (let i = 0; i < 7; i += 1) {
    const started = process.hrtime.bigint();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}
const empty = wall(['-e', '']);
const importMs = wall(['--input-type=module', '-e', `await import(${JSON.stringify(path.join(root, 'dist/src/index.js'))})`]);
const helpMs = wall([path.join(root, 'dist/src/cli/main.js'), '--help']);
say(
  `empty node: ${empty.toFixed(0)} ms; import: ${importMs.toFixed(0)} ms (${signed(importMs - empty)} ms); aptrust-registry --help: ${helpMs.toFixed(0)} ms (${signed(helpMs - empty)} ms)`,
);

// 6. sync into SQLite (bench/sync.mjs): the CLI's initial sync of 1,000,000 files and its
// incremental run after 1% of them changed, against the same cost model and scale as section 4.
say('');
say('## Sync into SQLite: the initial run, then an incremental one after 1% of the files changed');
say('');
const syncSize = { files: QUICK ? 200_000 : 2_000_000, timeScale: QUICK ? 0.05 : 0.1, say };
say('### As on a live Registry (its newest updated_at moments old)');
say('');
const sync = await syncInitialAndIncremental({ ...syncSize, live: true });
say('');
say('### The sandbox data as generated (its newest updated_at one instant shared by 11% of the files)');
say('');
const syncAsGenerated = await syncInitialAndIncremental(syncSize);

// 7. verify (bench/verify.mjs): peak memory of a 10,000- and a 100,000-file verification, side by side.
say('');
say('## verify: memory per file (a payload manifest against the sandbox, every page over HTTP)');
say('');
const verified = await verifyMemory({ sizes: QUICK ? [2_000, 20_000] : [10_000, 100_000], say });

// Targets: >= 3.3x at 4-way, CPU <= 1.3x, RSS <= 150 MB, import <= 150 ms; windows >= 10x the
// offset crawl of 1,000,000 files in wall time and in server work, within 150 MB.
const targets = [
  ['verify: <= 2 KB of peak RSS per file', verified.perFile <= 2048, `${verified.perFile.toFixed(0)} bytes`],
  ['4-way speed-up >= 3.3x', speedups[4] >= 3.3, x(speedups[4])],
  ['CPU overhead <= 1.3x', cpuRatio <= 1.3, x(cpuRatio)],
  [
    `peak RSS <= 150 MB (crawl of ${rss[`${sizes[1]}/2`].open.records.toLocaleString('en')} records, default concurrency, default heap)`,
    rss[`${sizes[1]}/2`].open.maxRssMb <= 150,
    `${rss[`${sizes[1]}/2`].open.maxRssMb.toFixed(0)} MB`,
  ],
  [
    `peak RSS <= 150 MB (same, --max-old-space-size=96)`,
    rss[`${sizes[1]}/2`].capped.maxRssMb <= 150,
    `${rss[`${sizes[1]}/2`].capped.maxRssMb.toFixed(0)} MB`,
  ],
  ['import <= 150 ms', importMs - empty <= 150, `${signed(importMs - empty)} ms over an empty node`],
  [`windows >= 10x faster than the offset crawl (${large.records.toLocaleString('en')} files)`, large.wall >= 10, x(large.wall)],
  [`server work >= 10x lower in windows (same)`, large.work >= 10, x(large.work)],
  [`peak RSS <= 150 MB in windows (same)`, large.rss <= 150, `${large.rss.toFixed(0)} MB`],
  [
    `(for comparison) ${small.records.toLocaleString('en')} files: windows faster`,
    small.wall > 1,
    `${x(small.wall)}, server work ${x(small.work)} lower`,
  ],
  [
    `peak RSS <= 200 MB in sync (${sync.records.toLocaleString('en')} files, initial and incremental)`,
    sync.rss <= 200,
    `${sync.rss.toFixed(0)} MB`,
  ],
  [
    `incremental sync <= 5% of the initial in requests (after 1% changed)`,
    sync.requestsRatio <= 0.05,
    `${(100 * sync.requestsRatio).toFixed(2)}%`,
  ],
  [`incremental sync <= 5% of the initial in wall time (same)`, sync.wallRatio <= 0.05, `${(100 * sync.wallRatio).toFixed(2)}%`],
  [
    `(for comparison) the sandbox data as generated: incremental sync <= 5% of the initial in requests`,
    syncAsGenerated.requestsRatio <= 0.05,
    `${(100 * syncAsGenerated.requestsRatio).toFixed(2)}%, wall ${(100 * syncAsGenerated.wallRatio).toFixed(2)}%`,
  ],
];
say('');
say('## Targets');
for (const [what, met, value] of targets) say(`- ${met ? 'met' : 'MISSED'}: ${what} (${value})`);

if (!QUICK) {
  const cpuModel = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = `# Benchmark results\n\nRun: ${new Date().toISOString()} on ${os.cpus().length} × ${cpuModel}, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${os.type()} ${os.release()}.\nCommand: \`npm run bench\` (sandbox in its own process, real HTTP on loopback).\n\n`;
  writeFileSync(path.join(root, 'bench/RESULTS.md'), `${header}${lines.join('\n')}\n`);
  console.log('\nwritten to bench/RESULTS.md');
}
