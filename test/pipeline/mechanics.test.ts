// The regeneration pipeline's mechanics, on a spec of our own: generate writes generated/ and the lock,
// check:generated names what drifted (the spec, changed files, new and removed ones, the lock), an
// overlay action that matches nothing stops generation, and derived values follow the spec.
// Runs the real scripts/generate.mjs and scripts/check-generated.mjs as child processes against a
// scratch project (APTRUST_PIPELINE_ROOT) with the tiny spec, overlay and fake generator in
// test/fixtures/pipeline (APTRUST_OPENAPI_GENERATOR): no Java, no network, no ../shared. Where the
// lint runs, it is the real Redocly. The one regeneration from the real upstream spec with the real
// generator is regenerate.pipeline.test.ts (npm run test:pipeline).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'test', 'fixtures', 'pipeline');
const FAKE_GENERATOR = path.join(fixtures, 'fake-generator.mjs');
const SPEC = 'upstream/spec.yaml'; // REGISTRY_SPEC, relative to the scratch project as the real lock's is
// Runs skip Redocly's lint (APTRUST_SKIP_LINT), most of each run's time, except the ones given this:
// the baseline generate, the check right after it, and the test of what the lint refuses.
const WITH_LINT = { APTRUST_SKIP_LINT: '0' };

interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

interface Project {
  dir: string;
  file(rel: string): string;
  read(rel: string): string;
  run(script: 'generate.mjs' | 'check-generated.mjs', env?: Record<string, string>): Promise<Result>;
  editSpec(change: (spec: Spec) => void): void;
  editOverlay(change: (overlay: { actions: Array<Record<string, unknown>> }) => void): void;
}

interface Param {
  name: string;
  in: string;
  schema?: { type?: string; enum?: string[]; items?: { type: string; enum?: string[] } };
}
interface Spec {
  paths: Record<string, { get?: { operationId?: string; parameters?: Param[]; responses?: unknown; summary?: string } }>;
  components: { schemas: Record<string, { type?: string; properties?: Record<string, unknown> }> };
}

const scratchDirs: string[] = [];

// The scripts run from this tree but must not write to it: its lock comes out as it went in.
const realLock = path.join(root, 'openapi', 'upstream.lock.json');
const realLockBefore = existsSync(realLock) ? readFileSync(realLock, 'utf8') : undefined;

/** A scratch project: our openapi/ config with the fixture overlay, and the fixture spec as upstream. */
function freshProject(): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-mechanics-'));
  scratchDirs.push(dir);
  mkdirSync(path.join(dir, 'openapi'));
  mkdirSync(path.join(dir, 'upstream'));
  for (const name of ['redocly.yaml', 'generator-config.json', '.openapi-generator-ignore']) {
    cpSync(path.join(root, 'openapi', name), path.join(dir, 'openapi', name));
  }
  cpSync(path.join(fixtures, 'overlay.yaml'), path.join(dir, 'openapi', 'overlay.yaml'));
  cpSync(path.join(fixtures, 'spec.yaml'), path.join(dir, SPEC));
  return at(dir);
}

// Generated once (the first test checks that run); most tests start from a copy of it, which keeps
// the file fast: each run of a script costs most of a second, Redocly's lint included.
let baseline: { project: Project; result: Result };

/** A copy of the baseline: the fixture spec, generated, with its lock. */
function project(): Project {
  const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-mechanics-'));
  scratchDirs.push(dir);
  cpSync(baseline.project.dir, dir, { recursive: true });
  return at(dir);
}

function at(dir: string): Project {
  const file = (rel: string) => path.join(dir, rel);
  const read = (rel: string) => readFileSync(file(rel), 'utf8');
  return {
    dir,
    file,
    read,
    run: (script, env = {}) =>
      runNode(path.join(root, 'scripts', script), dir, {
        REGISTRY_SPEC: SPEC,
        APTRUST_PIPELINE_ROOT: dir,
        APTRUST_OPENAPI_GENERATOR: FAKE_GENERATOR,
        APTRUST_SKIP_LINT: '1',
        ...env,
      }),
    editSpec(change) {
      const spec = YAML.parse(read(SPEC)) as Spec;
      change(spec);
      writeFileSync(file(SPEC), YAML.stringify(spec));
    },
    editOverlay(change) {
      const overlay = YAML.parse(read('openapi/overlay.yaml'));
      change(overlay);
      writeFileSync(file('openapi/overlay.yaml'), YAML.stringify(overlay));
    },
  };
}

