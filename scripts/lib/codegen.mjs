// Lint the patched spec and run openapi-generator (typescript-axios, version pinned in openapitools.json).
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './spec.mjs';

const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);

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

export function lintSpec(specFile) {
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
  run(
    bin('openapi-generator-cli'),
    [
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
    'openapi-generator-cli generate',
  );
  await writeFile(path.join(outDir, 'README.md'), GENERATED_README);
}

const GENERATED_README = `# generated/ — do not edit

Everything in this folder is written by \`npm run generate\` (scripts/generate.mjs):

1. the upstream spec \`member_api_v3.yml\` is read from \`REGISTRY_SPEC\` (a path or URL; default the
   APTrust/registry master branch on GitHub) and its sha256 recorded in \`openapi/upstream.lock.json\`;
2. our fixes in \`openapi/overlay.yaml\` (an OpenAPI Overlay 1.0 document) are applied, because the
   published spec disagrees with the real server (see \`openapi/FIXES.md\`);
3. the patched spec is linted with Redocly (\`openapi/redocly.yaml\`);
4. openapi-generator (version pinned in \`openapitools.json\`, generator \`typescript-axios\`, options in
   \`openapi/generator-config.json\`) writes this folder.

To change anything here, change the overlay or the generator options and regenerate. CI runs
\`npm run check:generated\`, which regenerates into a temporary folder and fails on any difference.
Only \`src/internal/generated.ts\` imports from this folder.
`;
