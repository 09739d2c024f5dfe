// Runs one invocation: refuses a key on the command line, parses, runs the command, and turns
// any failure into an exit code. Never throws. main() is the executable's whole life around it
// (argv, streams, environment, exit, clock all injected), so tests run exactly what bin/ runs.
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { buildProgram } from './program.js';
import { reportError, reportOutputError } from './report-error.js';
import { addSecret } from './secrets.js';
import { UsageError } from './usage-error.js';

/** Flags under which people try to pass the key. Refused without echoing the value. */
const KEY_FLAG = /^--(api[-_]?key|key|apikey|password)(=|$)/i;

export function refuseKeyFlags(argv: readonly string[]): void {
  const found = argv.find((arg) => KEY_FLAG.test(arg));
  if (found) {
    throw new UsageError(
      `${found.split('=')[0]} is not accepted: a key on the command line ends up in shell history and CI logs`,
      'set APTRUST_REGISTRY_API_KEY, put it in ~/.aptrust (or --config FILE), or use --api-key-file FILE (- for stdin)',
    );
  }
}

/** `clock` is for tests: the real one unless a test drives time itself. */
export async function run(argv: readonly string[], io: CliIO, clock: Clock = systemClock): Promise<ExitCode> {
  const ctx: CliContext = { io, clock, exitCode: EXIT.ok };
  // Known before parsing, so even a key pasted as an argument by mistake is masked in messages.
  addSecret(io.env.APTRUST_REGISTRY_API_KEY);
  try {
    refuseKeyFlags(argv);
    // -V/--version (before or after a command's name, not among the sandbox's flags) prints the
    // version and ends the parse with commander's exit 0 (see program.ts).
    const program = buildProgram(ctx);
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(io, error, argv.includes('--debug'));
  }
}

/** Everything the executable takes from its process, so a test can hand in its own. */
export interface CliProcess {
  argv: readonly string[];
  io: CliIO;
  /** Ends the process at once with this code (the real one: process.exit). */
  exit(code: number): void;
  /** The real clock unless a test drives time itself. */
  clock?: Clock;
}

/**
 * What src/cli/main.ts does: watch the output streams, run, and return the exit code for the
 * caller to set. The stream listeners stay for the life of the streams: output still being
 * flushed after run() has returned can meet a closed pipe too.
 */
export async function main(proc: CliProcess): Promise<ExitCode> {
  // A write error on stdout ends the run at once: `| head` closing it early (EPIPE) is the reader
  // saying "enough", exit 0 quietly; a full disk or an I/O error (`> /dev/full`) gets one line and
  // EXIT.output instead of an uncaught stack trace. First in line, so it decides before any other
  // listener; on Linux, stderr writes to files, terminals and pipes are synchronous, so the line is
  // out before the exit.
  proc.io.stdout.prependListener('error', (error: Error) => proc.exit(reportOutputError(proc.io, error)));
  // A closed stderr leaves nowhere to complain to; carry on with the exit code we would have had.
  proc.io.stderr.on('error', () => undefined);
  return run(proc.argv, proc.io, proc.clock);
}
