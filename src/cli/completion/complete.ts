// Shell completion's logic, in TypeScript so it can be tested: given the words of a command line
// (after the program's name, the last one the word being completed, maybe empty), the candidates.
// Everything comes from the commander program itself (commands, their options, choices,
// arguments), so a command or an option added later completes without a change here; only what
// commander cannot know is added: resource names and their filters and sorts (the catalogue).
import type { Argument, Command, Option } from 'commander';
import { RESOURCE_CATALOGUE } from '../../index.js';
import { findResource, RESOURCE_ALIASES, RESOURCE_NAMES } from '../resources.js';

export interface Completion {
  /** The words that may replace the current one, all starting with it. */
  candidates: string[];
  /** File names fit too (the value of --output, --config…): the shell adds them. */
  files: boolean;
}

/** The paging names every list takes besides the resource's filters. */
const PAGING = ['page', 'per_page', 'sort'];

/** An option of `command` or of a command above it, by its short or long flag. */
function findOption(command: Command, flag: string): Option | undefined {
  for (let c: Command | null = command; c; c = c.parent) {
    const found = c.options.find((o) => o.long === flag || o.short === flag);
    if (found) return found;
  }
  return undefined;
}

const takesValue = (option: Option) => option.required || option.optional;

/** A value named <file> (or <dir>): complete file names. */
const wantsFile = (option: Option) => /<(file|dir|path)[^>]*>|\[(file|dir|path)[^\]]*\]/.test(option.flags);

function visibleCommands(command: Command): Command[] {
  return command
    .createHelp()
    .visibleCommands(command)
    .filter((c) => c.name() !== 'help');
}

function subcommand(command: Command, word: string): Command | undefined {
  return command.commands.find((c) => c.name() === word || c.aliases().includes(word));
}

/** --format, -o: the long flag where there is one. */
function optionWords(command: Command): string[] {
  const options = command.createHelp().visibleOptions(command);
  return options.map((o) => o.long ?? o.short ?? '').filter((w) => w !== '');
}

/** The catalogue's entry for a resource named as the user typed it, if it is one. */
function catalogueEntry(name: string | undefined) {
  if (name === undefined) return undefined;
  try {
    const segment = findResource(name).name;
    return Object.values(RESOURCE_CATALOGUE).find((r) => r.segment === segment);
  } catch {
    return undefined;
  }
}

/** Candidates for a positional argument, from its choices or, for the ones commander cannot know, its name. */
function argumentWords(argument: Argument, positionals: readonly string[], current: string): string[] {
  if (argument.argChoices) return [...argument.argChoices];
  switch (argument.name()) {
    case 'resource':
    case 'resources': {
      // The singulars and apt-cmd's names only where no resource's own name fits (work… → workitem).
      const names = RESOURCE_NAMES.filter((n) => n.startsWith(current));
      return names.length > 0 ? names : [...RESOURCE_ALIASES];
    }
    case 'filters': {
      const entry = catalogueEntry(positionals[0]);
      if (!entry) return [];
      const eq = current.indexOf('=');
      if (eq >= 0) {
        // After `name=`: the values where the catalogue knows them (sort's columns).
        return current.slice(0, eq) === 'sort' ? entry.sorts.map((s) => `sort=${s}`) : [];
      }
      return [...entry.filters, ...PAGING].map((f) => `${f}=`);
    }
    default:
      return [];
  }
}

function matching(words: Iterable<string>, current: string): string[] {
  return [...new Set(words)].filter((w) => w.startsWith(current)).sort();
}

export function complete(program: Command, words: readonly string[]): Completion {
  const done = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  let command = program;
  let positionals: string[] = [];
  let pending: Option | undefined;
  let operandsOnly = false;
  for (let i = 0; i < done.length; i += 1) {
    const word = done[i];
    if (!operandsOnly && word === '--') {
      operandsOnly = true;
      continue;
    }
    if (!operandsOnly && word.startsWith('-') && word !== '-') {
      if (word.includes('=')) continue;
      const option = findOption(command, word);
      if (option && takesValue(option)) {
        if (i + 1 < done.length) i += 1;
        else pending = option;
      }
      continue;
    }
    const sub = positionals.length === 0 && !operandsOnly ? subcommand(command, word) : undefined;
    if (sub) {
      command = sub;
      positionals = [];
      continue;
    }
    positionals.push(word);
  }

  // The value of an option: its choices, or file names.
  if (pending) {
    if (pending.argChoices) return { candidates: matching(pending.argChoices, current), files: false };
    return { candidates: [], files: wantsFile(pending) };
  }
  if (!operandsOnly && current.startsWith('--') && current.includes('=')) {
    const flag = current.slice(0, current.indexOf('='));
    const option = findOption(command, flag);
    const choices = option?.argChoices ?? [];
    return {
      candidates: matching(
        choices.map((c) => `${flag}=${c}`),
        current,
      ),
      files: false,
    };
  }
  if (!operandsOnly && current.startsWith('-')) return { candidates: matching(optionWords(command), current), files: false };

  const candidates: string[] = [];
  if (positionals.length === 0) candidates.push(...visibleCommands(command).map((c) => c.name()));
  const args = command.registeredArguments;
  if (args.length > 0) {
    const last = args[args.length - 1];
    const argument = positionals.length < args.length ? args[positionals.length] : last.variadic ? last : undefined;
    if (argument) candidates.push(...argumentWords(argument, positionals, current));
  }
  return { candidates: matching(candidates, current), files: false };
}

/** What `__complete` prints: a candidate a line, then `:file` when file names fit too. */
export function completionOutput(completion: Completion): string {
  const lines = [...completion.candidates, ...(completion.files ? [':file'] : [])];
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
