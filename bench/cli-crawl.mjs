// The CLI streaming a whole crawl as ndjson (`list items --all`), in its own process: how many
// records it printed and its peak RSS (reported by bench/peak-on-exit.mjs).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function cliCrawl(sandbox, flags = []) {
  const child = spawn(
    process.execPath,
    [
      ...flags,
      '--import',
      path.join(root, 'bench/peak-on-exit.mjs'),
      path.join(root, 'dist/src/cli/main.js'),
      'list',
      'items',
      'per_page=1000',
      '--all',
      '--format',
      'ndjson',
    ],
    {
      env: {
        ...process.env,
        APTRUST_REGISTRY_URL: sandbox.url,
        APTRUST_REGISTRY_EMAIL: sandbox.email,
        APTRUST_REGISTRY_API_KEY: sandbox.apiKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let records = 0;
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) records += 1;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const peak = /PEAK_RSS_MB=([\d.]+)/.exec(stderr);
      if (code !== 0 || !peak) reject(new Error(`the CLI exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ records, maxRssMb: Number(peak[1]) });
    });
  });
}
