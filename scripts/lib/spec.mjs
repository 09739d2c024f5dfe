// Pull the upstream spec and apply our overlay. Shared by generate.mjs and check-generated.mjs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { openapiOverlay } from 'openapi-format';
import { deriveValues } from './derive.mjs';

/** The project these scripts belong to (and whose node_modules holds the tools they run). */
export const SCRIPTS_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * The project that is read (openapi/) and written (generated/, the lock): this one, unless
 * APTRUST_PIPELINE_ROOT names another. The seam exists for test/pipeline/mechanics.test.ts, which runs
 * these very scripts against a scratch project with a tiny spec of its own (and a fake generator, see
 * codegen.mjs), so drift detection, the lock and the overlay checks are tested in `npm test`, fast and
 * without Java or the upstream spec, and without touching this tree. Normal runs leave it unset.
 */
export const ROOT = projectRoot();
export const DEFAULT_SPEC_URL = 'https://raw.githubusercontent.com/APTrust/registry/master/member_api_v3.yml';
export const LOCK_FILE = path.join(ROOT, 'openapi', 'upstream.lock.json');
export const OVERLAY_FILE = path.join(ROOT, 'openapi', 'overlay.yaml');

function projectRoot(env = process.env) {
  const override = env.APTRUST_PIPELINE_ROOT?.trim();
  return override ? path.resolve(override) : SCRIPTS_ROOT;
}

/** The spec's location: REGISTRY_SPEC (a path or an http(s) URL), else the upstream raw file. */
export function specSource(env = process.env) {
  return env.REGISTRY_SPEC && env.REGISTRY_SPEC.trim() !== '' ? env.REGISTRY_SPEC.trim() : DEFAULT_SPEC_URL;
}

/** Reads the spec from a file or URL; returns its text and sha256. */
export async function pullSpec(source) {
  let text;
  if (/^https?:\/\//i.test(source)) {
    const response = await fetch(source, { signal: AbortSignal.timeout(60_000) });
    if (!response.ok) throw new Error(`cannot fetch ${source}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    text = await readFile(path.resolve(source), 'utf8');
  }
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return { text, sha256 };
}

export async function readLock() {
  try {
    return JSON.parse(await readFile(LOCK_FILE, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Applies openapi/overlay.yaml, then derives what the overlay leaves to the spec (enums of `__in`
 * filters, sort values; scripts/lib/derive.mjs). Every action must match something: an action that no longer
 * applies means upstream moved what we fix, and a quietly unfixed spec is worse than a failure.
 */
export async function applyOverlay(specText) {
  const spec = YAML.parse(specText);
  const overlay = YAML.parse(await readFile(OVERLAY_FILE, 'utf8'));
  const { data, resultData } = await openapiOverlay(spec, { overlaySet: overlay });
  if (resultData.unusedActions.length > 0) {
    const targets = resultData.unusedActions.map((a) => `  - ${a.target}`).join('\n');
    throw new Error(
      `openapi/overlay.yaml no longer applies to this spec; these actions matched nothing:\n${targets}\n` +
        'Review the upstream change and update the overlay.',
    );
  }
  return YAML.stringify(deriveValues(data), { lineWidth: 0 });
}
