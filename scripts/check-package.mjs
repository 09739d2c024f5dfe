#!/usr/bin/env node
// npm run check:package — check the package as a consumer gets it: the packed tarball, not the
// working tree. CI runs it after the tests (.ci/run).
//
//  1. `npm pack` (prepack: clean build; then prepare builds again, to the same output) and check the
//     file list: only dist/ JavaScript, declarations and source maps (with their sources inlined),
//     package.json, README, LICENSE, CHANGELOG and THIRD-PARTY-NOTICES; no tests, bench, sources,
//     upstream spec or stale outputs.
//  2. Install the .tgz into a fresh temporary project (dependencies from the npm registry).
//  3. Type-check consumer files with the repository's TypeScript under `strict`, `module` and
//     `moduleResolution` `nodenext`, skipLibCheck off: an ESM consumer (.ts) and a CommonJS one (.cts).
//     Wrong usage (a filter the server does not know, a bad enum value…) must be a type error
//     (`@ts-expect-error`, so the check fails if it stops being one). The README's ```ts examples
//     and the examples in the shipped .d.ts doc comments are type-checked too.
//  4. Run the compiled consumers against a tiny local HTTP server: the ESM one imports the package,
//     the CommonJS one require()s it (require(esm), unflagged since Node 20.19). Both check the
//     exported functions and classes and that errors thrown by the package are `instanceof` them.
//  5. No module of the package uses top-level await (require(esm) refuses such a graph), except the
//     CLI entry point, which is only ever run, never imported.
//  6. Run the installed `aptrust-registry --help` and `--version`; check the bin keeps its shebang and is executable.
//  7. The other ways the README's Install section gives while the package is not on the npm registry:
//     install this checkout by path into fresh projects, as a packed copy (`npm install --install-links
//     <path>`: it runs `prepare` in the checkout, and must hold exactly the tarball's files) and as npm's
//     symlink (`npm install <path>`). For those and for the tarball: `npx aptrust-registry --help`
//     exits 0 and an ES module imports createClient. (A git URL install is `npm install` and `prepare`
//     in a fresh clone, then the same packing: it needs the network and a minute, so it is not here.)
//  8. publint (--strict) and @arethetypeswrong/cli on the tarball.
//
// KEEP_PACKAGE_CHECK=1 keeps the temporary folder (its path is printed).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readFile, readdir, realpath, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const started = Date.now();
const problems = [];
const fail = (message) => problems.push(message);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const heading = (title) => console.log(`\n== ${title} (${elapsed()})`);

/** Runs a command; returns its result, or records a problem (with its output) when it fails. */
function run(command, args, { cwd = ROOT, expectStatus = 0, label = `${command} ${args.join(' ')}`, quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', npm_config_fund: 'false', npm_config_audit: 'false', NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error || result.status !== expectStatus) {
    fail(`${label} exited ${result.status ?? result.error?.message} (expected ${expectStatus})${output ? `:\n${output}` : ''}`);
  } else if (!quiet && output) {
    console.log(output);
  }
  return result;
}

function bail() {
  if (problems.length === 0) return;
  console.error(`\ncheck:package FAILED (${elapsed()}):\n${problems.map((p) => `  - ${p.replace(/\n/g, '\n    ')}`).join('\n')}`);
  process.exit(1);
}

