// A transpiled copy of this working tree's src/ and generated/ (plus any test files a child needs),
// for tests that run code in a child process: not dist/, which may be stale under
// APTRUST_SKIP_BUILD=1. Made with TypeScript's transpileModule in about a second, inside
// node_modules/.cache so that the children resolve axios, better-sqlite3… from the project.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every .ts file under `dir` (declarations left out). */
export function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

export interface TranspiledTree {
  /** The copy's root: `${dir}/src/index.js` and so on, the layout kept. */
  dir: string;
  dispose(): void;
}

/** Transpiles src/, generated/ and `extra` (paths under the repository) into a fresh directory. */
export function transpileTree(prefix: string, extra: readonly string[] = []): TranspiledTree {
  const cache = path.join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, prefix));
  writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const sources = [
    ...typescriptFiles(path.join(ROOT, 'src')),
    ...typescriptFiles(path.join(ROOT, 'generated')),
    ...extra.map((f) => path.join(ROOT, f)),
  ];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, esModuleInterop: true },
      fileName: source,
    });
    const target = path.join(dir, path.relative(ROOT, source)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // Data files the code imports (generated/list-values.json) go across as they are.
  for (const file of readdirSync(path.join(ROOT, 'generated')).filter((f) => f.endsWith('.json'))) {
    copyFileSync(path.join(ROOT, 'generated', file), path.join(dir, 'generated', file));
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
