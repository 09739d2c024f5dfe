// Runs limits-child-main.ts in a child process with a small V8 heap and hands back its outcome and
// peak RSS. The child runs a transpiled copy of this working tree's src/ (not dist/, which may be
// stale under APTRUST_SKIP_BUILD=1), made here with TypeScript's transpileModule in about a second.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { transpileTree } from '../helpers/transpiled-tree.js';
import { RESULT_PREFIX } from './limits-protocol.js';
import type { ChildResult, ChildScenario } from './limits-protocol.js';

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
  const tree = transpileTree('aptrust-limits-', ['test/hostile/limits-protocol.ts', 'test/hostile/limits-child-main.ts']);
  return { entry: path.join(tree.dir, 'test', 'hostile', 'limits-child-main.js'), dispose: tree.dispose };
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
