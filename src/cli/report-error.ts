// Turns any failure into: one line on stderr, a hint line when there is one, an exit code.
// Never a stack trace unless --debug, never the key (everything goes through redact()), and never
// a control character from server text (everything goes through displayText(), as table cells do).
import { inspect } from 'node:util';
import { CommanderError } from 'commander';
import { inCliWords } from './cli-words.js';
import { EXIT, exitCodeForErrorCode } from './exit-codes.js';
import { isRegistryError } from './registry-error.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { displayText } from './output/cell.js';
import { redact } from './secrets.js';
import { ERRNO_REASONS, ExportFileError } from './export/file-error.js';
import { UsageError } from './usage-error.js';

export const PROG = 'aptrust-registry';

const CONFIG_HINT =
  'Set APTRUST_REGISTRY_URL, APTRUST_REGISTRY_EMAIL and APTRUST_REGISTRY_API_KEY, put them in ~/.aptrust (or --config FILE), or use --env/--url, --email and --api-key-file.';

/** A usage error's next step when it has none of its own: the same words as commander's errors. */
const USAGE_HINT = 'run with --help for usage';

/**
 * Text for stderr: the key masked, and in each line every control character (ANSI and OSC escapes,
 * carriage returns, C1 controls) replaced, so server text cannot redraw, recolour or retitle the
 * terminal. Masked again after, in case a replaced control was splitting the key.
 */
export function stderrText(text: string): string {
  return redact(
    redact(text)
      .split('\n')
      .map((line) => displayText(line))
      .join('\n'),
  );
}

/** Writes one line to stderr, redacted and without control characters (a newline becomes a space). */
export function say(io: CliIO, message: string): void {
  io.stderr.write(`${stderrText(`${PROG}: ${message}`.replace(/\n/g, ' '))}\n`);
}

const WRITE_FAILURES: Record<string, string> = {
  ...ERRNO_REASONS,
  EBADF: 'standard output is closed',
  EAGAIN: 'standard output would block',
};

/**
 * An error on stdout (`list items > /dev/full`): the output is lost, so say so in one line and
 * exit with EXIT.output. EPIPE is the reader saying "enough" (`| head`): exit 0 quietly.
 */
export function reportOutputError(io: CliIO, error: unknown): ExitCode {
  const errno = (error as { code?: unknown } | null | undefined)?.code;
  if (errno === 'EPIPE') return EXIT.ok;
  const known = typeof errno === 'string' ? WRITE_FAILURES[errno] : undefined;
  const message = error instanceof Error ? error.message.replace(/^E[A-Z]+: /, '').replace(/, write$/, '') : String(error);
  say(io, `cannot write output: ${known ?? message}${typeof errno === 'string' ? ` (${errno})` : ''}`);
  return EXIT.output;
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof ExportFileError) return EXIT.output;
  if (isRegistryError(error)) return exitCodeForErrorCode(error.code);
  // Commander has already printed its message; only help/version are successes.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.unexpected;
}

export function reportError(io: CliIO, error: unknown, debug: boolean): ExitCode {
  const code = exitCodeFor(error);
  if (error instanceof CommanderError) return code;
  if (isRegistryError(error) || error instanceof UsageError || error instanceof ExportFileError) {
    // A client error in the CLI's terms (--all, not all()), with a next step where there is one.
    const { message, hint } = isRegistryError(error) ? inCliWords(error) : error;
    say(io, message);
    const next =
      hint ??
      (isRegistryError(error) && error.code === 'configuration' ? CONFIG_HINT : error instanceof UsageError ? USAGE_HINT : undefined);
    if (next) say(io, `hint: ${next}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    say(io, `unexpected error: ${message}${debug ? '' : ' (run again with --debug for details)'}`);
  }
  if (debug) io.stderr.write(`${stderrText(inspect(error, { depth: 4 }))}\n`);
  return code;
}
