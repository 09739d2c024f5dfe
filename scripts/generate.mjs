#!/usr/bin/env node
// npm run generate — pull the upstream spec, record its sha256, apply our overlay, lint, regenerate generated/.
import { rename, rm, writeFile, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { ROOT, SCRIPTS_ROOT, LOCK_FILE, specSource, pullSpec, applyOverlay } from './lib/spec.mjs';
import { writePatchedSpec, lintSpec, generateClient } from './lib/codegen.mjs';

const source = specSource();
const { text, sha256 } = await pullSpec(source);
console.log(`spec: ${source}\nsha256: ${sha256}`);
if (ROOT !== SCRIPTS_ROOT) console.log(`project: ${ROOT} (APTRUST_PIPELINE_ROOT)`);

const patched = await writePatchedSpec(await applyOverlay(text));
try {
  lintSpec(patched.file);
  // Generate beside generated/ and swap, so files that the new spec no longer produces disappear.
  const staging = await mkdtemp(path.join(ROOT, '.generated-'));
  try {
    await generateClient(patched.file, staging);
    await rm(path.join(ROOT, 'generated'), { recursive: true, force: true });
    await rename(staging, path.join(ROOT, 'generated'));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
} finally {
  await patched.cleanup();
}

await writeFile(LOCK_FILE, `${JSON.stringify({ source, sha256 }, null, 2)}\n`);
console.log('generated/ is up to date; review `git diff -- generated/ openapi/upstream.lock.json`.');
