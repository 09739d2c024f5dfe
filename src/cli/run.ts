// Runs one invocation: refuses a key on the command line, parses, runs the command, and turns
// any failure into an exit code. Never throws.
import { systemClock } from './clock.js';
import type { Clock } from './clock.js';
import type { CliContext } from './context.js';
import { EXIT } from './exit-codes.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIO } from './io.js';
import { buildProgram } from './program.js';
import { reportError } from './report-error.js';
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

/** -V/--version anywhere except among the flags forwarded to the sandbox. */
function wantsVersion(argv: readonly string[]): boolean {
  const sandbox = argv.indexOf('sandbox');
  const ours = sandbox < 0 ? argv : argv.slice(0, sandbox);
  return ours.includes('-V') || ours.includes('--version');
}

/** `clock` is for tests: the real one unless a test drives time itself. */
export async function run(argv: readonly string[], io: CliIO, clock: Clock = systemClock): Promise<ExitCode> {
  const ctx: CliContext = { io, clock, exitCode: EXIT.ok };
  // Known before parsing, so even a key pasted as an argument by mistake is masked in messages.
  addSecret(io.env.APTRUST_REGISTRY_API_KEY);
  try {
    refuseKeyFlags(argv);
    if (wantsVersion(argv)) {
      const { VERSION } = await import('../index.js');
      io.stdout.write(`${VERSION}\n`);
      return EXIT.ok;
    }
    const program = buildProgram(ctx, argv);
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return reportError(io, error, argv.includes('--debug'));
  }
}