async function main(work) {
  const manifest = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8'));

  // 1. Pack -------------------------------------------------------------------------------------
  heading('npm pack (prepack: clean build; prepare: build)');
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
  });
  if (packed.status !== 0) {
    fail(`npm pack exited ${packed.status}`);
    return;
  }
  // The JSON report; some npm versions print lifecycle script output on stdout before it.
  const [pack] = JSON.parse(packed.stdout.slice(Math.max(0, packed.stdout.search(/^\[/m))));
  const tarball = path.join(work, pack.filename);
  console.log(`${pack.filename}: ${pack.entryCount} files, ${kib(pack.size)} packed, ${kib(pack.unpackedSize)} unpacked`);
  checkFileList(pack.files.map((f) => f.path));
  bail();

  // 2. Install into a fresh project -------------------------------------------------------------
  heading('install the tarball into a fresh project');
  const consumer = path.join(work, 'consumer');
  await writeConsumer(consumer);
  const typesNode = JSON.parse(await readFile(path.join(ROOT, 'node_modules', '@types', 'node', 'package.json'), 'utf8')).version;
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball, `@types/node@${typesNode}`], { cwd: consumer });
  bail();
  const installed = path.join(consumer, 'node_modules', manifest.name);
  await checkInstalledFiles(installed, manifest);

  // 3. Type-check the consumers -----------------------------------------------------------------
  await writeDocExamples(consumer, installed);
  heading(`type-check consumers (TypeScript ${ts.version}, strict, nodenext, skipLibCheck false)`);
  run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', consumer], {
    cwd: consumer,
    label: 'tsc on the consumer project',
  });
  bail();
  console.log(
    "consumer.ts (ESM), consumer.cts (CommonJS), the README's TypeScript examples and the shipped doc comments' examples compile; every @ts-expect-error is still an error",
  );

  // 4. Run them: import and require -------------------------------------------------------------
  heading('run the consumers: import (ESM) and require() (CommonJS)');
  const esm = run(process.execPath, ['out/consumer.js'], { cwd: consumer, label: 'ESM consumer (import)', quiet: true });
  const cjs = run(process.execPath, ['out/consumer.cjs'], { cwd: consumer, label: 'CommonJS consumer (require)', quiet: true });
  for (const [name, result] of [
    ['import', esm],
    ['require', cjs],
  ]) {
    if (result.status === 0) console.log(result.stdout.trim());
    const warnings = result.stderr.trim();
    if (warnings) console.log(`${name} (stderr): ${warnings.replace(/\n/g, `\n${name} (stderr): `)}`);
  }

  // 5. No top-level await -----------------------------------------------------------------------
  heading('no top-level await in the package graph');
  await checkTopLevelAwait(installed, manifest);

  // 6. The bin ---------------------------------------------------------------------------------
  heading('the installed aptrust-registry bin');
  const bin = path.join(consumer, 'node_modules', '.bin', 'aptrust-registry');
  const help = run(bin, ['--help'], { cwd: consumer, label: 'node_modules/.bin/aptrust-registry --help', quiet: true });
  if (help.status === 0 && !/^Usage: aptrust-registry/m.test(help.stdout))
    fail(`aptrust-registry --help printed no usage:\n${help.stdout}`);
  const version = run(bin, ['--version'], { cwd: consumer, label: 'node_modules/.bin/aptrust-registry --version', quiet: true });
  if (version.status === 0 && version.stdout.trim() !== manifest.version) {
    fail(`aptrust-registry --version printed ${JSON.stringify(version.stdout.trim())}, package.json says ${manifest.version}`);
  }
  if (help.status === 0)
    console.log(`aptrust-registry --help: exit 0 (${help.stdout.split('\n')[0]}); --version: ${version.stdout.trim()}`);
  smokeTest(consumer, 'tarball', manifest.name);
  bail();

  // 7. The checkout by path: a packed copy (--install-links), and npm's symlink -----------------
  // The dependencies come from the npm cache, which the tarball's install has just filled
  // (--prefer-offline: no need to revalidate it).
  const pathInstall = ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'];
  // npm packs the checkout as `npm pack` would, except that it runs only `prepare` (npm run build, with
  // the checkout's devDependencies), not prepack; the copy must hold exactly the tarball's files.
  heading('npm install --install-links <path to this checkout>: prepare, then a copy packed like the tarball');
  const copied = path.join(work, 'consumer-copy');
  await writeMinimalProject(copied);
  run('npm', [...pathInstall, '--install-links', ROOT], { cwd: copied, label: 'npm install --install-links <checkout>' });
  bail();
  const copy = path.join(copied, 'node_modules', manifest.name);
  if ((await lstat(copy)).isSymbolicLink()) fail(`npm install --install-links <checkout> made a symlink, not a copy`);
  const copyFiles = [];
  for await (const file of walk(copy)) {
    const relative = path.relative(copy, file).split(path.sep).join('/');
    // A dependency npm had to nest under the package is not one of the package's own files.
    if (!relative.startsWith('node_modules/')) copyFiles.push(relative);
  }
  const packFiles = pack.files.map((f) => f.path);
  const extra = copyFiles.filter((f) => !packFiles.includes(f));
  const missing = packFiles.filter((f) => !copyFiles.includes(f));
  if (extra.length || missing.length) {
    fail(`the --install-links copy differs from the tarball: extra ${JSON.stringify(extra)}, missing ${JSON.stringify(missing)}`);
  } else console.log(`node_modules/${manifest.name}: the tarball's ${packFiles.length} files, no more, no less`);
  await checkInstalledFiles(copy, manifest);
  smokeTest(copied, 'npm install --install-links <checkout>', manifest.name);
  bail();

  // A plain `npm install <path>` links node_modules/<name> to the checkout and runs `prepare` there too.
  // That `prepare` has just run (above), and dist/ is fresh, so --ignore-scripts saves a third build
  // of the same output; what this proves is the link: the bin and the import work through it.
  heading('npm install <path to this checkout>: a symlink to the checkout');
  const linked = path.join(work, 'consumer-link');
  await writeMinimalProject(linked);
  run('npm', [...pathInstall, '--ignore-scripts', ROOT], { cwd: linked, label: 'npm install <checkout>' });
  bail();
  const link = path.join(linked, 'node_modules', manifest.name);
  const isLink = (await lstat(link)).isSymbolicLink();
  if (!isLink || (await realpath(link)) !== (await realpath(ROOT))) {
    fail(`npm install <checkout> did not link node_modules/${manifest.name} to the checkout`);
  } else console.log(`node_modules/${manifest.name} -> ${ROOT}`);
  smokeTest(linked, 'npm install <checkout>', manifest.name);
  if (isLink) await unlink(link); // so that removing the temporary folder cannot reach into the checkout

  // 8. publint and attw ------------------------------------------------------------------------
  heading('publint --strict (on the tarball)');
  run(path.join(BIN, 'publint'), ['run', tarball, '--strict']);
  heading('@arethetypeswrong/cli (on the tarball)');
  // ESM-only by design. attw flags `cjs-resolves-to-esm` because a `require()` of this package gets an
  // ES module, which fails on Node < 20.19 and 22.0-22.11. Our engines are >= 20.19, where require(esm)
  // works unflagged, and step 4 proves it (a real require() of the installed tarball, and a .cts
  // consumer type-checked by TypeScript 5.9 under nodenext). So that one rule, and only it, is ignored.
  run(path.join(BIN, 'attw'), [tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--no-color', '--no-emoji', '--format', 'table-flipped']);
}

/** A consumer's two first steps: `npx aptrust-registry --help` exits 0, and an ES module imports createClient. */
function smokeTest(dir, how, name) {
  // --no: fail rather than fetch a package named aptrust-registry if the bin is missing; --: the
  // arguments after it are the bin's (without it npx takes --help as its own).
  const help = run('npx', ['--no', '--', 'aptrust-registry', '--help'], {
    cwd: dir,
    label: `${how}: npx aptrust-registry --help`,
    quiet: true,
  });
  if (help.status === 0 && !/^Usage: aptrust-registry/m.test(help.stdout)) fail(`${how}: npx aptrust-registry --help printed no usage`);
  const code = [
    `import { createClient, VERSION } from '${name}';`,
    "if (typeof createClient !== 'function') throw new Error('createClient is not a function');",
    `console.log(VERSION, import.meta.resolve('${name}'));`,
  ].join('\n');
  const esm = run(process.execPath, ['--input-type=module', '-e', code], {
    cwd: dir,
    label: `${how}: import { createClient }`,
    quiet: true,
  });
  if (help.status === 0 && esm.status === 0) {
    const [version, url] = esm.stdout.trim().split(' ');
    console.log(`${how}: npx aptrust-registry --help exits 0; import { createClient } works (${version}, from ${fileURLToPath(url)})`);
  }
}

/** An empty ESM project to install into. */
async function writeMinimalProject(dir) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: `package-check-${path.basename(dir)}`, private: true, type: 'module' }, null, 2)}\n`,
  );
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** What may be in the tarball, and what must not be (with a reason). */
function checkFileList(files) {
  const ALWAYS = new Set(['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'THIRD-PARTY-NOTICES.md']);
  const FORBIDDEN = [
    [/^test\//, 'tests'],
    [/^bench\//, 'benchmarks'],
    [/^src\//, 'TypeScript sources (each .js.map inlines its source instead)'],
    [/^generated\//, 'generated TypeScript sources'],
    [/^openapi\//, 'the upstream spec and our overlay'],
    [/^scripts\//, 'build scripts'],
    [/^examples\//, 'CI examples (linked from the README instead)'],
    [/^docs\//, 'API docs (built by npm run docs)'],
    [/^\.(ci|github)\//, 'CI configuration'],
    [/^coverage\//, 'coverage reports'],
    [/\.tsbuildinfo$/, 'TypeScript build info'],
    [/\.d\.ts\.map$/, 'declaration maps (they would point at .ts files that are not shipped)'],
    [/\.tgz$/, 'a tarball'],
    [/(^|\/)\.env/, 'an environment file'],
  ];
  // Build output: JavaScript, declarations, source maps, and the one data file the code imports
  // (generated/list-values.json, the values list params are checked against), which tsc copies.
  const OUTPUT = /^dist\/(src|generated)\/.+\.(js|d\.ts|js\.map)$|^dist\/generated\/list-values\.json$/;
  const set = new Set(files);
  for (const file of files) {
    const forbidden = FORBIDDEN.find(([pattern]) => pattern.test(file));
    if (forbidden) {
      fail(`the tarball contains ${file}: ${forbidden[1]} do not belong in it`);
      continue;
    }
    if (ALWAYS.has(file)) continue;
    if (!OUTPUT.test(file)) {
      fail(`the tarball contains ${file}, which is not build output (update "files" in package.json, or this check)`);
      continue;
    }
    // Stale output: every compiled file must still have its source in the repository.
    const source = file.replace(/^dist\//, '').replace(/(\.d\.ts|\.js\.map|\.js)$/, '.ts');
    if (!existsSync(path.join(ROOT, source))) fail(`the tarball contains ${file}, but ${source} no longer exists (stale build output)`);
    if (file.endsWith('.js')) {
      for (const companion of [file.replace(/\.js$/, '.d.ts'), `${file}.map`]) {
        if (!set.has(companion)) fail(`the tarball has ${file} without ${companion}`);
      }
    }
  }
  for (const file of [...ALWAYS, 'dist/src/index.js', 'dist/src/index.d.ts', 'dist/src/cli/main.js']) {
    if (!set.has(file)) fail(`the tarball lacks ${file}`);
  }
  // A summary by folder: dist/src/cli/… counts under dist/src/cli/, dist/src/client.js under dist/src/.
  const folders = new Map();
  for (const file of files) {
    const parts = file.split('/');
    const key = parts.length === 1 ? file : `${parts.slice(0, Math.min(parts.length - 1, 3)).join('/')}/`;
    folders.set(key, (folders.get(key) ?? 0) + 1);
  }
  console.log([...folders].map(([k, n]) => `  ${k}${k.endsWith('/') ? `  ${n} files` : ''}`).join('\n'));
}

async function* walk(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else yield full;
  }
}

/** The installed copy: entry points exist, the bin is an executable node script, maps carry sources. */
async function checkInstalledFiles(installed, manifest) {
  const targets = [manifest.main, manifest.types, ...Object.values(manifest.bin ?? {})];
  for (const value of Object.values(manifest.exports ?? {})) targets.push(...(typeof value === 'string' ? [value] : Object.values(value)));
  for (const target of targets) {
    if (!existsSync(path.join(installed, target))) fail(`package.json points at ${target}, which is not in the installed package`);
  }
  for (const target of Object.values(manifest.bin ?? {})) {
    const file = path.join(installed, target);
    if (!existsSync(file)) continue;
    const text = await readFile(file, 'utf8');
    if (!text.startsWith('#!/usr/bin/env node\n')) fail(`${target} lost its shebang (first line: ${JSON.stringify(text.split('\n')[0])})`);
    if (((await stat(file)).mode & 0o111) === 0) fail(`${target} is not executable after npm install`);
  }
  let maps = 0;
  for await (const file of walk(path.join(installed, 'dist'))) {
    if (!file.endsWith('.js.map')) continue;
    maps += 1;
    const map = JSON.parse(await readFile(file, 'utf8'));
    if (
      !Array.isArray(map.sourcesContent) ||
      map.sourcesContent.length !== map.sources.length ||
      map.sourcesContent.some((s) => typeof s !== 'string')
    ) {
      fail(`${path.relative(installed, file)} has no inlined sources (tsconfig.build.json "inlineSources")`);
    }
  }
  console.log(
    `installed: entry points and bin present; bin executable with its shebang; ${maps} source maps, each with its source inlined`,
  );
}

/**
 * Top-level `await` / `for await` anywhere in the package, by syntax tree. The bin entry point may
 * use it (it is run, never imported), so nothing may import the bin entry point either.
 */
async function checkTopLevelAwait(installed, manifest) {
  const entries = new Set(Object.values(manifest.bin ?? {}).map((b) => path.join(installed, b)));
  let scanned = 0;
  const allowed = [];
  for await (const file of walk(path.join(installed, 'dist'))) {
    if (!file.endsWith('.js')) continue;
    scanned += 1;
    const source = ts.createSourceFile(file, await readFile(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
    const lines = [];
    const visit = (node, topLevel) => {
      if (topLevel && (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier))) {
        lines.push(source.getLineAndCharacterOfPosition(node.getStart()).line + 1);
      }
      // import … from '…', export … from '…', import('…')
      const specifier =
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier
          ? node.moduleSpecifier
          : ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword
            ? node.arguments[0]
            : undefined;
      if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
        const target = path.resolve(path.dirname(file), specifier.text);
        if (entries.has(target)) fail(`${path.relative(installed, file)} imports the bin entry point ${specifier.text}`);
      }
      const inner = topLevel && !ts.isFunctionLike(node) && !ts.isClassStaticBlockDeclaration(node);
      ts.forEachChild(node, (child) => visit(child, inner));
    };
    ts.forEachChild(source, (child) => visit(child, true));
    if (lines.length === 0) continue;
    const where = `${path.relative(installed, file)}:${lines.join(',')}`;
    if (entries.has(file)) allowed.push(`${where} (the bin entry point: run, never imported)`);
    else fail(`top-level await in ${where}: require() of the package would throw ERR_REQUIRE_ASYNC_MODULE`);
  }
  console.log(`${scanned} modules scanned: no top-level await${allowed.length ? `, except in ${allowed.join('; ')}` : ''}`);
}

/** The consumer project: an ESM .ts and a CommonJS .cts, compiled by tsc and then run. */
async function writeConsumer(dir) {
  await mkdir(dir, { recursive: true });
  await writeFile(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: 'package-check-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  await writeFile(path.join(dir, 'types.ts'), TYPES_TS);
  await writeFile(path.join(dir, 'exercise.cts'), EXERCISE_CTS);
  await writeFile(path.join(dir, 'consumer.ts'), CONSUMER_TS);
  await writeFile(path.join(dir, 'consumer.cts'), CONSUMER_CTS);
  // The README's TypeScript examples must compile against the package as published.
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);
  if (blocks.length === 0) fail('README.md has no ```ts example to type-check');
  const examples = [];
  for (const [index, block] of blocks.entries()) {
    examples.push(`readme-${index + 1}.ts`);
    await writeFile(path.join(dir, examples.at(-1)), `${block}export {};\n`);
  }
  const compilerOptions = {
    strict: true,
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2023'],
    types: ['node'],
    skipLibCheck: false,
    outDir: 'out',
    rootDir: '.',
  };
  const files = ['consumer.ts', 'consumer.cts', 'exercise.cts', 'types.ts', ...examples];
  await writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`);
}

/** The ```ts examples in the shipped declarations' doc comments, each in its own block, type-checked. */
async function writeDocExamples(dir, installed) {
  // Every value the package exports, read from the installed entry, so a new export's examples check too.
  const values = Object.keys(await import(pathToFileURL(path.join(installed, 'dist', 'src', 'index.js')).href)).sort();
  const blocks = [];
  for await (const file of walk(path.join(installed, 'dist', 'src'))) {
    if (!file.endsWith('.d.ts')) continue;
    const text = await readFile(file, 'utf8');
    for (const [, body] of text.matchAll(/```ts\n([\s\S]*?)```/g)) {
      const code = body
        .split('\n')
        .map((line) => line.replace(/^\s*\* ?/, ''))
        .filter((line) => !/^import .* from 'aptrust-registry-client';$/.test(line))
        .join('\n');
      blocks.push(`// ${path.relative(installed, file)}\n{\n${code}\n}\n`);
    }
  }
  if (blocks.length === 0) fail('no ```ts examples found in the shipped .d.ts files');
  const prelude =
    `import { ${values.join(', ')} } from 'aptrust-registry-client';\n` +
    `import type { RegistryClient } from 'aptrust-registry-client';\n` +
    'declare const client: RegistryClient;\n' +
    `void [${values.join(', ')}];\n`;
  await writeFile(path.join(dir, 'doc-examples.ts'), `${prelude}\n${blocks.join('\n')}\nexport {};\n`);
  const config = JSON.parse(await readFile(path.join(dir, 'tsconfig.json'), 'utf8'));
  config.files.push('doc-examples.ts');
  await writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify(config, null, 2)}\n`);
  console.log(`${blocks.length} doc-comment examples from the shipped .d.ts files join the type check`);
}

// Type-level use of the public surface: compiled, never run.
const TYPES_TS = `import { createClient, ENVIRONMENTS, NotFoundError, RegistryError, VERSION } from 'aptrust-registry-client';
import type {
  AlertView,
  ClientOptions,
  DebugEvent,
  GenericFile,
  GenericFileView,
  ListPage,
  RegistryClient,
  RegistryErrorCode,
  WorkItemListParams,
  WorkItemView,
} from 'aptrust-registry-client';

