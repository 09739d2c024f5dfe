// The commander program: global options (connection, --quiet, --debug) and one file per command.
import { Command, Option } from 'commander';
import { registerGet } from './commands/get.js';
import { registerList } from './commands/list.js';
import { registerReport } from './commands/report.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerWaitIngest } from './commands/wait-ingest.js';
import type { CliContext } from './context.js';
import { withHelp } from './help.js';
import { integerArg } from './options.js';
import { PROG } from './report-error.js';
import { stderrText } from './report-error.js';

const CONNECTION_NOTE = `Connection (flags > environment > config file):
  --env/--url, else APTRUST_REGISTRY_URL (a URL, or demo / production)
  --email, else APTRUST_REGISTRY_EMAIL
  --api-key-file FILE (- for stdin), else APTRUST_REGISTRY_API_KEY
  then the same KEY=value settings in ~/.aptrust (apt-cmd's file) or --config FILE.
The API key is never accepted as a flag value: command lines end up in shell history and CI logs.`;

export function buildProgram(ctx: CliContext, argv: readonly string[]): Command {
  const { io } = ctx;
  const program = new Command(PROG)
    .description('Query the APTrust Registry from scripts and CI: list, get, wait for ingests, run reports.')
    // Handled in run.ts (printing it needs the client's VERSION, which we load lazily).
    .option('-V, --version', 'output the version number')
    .addOption(new Option('--env <name>', 'which APTrust Registry').choices(['demo', 'production']))
    .option('--url <url>', 'any Registry URL, e.g. a local sandbox')
    .option('--email <email>', 'your Registry login email')
    .option('--api-key-file <file>', 'read the API key from this file (- for stdin)')
    .option('--config <file>', 'settings file in KEY=value form (default ~/.aptrust, if present)')
    .addOption(
      new Option('--retries <n>', 'retries per request on network errors, timeouts, 429/502/503/504 (default 3)').argParser(
        integerArg(0, 10),
      ),
    )
    .option('-q, --quiet', 'no notes, progress lines or progress bars on stderr (errors still)')
    .option('--debug', 'log requests (headers redacted) and print stack traces')
    .exitOverride()
    .showHelpAfterError(`${PROG}: hint: run with --help for usage`)
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      // Commander echoes what it could not parse: masked in case that was the key, and cleaned of
      // control characters like every other line on stderr.
      outputError: (text, write) => write(stderrText(`${PROG}: ${text.replace(/^error: /, '')}`)),
    });
  registerList(program, ctx);
  registerGet(program, ctx);
  registerWaitIngest(program, ctx);
  registerReport(program, ctx);
  registerSandbox(program, ctx, argv);
  withHelp(
    program,
    [
      'aptrust-registry list items status=Failed',
      'aptrust-registry list objects --all --format csv > objects.csv',
      'aptrust-registry get objects institution.edu/my_bag',
      'aptrust-registry get workitem id=1234   # apt-cmd names work too',
      'aptrust-registry wait-ingest --name my_bag.tar --timeout 2h',
      'aptrust-registry report problems',
      'aptrust-registry <command> --help',
    ],
    `${CONNECTION_NOTE}

Data goes to stdout; notes, warnings, progress and errors to stderr.`,
  );
  return program;
}
