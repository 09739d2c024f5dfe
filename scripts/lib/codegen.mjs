// Lint the patched spec and run openapi-generator (typescript-axios, version pinned in openapitools.json).
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { ROOT, SCRIPTS_ROOT } from './spec.mjs';

const bin = (name) => path.join(SCRIPTS_ROOT, 'node_modules', '.bin', name);

/**
 * The generator: the pinned openapi-generator-cli, unless APTRUST_OPENAPI_GENERATOR names a program to
 * run instead (a .mjs/.js/.cjs file is run with this node), with the same arguments. The seam exists for
 * test/pipeline/mechanics.test.ts: it tests what the scripts do around the generator (the lock, drift,
 * new and removed files, the overlay) with a tiny fake generator, fast and without Java. The one real
 * generation stays in npm run test:pipeline. Normal runs leave it unset.
 */
function generatorCommand(env = process.env) {
  const override = env.APTRUST_OPENAPI_GENERATOR?.trim();
  if (!override) return { command: bin('openapi-generator-cli'), prefix: [], what: 'openapi-generator-cli generate', overridden: false };
  const program = path.resolve(override);
  const isNodeScript = /\.[cm]?js$/i.test(program);
  return {
    command: isNodeScript ? process.execPath : program,
    prefix: isNodeScript ? [program] : [],
    what: `${override} (APTRUST_OPENAPI_GENERATOR) generate`,
    overridden: true,
  };
}

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
  }
  return result;
}

/** Writes the patched spec to a temporary file and returns its path (and a cleanup). */
export async function writePatchedSpec(patchedText) {
  const dir = await mkdtemp(path.join(tmpdir(), 'aptrust-spec-'));
  const file = path.join(dir, 'member_api_v3.patched.yaml');
  await writeFile(file, patchedText);
  return { file, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Lints with Redocly (openapi/redocly.yaml). APTRUST_SKIP_LINT=1 skips it: a seam for
 * test/pipeline/mechanics.test.ts, where Redocly is most of each script run's time and only a few tests
 * are about the lint (they keep it). Normal runs leave it unset.
 */
export function lintSpec(specFile) {
  if (process.env.APTRUST_SKIP_LINT === '1') {
    console.log('lint: skipped (APTRUST_SKIP_LINT=1)');
    return;
  }
  run(
    bin('redocly'),
    ['lint', specFile, '--config', path.join(ROOT, 'openapi', 'redocly.yaml'), '--format', 'stylish'],
    'redocly lint of the patched spec',
  );
}

/** Generates the typescript-axios client into outDir (which must not exist yet or be empty). */
export async function generateClient(specFile, outDir) {
  // The generator reads its ignore file from the output folder (--ignore-file-override does not
  // keep git_push.sh and friends out), so ours is put there first.
  await mkdir(outDir, { recursive: true });
  await copyFile(path.join(ROOT, 'openapi', '.openapi-generator-ignore'), path.join(outDir, '.openapi-generator-ignore'));
  const generator = generatorCommand();
  if (generator.overridden) console.log(`generator: ${generator.what}`);
  run(
    generator.command,
    [
      ...generator.prefix,
      'generate',
      '-i',
      specFile,
      '-g',
      'typescript-axios',
      '-o',
      outDir,
      '-c',
      path.join(ROOT, 'openapi', 'generator-config.json'),
      '--global-property',
      'apiDocs=false,modelDocs=false,apiTests=false,modelTests=false',
    ],
    generator.what,
  );
  await writeFile(path.join(outDir, 'README.md'), GENERATED_README);
  await writeFile(path.join(outDir, LIST_VALUES), listValues(YAML.parse(await readFile(specFile, 'utf8'))));
}

export const LIST_VALUES = 'list-values.json';

/**
 * The values each list operation's enumerated parameters take (filters and sorts), by operationId,
 * from the patched spec: the same values as the generated enums, as data. The client checks params
 * against them before it loads the generated API classes, whose import (axios) is most of the
 * package's load time; a test keeps the two equal.
 */
export function listValues(spec) {
  const out = {};
  for (const item of Object.values(spec.paths ?? {})) {
    const operation = item.get;
    if (!operation?.operationId) continue;
    const params = {};
    for (const param of operation.parameters ?? []) {
      const values = param.schema?.enum ?? param.schema?.items?.enum;
      if (param.in === 'query' && values) params[param.name] = values;
    }
    if (Object.keys(params).length > 0) out[operation.operationId] = params;
  }
  return `${JSON.stringify(out, null, 2)}\n`;
}

const GENERATED_README = `# generated/ — do not edit

Everything in this folder is written by \`npm run generate\` (scripts/generate.mjs):

1. the upstream spec \`member_api_v3.yml\` is read from \`REGISTRY_SPEC\` (a path or URL; default the
   APTrust/registry master branch on GitHub) and its sha256 recorded in \`openapi/upstream.lock.json\`;
2. our fixes in \`openapi/overlay.yaml\` (an OpenAPI Overlay 1.0 document) are applied, because the
   published spec disagrees with the real server (see \`openapi/FIXES.md\`);
3. the patched spec is linted with Redocly (\`openapi/redocly.yaml\`);
4. openapi-generator (version pinned in \`openapitools.json\`, generator \`typescript-axios\`, options in
   \`openapi/generator-config.json\`) writes this folder; the script adds \`list-values.json\`, the
   values of each list's enumerated parameters as data (what the generated enums hold).

To change anything here, change the overlay or the generator options and regenerate. CI runs
\`npm run check:generated\`, which regenerates into a temporary folder and fails on any difference.
Only \`src/internal/generated.ts\` imports from this folder.
`;
