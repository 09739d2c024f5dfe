// Windows against offsets, with the sandbox modelling the real server's cost of an offset: a list
// request waits 129 ms + 0.0107 ms per row its view reads (the offset plus the page; page 1 =
// 0.14 s, page 190 = 2.16 s, as measured on the real Registry), at most two at once (its cores),
// scaled by `timeScale` so that a million-record offset crawl fits in minutes. Each contender runs
// in a fresh process, one after the other against the same sandbox process: wall time, the
// server's modelled work (the sum of modelled response times, whatever the scale), requests and
// the client's peak RSS.
import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

function startCostSandbox(files, timeScale) {
  const child = spawn(process.execPath, [path.join(root, 'bench/cost-sandbox.mjs'), String(files), String(timeScale)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const next = () => new Promise((resolve) => lines.once('line', (line) => resolve(JSON.parse(line))));
  return next().then((info) => ({
    ...info,
    cost: (command) => {
      const answer = next();
      child.stdin.write(`${command}\n`);
      return answer;
    },
    stop: () =>
      new Promise((done) => {
        child.once('exit', done);
        child.stdin.end();
        child.kill('SIGTERM');
      }),
  }));
}

/** One size: windows, offset (both at the default concurrency 2) and the plain loop. */
export async function windowsVsOffset({ files, timeScale, say }) {
  const sandbox = await startCostSandbox(files, timeScale);
  const results = {};
  const crawl = (contender) =>
    run(process.execPath, [path.join(root, 'bench/files-child.mjs'), sandbox.url, sandbox.email, sandbox.apiKey, contender, '2'], {
      maxBuffer: 1 << 20,
    });
  // Warm-up, unmeasured: the sandbox builds each row's JSON once and caches it; the first crawl
  // would pay for that and the others not.
  await crawl('windows');
  for (const contender of ['windows', 'offset', 'loop']) {
    await sandbox.cost('reset');
    const { stdout } = await crawl(contender);
    results[contender] = { ...JSON.parse(stdout), work: await sandbox.cost('cost') };
  }
  await sandbox.stop();
  const { windows, offset, loop } = results;
  if (offset.records !== windows.records || loop.records !== windows.records) {
    throw new Error(`records differ: windows ${windows.records}, offset ${offset.records}, loop ${loop.records}`);
  }
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  say(
    `${windows.records.toLocaleString('en')} files for the member (${files.toLocaleString('en')} in the sandbox), time scale ${timeScale}`,
  );
  say('');
  say('| contender | wall | server work (modelled) | requests | requests per 1,000 records | peak RSS |');
  say('|---|---|---|---|---|---|');
  const row = (label, r) =>
    say(
      `| ${label} | ${s(r.ms)} | ${s(r.work.modelledMs)} | ${r.requests.toLocaleString('en')} | ${((1000 * r.requests) / r.records).toFixed(2)} | ${r.maxRssMb.toFixed(0)} MB |`,
    );
  row('`all()` in windows, concurrency 2', windows);
  row("`all({ paging: 'offset' })`, concurrency 2", offset);
  row('plain sequential page loop', loop);
  const st = windows.stats;
  say('');
  say(
    `windows: ${st.windows} windows, ${st.splits} split, ${st.instants} instants read by offset (${st.instantPages} pages); ` +
      `wall ${(offset.ms / windows.ms).toFixed(1)}x faster than the offset crawl and ${(loop.ms / windows.ms).toFixed(1)}x than the loop; ` +
      `server work ${(offset.work.modelledMs / windows.work.modelledMs).toFixed(1)}x and ${(loop.work.modelledMs / windows.work.modelledMs).toFixed(1)}x lower`,
  );
  return {
    wall: offset.ms / windows.ms,
    work: offset.work.modelledMs / windows.work.modelledMs,
    rss: windows.maxRssMb,
    records: windows.records,
  };
}