const options: ClientOptions = {
  environment: 'demo',
  user: 'me@example.edu',
  apiKey: process.env.KEY,
  timeoutMs: 5_000,
  maxAttempts: 2,
  debug: (event: DebugEvent) => console.error(event.type, event.url),
};
export const client: RegistryClient = createClient(options);
export const demo: string = ENVIRONMENTS.demo;
export const version: string = VERSION;

export async function usage(): Promise<void> {
  const page: ListPage<WorkItemView> = await client.workItems.list({ status: 'Failed', per_page: 100, sort: 'updated_at__desc' });
  const first: WorkItemView | undefined = page.results[0];
  const status: string | undefined = first?.status;
  for await (const item of client.workItems.all({ status__in: ['Failed', 'Cancelled'], date_processed__gteq: new Date() }, { concurrency: 4 })) {
    const id: number = item.id;
    void id;
  }
  const params: WorkItemListParams = { node__not_null: true, sort: ['updated_at__desc', 'id__asc'] };
  await client.workItems.list(params);
  const item: WorkItemView = await client.workItems.get(1);
  const file: GenericFile = await client.files.get('example.edu/my bag/data/report & notes.pdf');
  const listed: GenericFileView[] = (await client.files.list({ intellectual_object_id: 42 })).results;
  const alert: AlertView = await client.alerts.get(1, 2);
  const events = file.premis_events;
  for await (const event of client.events.all({ event_type: 'fixity check', outcome: 'Failure', date_time__gteq: '2024-01-01' })) {
    void event.outcome_detail;
  }
  try {
    await client.objects.get('example.edu/my_bag');
  } catch (error) {
    if (error instanceof NotFoundError) void error.status;
    else if (error instanceof RegistryError) {
      const code: RegistryErrorCode = error.code;
      void [code, error.serverMessage, error.hint, error.attempts];
    }
  }
  void [status, item, listed, alert, events];

  // Wrong usage must not compile:
  // @ts-expect-error the published spec's name; the server only knows node__not_null (HTTP 500)
  await client.workItems.list({ node__is_not_null: true });
  // @ts-expect-error not a work item status
  await client.workItems.list({ status: 'Broken' });
  // @ts-expect-error an array on a filter that is not __in
  await client.workItems.list({ status: ['Failed'] });
  // @ts-expect-error work items are numeric only
  await client.workItems.get('my_bag.tar');
  // @ts-expect-error alerts.get needs your own user id too
  await client.alerts.get(1);
  // @ts-expect-error not a sort the server has
  await client.deletionRequests.list({ sort: 'stage__asc' });
  // @ts-expect-error no such option
  createClient({ environment: 'staging' });
}
`;

// Runtime checks shared by both consumers; gets the package from its caller (import or require).
const EXERCISE_CTS = `import assert = require('node:assert/strict');
import http = require('node:http');
import type * as Package from 'aptrust-registry-client';

