#!/usr/bin/env node
// npm run check:generated — regenerate into a temporary folder and fail on any difference with generated/,
// or when the upstream spec no longer matches the sha256 in openapi/upstream.lock.json.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, SCRIPTS_ROOT, specSource, pullSpec, applyOverlay, readLock } from './lib/spec.mjs';
import { writePatchedSpec, lintSpec, generateClient } from './lib/codegen.mjs';
import { compareTrees } from './lib/compare-trees.mjs';

if (ROOT !== SCRIPTS_ROOT) console.log(`project: ${ROOT} (APTRUST_PIPELINE_ROOT)`);
const problems = [];
const source = specSource();
const { text, sha256 } = await pullSpec(source);
const lock = await readLock();
if (!lock || lock.sha256 !== sha256) {
  problems.push(`the spec changed upstream: run npm run generate and review (lock ${lock?.sha256 ?? 'missing'}, ${source} is ${sha256})`);
}

const patched = await writePatchedSpec(await applyOverlay(text));
const out = await mkdtemp(path.join(tmpdir(), 'aptrust-generated-'));
try {
  lintSpec(patched.file);
  await generateClient(patched.file, out);
  const diff = await compareTrees(path.join(ROOT, 'generated'), out);
  for (const file of diff.changed) problems.push(`generated/${file} differs from what the spec produces`);
  for (const file of diff.added) problems.push(`generated/${file} would be created by regeneration`);
  for (const file of diff.removed) problems.push(`generated/${file} is not produced by regeneration`);
} finally {
  await patched.cleanup();
  await rm(out, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`check:generated failed:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check:generated: generated/ matches ${source} (sha256 ${sha256})`);
