// Runs limits-child-main.ts in a child process with a small V8 heap and hands back its outcome and
// peak RSS. The child runs a transpiled copy of this working tree's src/ (not dist/, which may be
// stale under APTRUST_SKIP_BUILD=1), made here with TypeScript's transpileModule in about a second.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { RESULT_PREFIX } from './limits-protocol.js';
import type { ChildResult, ChildScenario } from './limits-protocol.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function* typescriptFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield full;
  }
}

export interface ChildBuild {
  /** The transpiled limits-child-main.js. */
  entry: string;
  dispose(): void;
}

/**
 * Transpiles src/, generated/ and the child's entry into node_modules/.cache (so `axios` and the
 * other dependencies resolve from the project's node_modules), keeping the relative layout.
 */
export function buildChild(): ChildBuild {
  const cache = path.join(root, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  const out = mkdtempSync(path.join(cache, 'aptrust-limits-'));
  writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  const sources = [
    ...typescriptFiles(path.join(root, 'src')),
    ...typescriptFiles(path.join(root, 'generated')),
    path.join(root, 'test', 'hostile', 'limits-protocol.ts'),
    path.join(root, 'test', 'hostile', 'limits-child-main.ts'),
  ];
  for (const source of sources) {
    const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, esModuleInterop: true },
      fileName: source,
    });
    const target = path.join(out, path.relative(root, source)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, outputText);
  }
  // Data files the code imports (generated/list-values.json) go across as they are.
  for (const file of readdirSync(path.join(root, 'generated')).filter((f) => f.endsWith('.json'))) {
    copyFileSync(path.join(root, 'generated', file), path.join(out, 'generated', file));
  }
  return {
    entry: path.join(out, 'test', 'hostile', 'limits-child-main.js'),
    dispose: () => rmSync(out, { recursive: true, force: true }),
  };
}

export interface ChildRun {
  /** The exit code; null when a signal ended the process (a V8 fatal error aborts it). */
  code: number | null;
  signal: NodeJS.Signals | null;
  result: ChildResult | undefined;
  stderr: string;
}

/** The V8 heap of the child, in MB: small, so a client that keeps a body on the heap dies of it. */
export const CHILD_HEAP_MB = 128;

/** Runs one scenario; resolves when the child has exited, however it ended. */
export function runChild(build: ChildBuild, scenario: ChildScenario): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${CHILD_HEAP_MB}`, build.entry, JSON.stringify(scenario)], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
      const result = line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as ChildResult) : undefined;
      resolve({ code, signal, result, stderr });
    });
  });
}
