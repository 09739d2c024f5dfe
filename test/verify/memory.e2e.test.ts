// A 100,000-file bag verified with bounded memory: the Registry side (100,000 files and 200,000
// checksums, every page over HTTP) and the local manifest are read in a child process whose heap
// is capped at 160 MB (it would crash past that), and whose peak RSS must stay under 384 MB.
// (Measured: about 65 MB live after both sides are read, some 650 bytes per file.)
// Generous bounds, independent of the machine's speed; bench/ has the measured figures.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox, SandboxBagFile } from '../../src/sandbox/index.js';
import { encodePath, tempDir } from './helpers.js';

const N = 100_000;
const CHILD = resolve(fileURLToPath(import.meta.url), '..', '..', '..', 'bench', 'verify-child.mjs');
const HEAP_CAP_MB = Number(process.env.VERIFY_HEAP_CAP_MB ?? 160);
const RSS_BOUND = 384 * 1024 * 1024;

const hex = (alg: string, s: string) => createHash(alg).update(s).digest('hex');

describe('a 100,000-file bag', () => {
  let sandbox: Sandbox;
  let dir: string;
  let manifest: string;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, files: 100 });
    dir = tempDir();
    const files: SandboxBagFile[] = [];
    const lines: string[] = [];
    for (let i = 0; i < N; i++) {
      // Awkward names at scale: spaces, unicode, '#', '%'.
      const path = `data/d${i % 97}/file ${i} #ü 5%.txt`;
      const content = `content of ${i}`;
      const sha256 = hex('sha256', i === 7 ? 'tampered' : content);
      files.push({ path, size: content.length, digests: { md5: hex('md5', content), sha256: hex('sha256', content) } });
      if (i !== 11) lines.push(`${sha256}  ${encodePath(path)}\n`); // file 11: only in APTrust
    }
    lines.push(`${hex('sha256', 'extra')}  data/extra.txt\n`); // missing in APTrust
    sandbox.ingestBag({ name: 'big_bag', files });
    manifest = join(dir, 'big_bag', 'manifest-sha256.txt');
    rmSync(join(dir, 'big_bag'), { recursive: true, force: true });
    mkdirSync(join(dir, 'big_bag'));
    writeFileSync(manifest, lines.join(''));
  }, 120_000);

  afterAll(async () => {
    await sandbox?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('verifies in a child with a capped heap, peak RSS bounded', async () => {
    const out = await new Promise<string>((resolvePromise, reject) => {
      execFile(
        process.execPath,
        [
          `--max-old-space-size=${HEAP_CAP_MB}`,
          CHILD,
          sandbox.url,
          sandbox.user.email,
          sandbox.user.apiKey,
          'institution1.edu/big_bag',
          manifest,
        ],
        { maxBuffer: 1 << 20, timeout: 300_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolvePromise(stdout)),
      );
    });
    const r = JSON.parse(out) as { counts: Record<string, number>; total: number; seen: number; peakHeap: number; maxRss: number };
    expect(r.counts).toMatchObject({ match: N - 2, mismatch: 1, missing: 1, 'only-in-aptrust': 1 });
    expect(r.seen).toBe(r.total);
    expect(r.maxRss).toBeLessThan(RSS_BOUND);
    expect(r.peakHeap).toBeLessThan(HEAP_CAP_MB * 1024 * 1024);
    console.log(
      `verify of ${N.toLocaleString('en')} files: peak heap ${(r.peakHeap / 2 ** 20).toFixed(0)} MB, peak RSS ${(r.maxRss / 2 ** 20).toFixed(0)} MB`,
    );
  }, 300_000);
});
