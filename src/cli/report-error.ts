// Turns any failure into: one line on stderr, a hint line when there is one, an exit code.
// Never a stack trace unless --debug, and never the key (everything goes through redact()).
import { inspect } from 'node:util';
import { CommanderError } from 'commander';
import { EXIT, exitCodeForErrorCode } from './exit-codes.js';
import { isRegistryError } from './registry-error.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { redact } from './secrets.js';
import { UsageError } from './usage-error.js';

export const PROG = 'aptrust-registry';

const CONFIG_HINT =
  'Set APTRUST_REGISTRY_URL, APTRUST_REGISTRY_EMAIL and APTRUST_REGISTRY_API_KEY, put them in ~/.aptrust (or --config FILE), or use --env/--url, --email and --api-key-file.';

/** Writes one line to stderr, redacted. */
export function say(io: CliIO, message: string): void {
  io.stderr.write(redact(`${PROG}: ${message}\n`));
}

export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof UsageError) return EXIT.usage;
  if (isRegistryError(error)) return exitCodeForErrorCode(error.code);
  // Commander has already printed its message; only help/version are successes.
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  return EXIT.unexpected;
}

export function reportError(io: CliIO, error: unknown, debug: boolean): ExitCode {
  const code = exitCodeFor(error);
  if (error instanceof CommanderError) return code;
  if (isRegistryError(error) || error instanceof UsageError) {
    say(io, error.message);
    const hint = error.hint ?? (isRegistryError(error) && error.code === 'configuration' ? CONFIG_HINT : undefined);
    if (hint) say(io, `hint: ${hint}`);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    say(io, `unexpected error: ${message}${debug ? '' : ' (run again with --debug for details)'}`);
  }
  if (debug) io.stderr.write(redact(`${inspect(error, { depth: 4 })}\n`));
  return code;
}
