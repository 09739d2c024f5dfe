// Pull the upstream spec and apply our overlay. Shared by generate.mjs and check-generated.mjs.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { openapiOverlay } from 'openapi-format';
import { deriveValues } from './derive.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_SPEC_URL = 'https://raw.githubusercontent.com/APTrust/registry/master/member_api_v3.yml';
export const LOCK_FILE = path.join(ROOT, 'openapi', 'upstream.lock.json');
export const OVERLAY_FILE = path.join(ROOT, 'openapi', 'overlay.yaml');

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
