// verify's memory, side by side in one run: the same verification of a 10,000-file and a
// 100,000-file bag (a payload manifest against the sandbox's object, every page over HTTP), each
// in a fresh child (bench/verify-child.mjs), against an empty node process. The sandbox runs in
// this process (only the child is measured). The figure that matters is the cost per file: the
// difference of the two peaks over the difference of the file counts.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const hex = (alg, s) => createHash(alg).update(s).digest('hex');

export async function verifyMemory({ sizes, say }) {
  const { startSandbox } = await import(path.join(root, 'dist/src/sandbox/index.js'));
  const sandbox = await startSandbox({ port: 0, files: 100 });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-verify-'));
  const child = path.join(root, 'bench/verify-child.mjs');
  const results = [];
  try {
    for (const n of sizes) {
      const name = `bench_bag_${n}`;
      const files = [];
      const lines = [];
      for (let i = 0; i < n; i++) {
        const p = `data/d${i % 97}/file ${i} #ü 5%.txt`;
        const sha256 = hex('sha256', `content ${i}`);
        files.push({ path: p, size: 10, digests: { md5: hex('md5', `content ${i}`), sha256 } });
        lines.push(`${sha256}  ${p.replace(/%/g, '%25')}\n`);
      }
      sandbox.ingestBag({ name, files });
      mkdirSync(path.join(dir, name));
      const manifest = path.join(dir, name, 'manifest-sha256.txt');
      writeFileSync(manifest, lines.join(''));
      // Asynchronously: the sandbox answering the child runs in this process's event loop.
      const { stdout: out } = await promisify(execFile)(
        process.execPath,
        [child, sandbox.url, sandbox.user.email, sandbox.user.apiKey, `institution1.edu/${name}`, manifest],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20,
        },
      );
      const r = JSON.parse(out);
      if (r.counts.match !== n) throw new Error(`verify of ${n} files: ${JSON.stringify(r.counts)}`);
      results.push({ n, ...r });
    }
  } finally {
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const empty = Number(
    execFileSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import { peakRssMb } from ${JSON.stringify(path.join(root, 'bench/peak-rss.mjs'))}; console.log(peakRssMb())`,
      ],
      { encoding: 'utf8' },
    ),
  );
  const mb = (b) => (b / 2 ** 20).toFixed(0);
  say(`| files | peak RSS | peak heap | time | vs an empty node (${empty.toFixed(0)} MB) |`);
  say('|---|---|---|---|---|');
  for (const r of results) {
    say(
      `| ${r.n.toLocaleString('en')} | ${mb(r.maxRss)} MB | ${mb(r.peakHeap)} MB | ${(r.ms / 1000).toFixed(1)} s | ${(r.maxRss / 2 ** 20 / empty).toFixed(2)}x |`,
    );
  }
  const [a, b] = results;
  const perFile = (b.maxRss - a.maxRss) / (b.n - a.n);
  say('');
  say(
    `Per file: ${perFile.toFixed(0)} bytes of peak RSS ((${mb(b.maxRss)} − ${mb(a.maxRss)}) MB over ${(b.n - a.n).toLocaleString('en')} files); ` +
      `${(b.n / a.n).toFixed(0)}x the files took ${(b.maxRss / a.maxRss).toFixed(2)}x the memory.`,
  );
  return { perFile, results };
}