/** A stand-in Registry: one work item, 404 for everything else. */
function serve(): Promise<{ url: string; close: () => void }> {
  const server = http.createServer((request, response) => {
    response.setHeader('content-type', 'application/json; charset=utf-8');
    if (request.headers['x-pharos-api-key'] !== 'check-key') {
      response.statusCode = 401;
      response.end(JSON.stringify({ StatusCode: 401, Error: 'API credentials are missing or invalid.' }));
    } else if (request.url?.startsWith('/member-api/v3/items?')) {
      response.end(JSON.stringify({ count: 1, next: '', previous: '', results: [{ id: 7, name: 'bag.tar', status: 'Success' }] }));
    } else {
      response.statusCode = 404;
      response.end(JSON.stringify({ error: 'Not found: ' + request.url }));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: 'http://127.0.0.1:' + port, close: () => server.close() });
    });
  });
}

export async function exercise(pkg: typeof Package, how: string): Promise<void> {
  assert.equal(typeof pkg.createClient, 'function', 'createClient is a function');
  assert.equal(typeof pkg.RegistryError, 'function', 'RegistryError is a function');
  for (const name of ['InvalidInputError', 'ConfigurationError', 'AuthenticationError', 'PermissionError', 'NotFoundError', 'ServerError', 'TimeoutError', 'AbortedError', 'NetworkError'] as const) {
    assert.equal(typeof pkg[name], 'function', name + ' is a function');
    assert.ok(pkg[name].prototype instanceof pkg.RegistryError, name + ' extends RegistryError');
  }
  assert.throws(() => pkg.createClient({ env: {} }), (e) => e instanceof pkg.ConfigurationError && e instanceof pkg.RegistryError);

  const registry = await serve();
  try {
    const client = pkg.createClient({ baseUrl: registry.url, user: 'ci@example.edu', apiKey: 'check-key', maxAttempts: 1, timeoutMs: 5_000 });
    const page = await client.workItems.list({ status: 'Success' });
    assert.equal(page.count, 1);
    assert.equal(page.results[0]?.name, 'bag.tar');
    const all = [];
    for await (const item of client.workItems.all()) all.push(item.id);
    assert.deepEqual(all, [7]);
    await assert.rejects(client.workItems.get(8), (e) => e instanceof pkg.NotFoundError && e instanceof pkg.RegistryError && e.status === 404);
    await assert.rejects(client.workItems.list({ node__not_null: 'yes' as unknown as boolean }), (e) => e instanceof pkg.InvalidInputError && e instanceof pkg.RegistryError);
    const stranger = pkg.createClient({ baseUrl: registry.url, user: 'ci@example.edu', apiKey: 'wrong', maxAttempts: 1 });
    await assert.rejects(stranger.objects.list(), (e) => e instanceof pkg.AuthenticationError && e instanceof pkg.RegistryError && e.status === 401);
    client.close();
    stranger.close();
  } finally {
    registry.close();
  }
  console.log(how + ': createClient and RegistryError are functions; list, all, get and errors work; thrown errors are instanceof the exported classes (' + pkg.VERSION + ')');
}
`;

const CONSUMER_TS = `// An ESM consumer: a static import of the package.
import * as pkg from 'aptrust-registry-client';
import { exercise } from './exercise.cjs';

