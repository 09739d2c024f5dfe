// sandbox [flags…]: starts the local sandbox registry (src/sandbox) and keeps it running until
// Ctrl-C or SIGTERM. Its flags are forwarded unchanged (commander's passThroughOptions); it
// prints the three APTRUST_REGISTRY_URL / _EMAIL / _API_KEY lines a script can `eval` or source.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { withHelp } from '../help.js';
import { UsageError } from '../usage-error.js';

/**
 * The sandbox could not listen where it was told (--port, --host): a usage error naming the
 * address, with what to do instead; undefined for any other failure.
 */
function listenError(error: unknown): UsageError | undefined {
  const { code, address, port } = error as { code?: unknown; address?: unknown; port?: unknown };
  const where =
    typeof address === 'string' && typeof port === 'number'
      ? `${address.includes(':') ? `[${address}]` : address}:${port}`
      : 'that address';
  if (code === 'EADDRINUSE')
    return new UsageError(`sandbox: ${where} is already in use`, 'choose another --port, or --port 0 for any free one');
  if (code === 'EACCES')
    return new UsageError(`sandbox: no permission to listen on ${where}`, 'choose a --port from 1024 up, or --port 0 for any free one');
  if (code === 'EADDRNOTAVAIL')
    return new UsageError(`sandbox: ${where} is not an address of this machine`, 'choose another --host, e.g. 127.0.0.1 (the default)');
  return undefined;
}

/** The sandbox rejects bad flags with plain errors (node:util parseArgs, its own checks): exit 2, not 1. */
function isFlagError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) ||
    error instanceof RangeError ||
    /^--/.test((error as Error).message ?? '')
  );
}

export function registerSandbox(program: Command, ctx: CliContext): void {
  const command = program
    .command('sandbox')
    .description('start a local sandbox Registry (generated data) for trying commands and CI examples')
    .argument('[flags...]', "the sandbox's own flags, forwarded (see --help)")
    // Everything after the word "sandbox", verbatim (the program's options end at a command's
    // name): the sandbox parses its own flags.
    .passThroughOptions()
    .allowUnknownOption()
    .allowExcessArguments()
    // Our --help must also show the sandbox's flags, which live in the (lazily loaded) sandbox.
    .helpOption(false)
    .action(async (args: string[], _options: unknown, cmd: Command) => {
      // Loaded only here: the other commands never pay for the sandbox's code.
      const { runSandboxCommand, SANDBOX_USAGE } = await import('../../sandbox/index.js');
      if (args.includes('--help') || args.includes('-h')) {
        cmd.outputHelp();
        ctx.io.stdout.write(`\nSandbox flags:\n${SANDBOX_USAGE.split('\n').slice(1).join('\n')}\n`);
        return;
      }
      let sandbox: Awaited<ReturnType<typeof runSandboxCommand>>;
      try {
        sandbox = await runSandboxCommand(args, { stdout: ctx.io.stdout, stderr: ctx.io.stderr });
      } catch (error) {
        if (isFlagError(error))
          throw new UsageError(`sandbox: ${(error as Error).message}`, 'run `aptrust-registry sandbox --help` for its flags');
        throw listenError(error) ?? error;
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          sandbox.stop().then(resolve, resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
  withHelp(
    command,
    [
      'aptrust-registry sandbox --port 8080',
      'aptrust-registry sandbox --port 8080 --ingest my_bag.tar:cancelled   # plus a simulated ingest',
      'examples/run-against-sandbox.sh   # starts one, sources its lines, runs the examples',
    ],
    `Prints APTRUST_REGISTRY_URL=…, APTRUST_REGISTRY_EMAIL=… and APTRUST_REGISTRY_API_KEY=… on stdout
(source them, or eval "$(…)"), then serves until interrupted (exit 0).`,
  );
}
