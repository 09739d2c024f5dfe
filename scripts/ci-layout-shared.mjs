#!/usr/bin/env node
// Lays out ../shared/upstream/registry the way .ci/run and the tests expect, from a full git clone
// of APTrust/registry. For CI hosts (GitHub Actions) where ../shared does not exist.
//
//   node scripts/ci-layout-shared.mjs <registry-clone> <shared-dir>
//
// Writes <shared-dir>/upstream/registry/:
//   member_api_v3.yml             the spec whose sha256 is in openapi/upstream.lock.json, taken from
//                                 the newest commit that has it: exactly what generated/ was made from,
//                                 so CI checks generated/ against a fixed input, whatever upstream did since
//                                 (noticing upstream changes is the scheduled upstream-spec workflow's job);
//   member_api_v3.at-30d6d26.yml  the older spec test/pipeline/regenerate.test.ts regenerates from;
//   LICENSE                       the upstream licence (BSD-2-Clause), when the commit has one.
// Fails, naming the sha256, when no upstream commit has the locked spec.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = 'member_api_v3.yml';
/** The commit test/pipeline/regenerate.test.ts calls "the older spec" (before Wasabi-TX). */
const OLDER_COMMIT = '30d6d26';

const [clone, shared] = process.argv.slice(2);
if (!clone || !shared) {
  console.error('usage: node scripts/ci-layout-shared.mjs <registry-clone> <shared-dir>');
  process.exit(2);
}

function git(...args) {
  const result = spawnSync('git', ['-C', clone, ...args], { maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr.toString().trim()}`);
  return result.stdout;
}

const sha256 = (buffer) => createHash('sha256').update(buffer).digest('hex');
const lock = JSON.parse(await readFile(path.join(ROOT, 'openapi', 'upstream.lock.json'), 'utf8'));
const out = path.join(shared, 'upstream', 'registry');
await mkdir(out, { recursive: true });

let current;
for (const commit of git('log', '--format=%H', '--', SPEC).toString().split('\n').filter(Boolean)) {
  let text;
  try {
    text = git('show', `${commit}:${SPEC}`);
  } catch {
    continue; // the commit deleted the file
  }
  if (sha256(text) === lock.sha256) {
    current = { commit, text };
    break;
  }
}
if (!current) {
  console.error(
    `No commit of ${clone} has a ${SPEC} with sha256 ${lock.sha256} (openapi/upstream.lock.json).\n` +
      'Was generated/ made from a spec that is not upstream? Regenerate from the upstream URL (npm run generate).',
  );
  process.exit(1);
}
await writeFile(path.join(out, SPEC), current.text);
await writeFile(path.join(out, `member_api_v3.at-${OLDER_COMMIT}.yml`), git('show', `${OLDER_COMMIT}:${SPEC}`));
try {
  await writeFile(path.join(out, 'LICENSE'), git('show', `${current.commit}:LICENSE`));
} catch {
  console.warn(`(no LICENSE at ${current.commit}; not copied)`);
}
console.log(`${path.join(out, SPEC)}: from APTrust/registry ${current.commit} (sha256 ${lock.sha256})`);
console.log(`${path.join(out, `member_api_v3.at-${OLDER_COMMIT}.yml`)}: from ${OLDER_COMMIT}`);
