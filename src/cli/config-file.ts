// apt-cmd's config file (~/.aptrust): shell-style KEY=value lines, # comments, optional quotes,
// optional "export ". We read only the APTRUST_REGISTRY_* settings and ignore the rest (apt-cmd
// keeps its AWS keys in the same file).
import { readFileSync } from 'node:fs';
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
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (explicit === undefined && (code === 'ENOENT' || code === 'ENOTDIR')) return {};
    throw new UsageError(`cannot read config file ${path}: ${code ?? (error as Error).message}`);
  }
  const { values, badLines } = parseConfigText(text);
  if (badLines.length > 0) warn(`ignoring malformed line(s) ${badLines.join(', ')} of ${path} (expected KEY=value)`);
  return values;
}