await exercise(pkg, 'import');
`;

const CONSUMER_CTS = `// A CommonJS consumer: TypeScript compiles this import to require('aptrust-registry-client').
import pkg = require('aptrust-registry-client');
import { exercise } from './exercise.cjs';

async function main(): Promise<void> {
  if (typeof require !== 'function' || typeof module !== 'object') throw new Error('not running as CommonJS');
  console.log('require: process.features.require_module = ' + String((process.features as { require_module?: boolean }).require_module) + ', node ' + process.version);
  await exercise(pkg, 'require');
  // The same module instance whichever way it is loaded: one RegistryError class, so instanceof holds across both.
  const imported = await import('aptrust-registry-client');
  if (imported.RegistryError !== pkg.RegistryError) throw new Error('require() and import() gave different RegistryError classes');
  console.log('require: require() and import() share one module instance (same RegistryError class)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
`;

// Last, so that the consumer sources above are initialised.
const work = await mkdtemp(path.join(tmpdir(), 'aptrust-package-check-'));
try {
  await main(work);
} finally {
  if (process.env.KEEP_PACKAGE_CHECK === '1') console.log(`\n(kept ${work})`);
  else await rm(work, { recursive: true, force: true });
}
bail();
console.log(`\ncheck:package: the packed tarball, and the checkout installed by path, are good (${elapsed()}).`);
