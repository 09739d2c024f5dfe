// Runs the built CLI (dist/src/cli/main.js) as a real process, as a user's shell or CI job would,
// against a sandbox started in this test process. Only for what a real process alone can show
// (exit status, signals, a closed pipe, the installed bin, --version of the build); everything
// else runs in-process (./in-process.ts). Also the oracle: the sandbox's rows by one raw request.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sandbox } from '../../src/sandbox/index.js';
import { truth as rawTruth } from '../e2e/helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MAIN = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  timeoutMs?: number;
}

/** An empty HOME per test file, so a developer's real ~/.aptrust never leaks into a test. */
export const EMPTY_HOME = mkdtempSync(path.join(tmpdir(), 'aptrust-cli-home-'));

/** The environment of the child: ours minus any APTRUST_*, CI and colour settings, plus `env`. */
export function childEnv(env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('APTRUST_') && !['CI', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS'].includes(k)) base[k] = v;
  }
  base.HOME = EMPTY_HOME;
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete base[k];
    else base[k] = v;
  }
  return base;
}

export function sandboxEnv(sandbox: Sandbox): Record<string, string> {
  return {
    APTRUST_REGISTRY_URL: sandbox.url,
    APTRUST_REGISTRY_EMAIL: sandbox.user.email,
    APTRUST_REGISTRY_API_KEY: sandbox.user.apiKey,
  };
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build (test/global-setup.ts does it)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { env: childEnv(options.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI timed out: ${args.join(' ')}\n${stderr}`));
    }, options.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

export function parseNdjson(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** RFC 4180: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as objects keyed by the header. */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header, ...rows] = parseCsv(text);
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** What a CSV cell should hold for a value (the CLI's rule: strings as-is, others as JSON/String). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

// The oracle for the CLI, independent of the client's paging (all()): every row the sandbox holds
// for a query, by one raw GET with per_page=0 (the e2e suites' own).
export function truth<T = Record<string, unknown>>(sandbox: Sandbox, route: string, params: Record<string, string | string[]> = {}) {
  return rawTruth<T>(sandbox, route, params);
}

/** Requests the sandbox saw to the member API (not counting anything else). */
export function apiRequests(sandbox: Sandbox): number {
  return sandbox.requests.filter((r) => r.url.startsWith('/member-api/')).length;
}

/** A directory with bin/aptrust-registry (this checkout's build) and an empty bags/my_bag.tar. */
export function workspace(): { dir: string; PATH: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-cli-example-'));
  mkdirSync(path.join(dir, 'bin'));
  mkdirSync(path.join(dir, 'bags'));
  writeFileSync(path.join(dir, 'bags', 'my_bag.tar'), '');
  const shim = path.join(dir, 'bin', 'aptrust-registry');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  return { dir, PATH: `${path.join(dir, 'bin')}:${process.env.PATH}` };
}

/** Runs a bash script; kills the process group at the end, so a backgrounded sandbox never outlives it. */
export function bash(script: string, cwd: string, env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-eo', 'pipefail', '-c', script], { cwd, env: childEnv(env), detached: true });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('exit', (code) => {
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        /* already gone */
      }
      resolve({ code, out });
    });
  });
}
