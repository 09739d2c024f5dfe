// apt-cmd's config file (~/.aptrust): shell-style KEY=value lines, # comments, optional quotes,
// optional "export ". We read only the APTRUST_REGISTRY_* settings and ignore the rest (apt-cmd
// keeps its AWS keys in the same file).
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { UsageError } from './usage-error.js';

export type ConfigValues = Record<string, string>;

const LINE = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.length >= 2) {
    const end = value.indexOf(quote, 1);
    if (end > 0) return value.slice(1, end);
  }
  // Unquoted: a " #" starts a comment, as in the shell.
  return value.replace(/\s+#.*$/, '').trim();
}

/** Parses the text; never echoes a line back (a malformed line may hold the key). */
export function parseConfigText(text: string): { values: ConfigValues; badLines: number[] } {
  const values: ConfigValues = {};
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const match = LINE.exec(trimmed);
    if (!match) {
      badLines.push(index + 1);
      return;
    }
    if (match[1].startsWith('APTRUST_REGISTRY_')) values[match[1]] = unquote(match[2]);
  });
  return { values, badLines };
}

/** A path as one shell word, for a command to copy. */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

/**
 * As ssh does for a private key: a regular file that its group or others may read (or write)
 * gets a warning naming it and the fix. Nothing on Windows, where the mode bits mean nothing.
 */
export function permissionWarning(path: string, mode: number, what: string): string | undefined {
  if (process.platform === 'win32' || (mode & 0o077) === 0) return undefined;
  const bits = (mode & 0o777).toString(8).padStart(4, '0');
  return `${what} ${path} is accessible to other users (mode ${bits}) and can hold the API key; run: chmod 600 ${shellWord(path)}`;
}

/** Reads a whole file through one descriptor, with the mode of what was read (no race with a chmod or rename). */
export function readFileWithMode(path: string): { text: string; mode: number | undefined } {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    return { text: readFileSync(fd, 'utf8'), mode: stat.isFile() ? stat.mode : undefined };
  } finally {
    closeSync(fd);
  }
}

export function defaultConfigPath(): string {
  return join(homedir(), '.aptrust');
}

/**
 * The explicit --config FILE must exist (a typo should not silently fall back to other settings);
 * the default ~/.aptrust is optional.
 */
export function loadConfigFile(explicit: string | undefined, warn: (message: string) => void): ConfigValues {
  const path = explicit ?? defaultConfigPath();
  let text: string;
  let mode: number | undefined;
  try {
    ({ text, mode } = readFileWithMode(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (explicit === undefined && (code === 'ENOENT' || code === 'ENOTDIR')) return {};
    throw new UsageError(`cannot read config file ${path}: ${code ?? (error as Error).message}`);
  }
  const open = mode === undefined ? undefined : permissionWarning(path, mode, 'config file');
  if (open) warn(open);
  const { values, badLines } = parseConfigText(text);
  if (badLines.length > 0) warn(`ignoring malformed line(s) ${badLines.join(', ')} of ${path} (expected KEY=value)`);
  return values;
}