function runNode(script: string, cwd: string, env: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd,
      // Redocly would otherwise look for a newer version and send telemetry over the network.
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The `  - …` lines check:generated prints, in order. */
function problems(result: Result): string[] {
  return result.stderr
    .split('\n')
    .filter((line) => line.startsWith('  - '))
    .map((line) => line.slice(4));
}

/** Every file under dir (relative, sorted) with its content. */
function snapshot(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  return Object.fromEntries(files.map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** What the fake generator wrote for an operation: its parameters and their enums. */
function operation(p: Project, operationId: string): { route: string; parameters: Array<{ name: string; enum: string[] | null }> } {
  const text = p.read(`generated/api/${operationId}.ts`);
  return JSON.parse(text.slice(text.indexOf('{')));
}
const enumOf = (p: Project, operationId: string, name: string) => operation(p, operationId).parameters.find((x) => x.name === name)?.enum;

beforeAll(async () => {
  const p = freshProject();
  baseline = { project: p, result: await p.run('generate.mjs', WITH_LINT) };
});

async function generated(p: Project): Promise<void> {
  const result = await p.run('generate.mjs');
  if (result.status !== 0) throw new Error(`generate failed:\n${result.stdout}${result.stderr}`);
}

const changedUpstream = (lock: string, now: string) =>
  `the spec changed upstream: run npm run generate and review (lock ${lock}, ${SPEC} is ${now})`;

afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
  expect(existsSync(realLock) ? readFileSync(realLock, 'utf8') : undefined).toBe(realLockBefore);
});

describe.concurrent('pipeline mechanics (a spec, overlay and generator of our own)', () => {
  it('generate writes generated/ from the patched spec and records the source and sha256 in the lock', async ({ expect }) => {
    const { project: p, result } = baseline;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const sha = sha256(p.read(SPEC));
    expect(result.stdout).toContain(`spec: ${SPEC}\nsha256: ${sha}\n`);
    expect(result.stdout).not.toContain('lint: skipped');
    expect(JSON.parse(p.read('openapi/upstream.lock.json'))).toEqual({ source: SPEC, sha256: sha });
    // Named by the overlay's operationIds, one model per schema, plus what the scripts put there.
    expect(Object.keys(snapshot(p.file('generated')))).toEqual([
      '.openapi-generator-ignore',
      '.openapi-generator/FILES',
      'README.md',
      'api/getRow.ts',
      'api/listRows.ts',
      'index.ts',
      'list-values.json',
      'models/Row.ts',
      'models/RowList.ts',
    ]);
    expect(p.read('generated/README.md')).toContain('# generated/ — do not edit');
    // Generated beside generated/ and swapped in: no staging folder left behind.
    expect(readdirSync(p.dir).filter((f) => f.startsWith('.generated-'))).toEqual([]);
  });

  it('check:generated passes right after generate', async ({ expect }) => {
    const p = project();
    const result = await p.run('check-generated.mjs', WITH_LINT);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('lint: skipped');
    expect(result.stdout).toContain(`check:generated: generated/ matches ${SPEC} (sha256 ${sha256(p.read(SPEC))})`);
  });

  it('a spec changed upstream: check:generated names the sha256 change and each file that differs, until regenerated', async ({
    expect,
  }) => {
    const p = project();
    const before = sha256(p.read(SPEC));
    // A new field on Row: its model changes, and so does listRows, whose sort is derived from Row.
    p.editSpec((spec) => {
      spec.components.schemas.Row.properties = { ...spec.components.schemas.Row.properties, note: { type: 'string' } };
    });
    const result = await p.run('check-generated.mjs');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('check:generated failed:');
    expect(problems(result)).toEqual([
      changedUpstream(before, sha256(p.read(SPEC))),
      'generated/api/listRows.ts differs from what the spec produces',
      'generated/list-values.json differs from what the spec produces',
      'generated/models/Row.ts differs from what the spec produces',
    ]);
    await generated(p);
    expect(enumOf(p, 'listRows', 'sort')).toContain('note__desc');
    expect((await p.run('check-generated.mjs')).status).toBe(0);
  });

  it('a file added to or removed from generated/ by hand is named', async ({ expect }) => {
    const p = project();
    writeFileSync(p.file('generated/stray.ts'), 'export {};\n');
    rmSync(p.file('generated/models/RowList.ts'));
    const result = await p.run('check-generated.mjs');
    expect(result.status).toBe(1);
    expect(problems(result)).toEqual([
      'generated/models/RowList.ts would be created by regeneration',
      'generated/stray.ts is not produced by regeneration',
    ]);
  });

  it('a route and a schema added upstream are named as new files; generate creates them and deletes them once gone', async ({ expect }) => {
    const p = project();
    const original = p.read(SPEC);
    p.editSpec((spec) => {
      spec.components.schemas.Stage = { type: 'object', properties: { name: { type: 'string' } } };
      spec.paths['/v1/stages'] = {
        get: { operationId: 'listStages', summary: 'List stages', responses: { '200': { description: 'The stages' } } },
      };
    });
    const result = await p.run('check-generated.mjs');
    expect(result.status).toBe(1);
    expect(problems(result)).toEqual([
      changedUpstream(sha256(original), sha256(p.read(SPEC))),
      'generated/.openapi-generator/FILES differs from what the spec produces',
      'generated/index.ts differs from what the spec produces',
      'generated/api/listStages.ts would be created by regeneration',
      'generated/models/Stage.ts would be created by regeneration',
    ]);
    await generated(p);
    expect(existsSync(p.file('generated/api/listStages.ts'))).toBe(true);
    expect(existsSync(p.file('generated/models/Stage.ts'))).toBe(true);

    // Upstream drops them again: check names the files regeneration no longer produces, and
    // generate removes them (it swaps in a fresh folder instead of writing over the old one).
    const withStages = p.read(SPEC);
    writeFileSync(p.file(SPEC), original);
    expect(problems(await p.run('check-generated.mjs'))).toEqual([
      changedUpstream(sha256(withStages), sha256(original)),
      'generated/.openapi-generator/FILES differs from what the spec produces',
      'generated/index.ts differs from what the spec produces',
      'generated/api/listStages.ts is not produced by regeneration',
      'generated/models/Stage.ts is not produced by regeneration',
    ]);
    await generated(p);
    expect(existsSync(p.file('generated/api/listStages.ts'))).toBe(false);
    expect(existsSync(p.file('generated/models/Stage.ts'))).toBe(false);
  });

  it('a lock that is missing, unreadable or for another spec is named', async ({ expect }) => {
    const p = project();
    const sha = sha256(p.read(SPEC));
    const lock = p.file('openapi/upstream.lock.json');

    rmSync(lock);
    let result = await p.run('check-generated.mjs');
    expect(result.status).toBe(1);
    expect(problems(result)).toEqual([changedUpstream('missing', sha)]);

    writeFileSync(lock, '{ not json');
    result = await p.run('check-generated.mjs');
    expect(result.status).toBe(1);
    expect(problems(result)).toEqual([changedUpstream('missing', sha)]);

    const other = '0'.repeat(64);
    writeFileSync(lock, JSON.stringify({ source: SPEC, sha256: other }));
    result = await p.run('check-generated.mjs');
    expect(result.status).toBe(1);
    expect(problems(result)).toEqual([changedUpstream(other, sha)]);
  });

  it('an overlay action that matches nothing fails generation, naming the target, and leaves generated/ and the lock alone', async ({
    expect,
  }) => {
    const p = project();
    const before = { generated: snapshot(p.file('generated')), lock: p.read('openapi/upstream.lock.json') };
    // As if upstream moved the show route the overlay gives an operationId to.
    p.editSpec((spec) => {
      spec.paths['/v1/rows/{id}'] = spec.paths['/v1/rows/show/{id}'];
      delete spec.paths['/v1/rows/show/{id}'];
    });
    const expected =
      "openapi/overlay.yaml no longer applies to this spec; these actions matched nothing:\n  - $.paths['/v1/rows/show/{id}'].get\n";
    const result = await p.run('generate.mjs');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(expected);
    expect({ generated: snapshot(p.file('generated')), lock: p.read('openapi/upstream.lock.json') }).toEqual(before);
    // check:generated applies the same overlay, and fails the same way.
    const check = await p.run('check-generated.mjs');
    expect(check.status).not.toBe(0);
    expect(check.stderr).toContain(expected);
  });

  it('an __in filter follows its twin’s enum through generate, and a value added upstream reaches both', async ({ expect }) => {
    const p = project();
    expect(enumOf(p, 'listRows', 'stage')).toEqual(['Receive', 'Store']);
    expect(enumOf(p, 'listRows', 'stage__in')).toEqual(['Receive', 'Store']);
    // The sort is derived too: Row's fields, less the excluded stage.
    expect(enumOf(p, 'listRows', 'sort')).toEqual(['id', 'id__asc', 'id__desc', 'name', 'name__asc', 'name__desc']);
    p.editSpec((spec) => {
      spec.paths['/v1/rows'].get!.parameters!.find((x) => x.name === 'stage')!.schema!.enum!.push('Validate');
    });
    await generated(p);
    expect(enumOf(p, 'listRows', 'stage')).toEqual(['Receive', 'Store', 'Validate']);
    expect(enumOf(p, 'listRows', 'stage__in')).toEqual(['Receive', 'Store', 'Validate']);
  });

  it('a hand-written enum on an __in filter fails generation and leaves generated/ alone', async ({ expect }) => {
    const p = project();
    const before = snapshot(p.file('generated'));
    p.editOverlay((overlay) => {
      const add = overlay.actions.find((a) => a.target === "$.paths['/v1/rows'].get.parameters");
      (add!.update as Param[])[0].schema!.items!.enum = ['Receive'];
    });
    const result = await p.run('generate.mjs');
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('GET /v1/rows: stage__in lists its own enum; leave it out so it follows stage');
    expect(snapshot(p.file('generated'))).toEqual(before);
  });

  it('a patched spec that Redocly rejects fails generation before the generator runs', async ({ expect }) => {
    const p = freshProject();
    p.editOverlay((overlay) => {
      overlay.actions = overlay.actions.filter((a) => a.target !== "$.paths['/v1/rows/show/{id}'].get");
    });
    const [result, check] = await Promise.all([p.run('generate.mjs', WITH_LINT), p.run('check-generated.mjs', WITH_LINT)]);
    for (const run of [result, check]) {
      expect(run.status).not.toBe(0);
      expect(run.stderr).toContain('operation-operationId');
      expect(run.stderr).toContain('redocly lint of the patched spec failed');
      expect(run.stdout).not.toContain('generator:');
    }
    expect(existsSync(p.file('generated'))).toBe(false);
    expect(existsSync(p.file('openapi/upstream.lock.json'))).toBe(false);
  });

  it('a generator that fails leaves generated/ and the lock as they were, and no staging folder behind', async ({ expect }) => {
    const p = project();
    const before = { generated: snapshot(p.file('generated')), lock: p.read('openapi/upstream.lock.json') };
    p.editSpec((spec) => {
      spec.components.schemas.Row.properties = { ...spec.components.schemas.Row.properties, note: { type: 'string' } };
    });
    // Writes half its output, then dies.
    const broken = p.file('broken-generator.mjs');
    writeFileSync(
      broken,
      [
        "import { writeFileSync } from 'node:fs';",
        "writeFileSync(`${process.argv[process.argv.indexOf('-o') + 1]}/half.ts`, '');",
        "process.stderr.write('out of memory\\n');",
        'process.exit(3);',
      ].join('\n'),
    );
    const result = await p.run('generate.mjs', { APTRUST_OPENAPI_GENERATOR: broken });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('out of memory');
    expect(result.stderr).toContain(`${broken} (APTRUST_OPENAPI_GENERATOR) generate failed (exit 3)`);
    expect({ generated: snapshot(p.file('generated')), lock: p.read('openapi/upstream.lock.json') }).toEqual(before);
    expect(readdirSync(p.dir).filter((f) => f.startsWith('.generated-'))).toEqual([]);
  });
});
