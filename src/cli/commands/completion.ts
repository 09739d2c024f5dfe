// completion bash|zsh|fish: prints a script that completes commands, options, resource names,
// report names and filter names; and the hidden __complete the scripts call for the candidates.
import { Argument } from 'commander';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { withHelp } from '../help.js';
import { complete, completionOutput } from '../completion/complete.js';
import { completionScript, SHELLS } from '../completion/scripts.js';
import type { Shell } from '../completion/scripts.js';

function root(command: Command): Command {
  let top = command;
  while (top.parent) top = top.parent;
  return top;
}

export function registerCompletion(program: Command, ctx: CliContext): void {
  const command = program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .addArgument(new Argument('<shell>', 'the shell to complete for').choices(SHELLS))
    .action((shell: Shell) => {
      ctx.io.stdout.write(completionScript(shell));
    });
  withHelp(
    command,
    [
      'source <(aptrust-registry completion bash)        # in ~/.bashrc',
      'source <(aptrust-registry completion zsh)         # in ~/.zshrc, after compinit',
      'aptrust-registry completion fish > ~/.config/fish/completions/aptrust-registry.fish',
    ],
    'Completes commands, options and their choices, resource and report names, and after a\nresource its filter names (list files st<TAB> → state=) and sort= values.',
  );
  // What the scripts call: the words after the program's name (the last one being completed),
  // after a `--` so none is read as an option here; one candidate a line on stdout.
  program
    .command('__complete', { hidden: true })
    .argument('[words...]')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action((words: string[], _options: unknown, cmd: Command) => {
      ctx.io.stdout.write(completionOutput(complete(root(cmd), words.length === 0 ? [''] : words)));
    });
}
