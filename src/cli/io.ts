// The process's streams and environment, in one place, so commands never touch process.* directly
// and the decisions "is this a terminal", "may we use colour", "may we draw a progress bar" are
// made once and the same way everywhere.
import type { Writable } from 'node:stream';

export interface CliIO {
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean; columns?: number };
  stdin: NodeJS.ReadableStream;
  env: Record<string, string | undefined>;
}

/** This process's streams and environment. main() (src/cli/run.ts) guards stdout's errors. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** https://no-color.org: any non-empty NO_COLOR disables colour. */
export function colorEnabled(io: CliIO, stream: 'stdout' | 'stderr'): boolean {
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  return io[stream].isTTY === true && io.env.TERM !== 'dumb';
}

/**
 * Progress bars only for a person watching: stderr is a terminal and we are not in CI (CI
 * runners often fake a TTY, and a bar redrawn thousands of times makes a useless log).
 */
export function progressEnabled(io: CliIO, quiet: boolean): boolean {
  if (quiet) return false;
  const ci = io.env.CI;
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return false;
  return io.stderr.isTTY === true && io.env.TERM !== 'dumb';
}

/** Width available for a table: the terminal's, else $COLUMNS, else unlimited (a pipe or file). */
export function terminalWidth(io: CliIO): number {
  if (io.stdout.isTTY && typeof io.stdout.columns === 'number' && io.stdout.columns > 0) return io.stdout.columns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Number.POSITIVE_INFINITY;
}

/** Writes and waits for the stream to drain when its buffer is full: constant memory on long crawls. */
export async function writeOut(stream: Writable, chunk: string): Promise<void> {
  if (stream.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onDrain);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
    stream.once('close', onDrain);
  });
}
