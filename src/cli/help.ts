// Shared --help text: examples per command and the exit-code table, appended after the usage.
import type { Command } from 'commander';
import { exitCodeHelp } from './exit-codes.js';

export function withHelp(command: Command, examples: readonly string[], notes?: string): Command {
  const parts = [];
  if (notes) parts.push(`\n${notes.trim()}\n`);
  if (examples.length > 0) parts.push(`\nExamples:\n${examples.map((e) => `  ${e}`).join('\n')}\n`);
  parts.push(exitCodeHelp());
  return command.addHelpText('after', parts.join(''));
}

export const FORMAT_NOTE = `Formats (-o/--format):
  table   aligned columns cut to the terminal width (default when stdout is a terminal)
  ndjson  one JSON object per line, streamed (default when stdout is a pipe or file)
  json    one JSON document: an array of records (get and wait-ingest: the object; one page
          of list: the envelope {"count": N, "next", "previous", "results": [records]})
  csv     header line, then one row per record, streamed; nested values as JSON
          (--excel: for a spreadsheet, a UTF-8 BOM and cells starting = + - @ prefixed with ')
--fields a,b,c picks and orders the fields (any format); unknown names are refused.`;
