// The real CLI `aptrust-registry sync --db FILE files` in its own process, as a member runs it: its
// wall time (spawn to exit, node's start included), its peak RSS (reported by
// bench/peak-on-exit.mjs, preloaded with --import) and the counts of its summary line on stderr
// (`aptrust-registry: files: 1,001,304 records in 1m05s (15,403/s); 1,001,304 new, 0 changed, 0 left`).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUMMARY =
  /^(?:aptrust-registry: )?files: ([\d,]+) records? in \S+(?: \([\d,]+\/s\))?; ([\d,]+) new, ([\d,]+) changed, ([\d,]+) left(?:, ([\d,]+) read again unchanged)?/m;
const int = (text) => (text === undefined ? 0 : Number(text.replaceAll(',', '')));

export function cliSync(sandbox, db, flags = []) {
  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [...flags, '--import', path.join(root, 'bench/peak-on-exit.mjs'), path.join(root, 'dist/src/cli/main.js'), 'sync', '--db', db, 'files'],
    {
      env: {
        ...process.env,
        APTRUST_REGISTRY_URL: sandbox.url,
        APTRUST_REGISTRY_EMAIL: sandbox.email,
        APTRUST_REGISTRY_API_KEY: sandbox.apiKey,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const peak = /PEAK_RSS_MB=([\d.]+)/.exec(stderr);
      const summary = SUMMARY.exec(stderr);
      if (code !== 0 || !peak || !summary) {
        reject(new Error(`the CLI sync exited ${code}: ${stderr.slice(-1500)}`));
        return;
      }
      resolve({
        ms,
        maxRssMb: Number(peak[1]),
        records: int(summary[1]),
        counts: { new: int(summary[2]), changed: int(summary[3]), left: int(summary[4]), unchanged: int(summary[5]) },
        summary: summary[0],
      });
    });
  });
}
