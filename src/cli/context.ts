// What every command receives: the streams, the clock, the global options, and a place to leave
// an exit code other than 0 (wait-ingest's 6 and 7) without throwing.
import type { Command } from 'commander';
import type { Clock } from './clock.js';
import type { ConnectionOptions } from './connection.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';

export interface CliContext {
  io: CliIO;
  clock: Clock;
  exitCode: ExitCode;
}

export interface GlobalOptions extends ConnectionOptions {
  quiet?: boolean;
}

/** Global options may come before or after the command name; commander merges them here. */
export function globalsOf(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}
