// The commander program: global options (connection, --quiet, --debug) and one file per command.
// Positional options: the program reads its options up to the command's name and leaves the rest
// to the command, so `sandbox` gets its own flags verbatim (passThroughOptions). The other
// commands take the global options after their name too, as hidden copies of their own.
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../index.js';
import { registerCompletion } from './commands/completion.js';
import { registerCount } from './commands/count.js';
import { registerGet } from './commands/get.js';
import { registerList } from './commands/list.js';
import { registerReport } from './commands/report.js';
import { registerSandbox } from './commands/sandbox.js';
import { registerSync } from './commands/sync.js';
import { registerVerify } from './commands/verify.js';
import { registerWaitIngest } from './commands/wait-ingest.js';
import type { CliContext } from './context.js';
import { withHelp } from './help.js';
import type { CliIO } from './io.js';
import { integerArg } from './options.js';
import { PROG } from './report-error.js';
import { stderrText } from './report-error.js';

const CONNECTION_NOTE = `Connection (flags > environment > config file):
  --env/--url, else APTRUST_REGISTRY_URL (a URL, or demo / production)
  --email, else APTRUST_REGISTRY_EMAIL
  --api-key-file FILE (- for stdin), else APTRUST_REGISTRY_API_KEY
  then the same KEY=value settings in ~/.aptrust (apt-cmd's file) or --config FILE.
The API key is never accepted as a flag value: command lines end up in shell history and CI logs.
Proxy: --proxy URL, else https_proxy/HTTPS_PROXY (http_proxy for an http:// Registry URL) unless
  no_proxy/NO_PROXY lists the host; --no-proxy connects directly. Requests are tunnelled (CONNECT):
  the proxy never sees the key. Proxy credentials go in the URL: http://user:password@host:port.`;

const VERSION_FLAGS = '-V, --version';
const VERSION_HELP = 'output the version number';

/** The options of every command, before or after its name (fresh objects: an Option belongs to one command). */
function globalOptions(): Option[] {
  return [
    new Option('--env <name>', 'which APTrust Registry').choices(['demo', 'production']),
    new Option('--url <url>', 'any Registry URL, e.g. a local sandbox'),
    new Option('--email <email>', 'your Registry login email'),
    new Option('--api-key-file <file>', 'read the API key from this file (- for stdin)'),
    new Option('--config <file>', 'settings file in KEY=value form (default ~/.aptrust, if present)'),
    new Option('--proxy <url>', 'reach the Registry through this proxy (default: HTTPS_PROXY, unless NO_PROXY lists the host)'),
    new Option('--no-proxy', 'connect directly, whatever HTTPS_PROXY and the other proxy variables say'),
    new Option(
      '--retries <n>',
      'retries per request on network errors, timeouts, 429/502/503/504 (default 3, and 11 for each page of --all and reports; a value given counts for both)',
    ).argParser(integerArg(0, 10)),
    new Option(
      '--crawl-retry-time <duration>',
      'most time spent retrying one page of --all and reports, waits included, e.g. 15m, 1h, 90s (default 10m)',
    ),
    new Option('-q, --quiet', 'no notes, progress lines or progress bars on stderr (errors still)'),
    new Option('--debug', 'log requests (headers redacted) and print stack traces'),
  ];
}

/**
 * Gives `command` and the commands under it the global options, listed in their --help under a
 * heading of their own (and so offered by "did you mean" for a misspelt flag), and -V/--version,
 * which prints the version as the program's does.
 */
function takeGlobalsAfterName(command: Command, io: CliIO): void {
  for (const option of globalOptions()) command.addOption(option.helpGroup('Global options:'));
  command.addOption(new Option(VERSION_FLAGS, VERSION_HELP).hideHelp());
  command.on('option:version', () => {
    io.stdout.write(`${VERSION}\n`);
    throw new CommanderError(0, 'commander.version', VERSION);
  });
  for (const sub of command.commands) takeGlobalsAfterName(sub, io);
}

/**
 * A global option given both before and after the command's name: the later one counts, as
 * when the program read them all. globalsOf() merges the program's values over the command's,
 * so the program is given the command's.
 */
function laterGlobalsWin(program: Command): void {
  const names = globalOptions().map((option) => option.attributeName());
  program.hook('preAction', (_program, action) => {
    const chain: Command[] = [];
    for (let command: Command | null = action; command && command !== program; command = command.parent) chain.unshift(command);
    for (const command of chain) {
      for (const name of names) {
        if (command.getOptionValueSource(name) === 'cli') program.setOptionValueWithSource(name, command.getOptionValue(name), 'cli');
      }
    }
  });
}

export function buildProgram(ctx: CliContext): Command {
  const { io } = ctx;
  const program = new Command(PROG)
    .description('Query the APTrust Registry from scripts and CI: list, get, wait for ingests, run reports.')
    .enablePositionalOptions()
    .version(VERSION, VERSION_FLAGS, VERSION_HELP);
  for (const option of globalOptions()) program.addOption(option);
  program
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
  registerCount(program, ctx);
  registerGet(program, ctx);
  registerWaitIngest(program, ctx);
  registerVerify(program, ctx);
  registerReport(program, ctx);
  registerSync(program, ctx);
  // As gh and apt-cmd have it, besides -V: the same line.
  withHelp(
    program
      .command('version')
      .description('print the version (as -V)')
      .action(() => {
        io.stdout.write(`${VERSION}\n`);
      }),
    ['aptrust-registry version'],
  );
  for (const command of program.commands) takeGlobalsAfterName(command, io);
  // After the others: its flags are its own, -V and --debug included.
  registerSandbox(program, ctx);
  registerCompletion(program, ctx);
  laterGlobalsWin(program);
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
