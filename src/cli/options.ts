// Option parsers shared by several commands. They throw commander's InvalidArgumentError, so
// commander reports "option '--x <n>' argument 'y' is invalid" and we exit 2.
import { InvalidArgumentError, Option } from 'commander';
import { registryDate } from '../index.js';
import { FORMATS } from './output/sink.js';

export function integerArg(min: number, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
      throw new InvalidArgumentError(`expected an integer from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}.`);
    }
    return Number(value);
  };
}

export function positiveNumberArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

/**
 * A positive number of at most `max`: a look-back of --days 1e8 would reach before year 1, which no
 * date can say (the Registry's dates run from 0001 to 9999).
 */
export function lookBackArg(max: number): (value: string) => number {
  return (value) => {
    const n = positiveNumberArg(value);
    if (n > max) throw new InvalidArgumentError(`expected at most ${max}.`);
    return n;
  };
}

/**
 * A date for --since: checked here as the client checks a date filter (registryDate), so the
 * error names the flag, then sent as given (the client makes it UTC). wait-ingest, which never
 * sends --since, reads it with registryInstant, so the two agree on what a date means.
 */
export function dateArg(value: string): string {
  try {
    registryDate(value, '--since');
  } catch (error) {
    // The Registry stores years 0001 to 9999 (in UTC: an offset can cross an end too).
    const years = error instanceof Error && error.message.includes('years 0001 to 9999');
    throw new InvalidArgumentError(
      years ? 'expected a date in the years 0001 to 9999.' : 'expected a real date such as 2024-05-01 or 2024-05-01T12:00:00Z.',
    );
  }
  return value.trim();
}

export function formatOption(): Option {
  return new Option('-o, --format <format>', 'output format (default: table on a terminal, else ndjson)').choices(FORMATS);
}

/** For csv a spreadsheet opens: see spreadsheetCell (output/cell.ts). */
export function excelOption(): Option {
  return new Option(
    '--excel',
    "with csv: for spreadsheets, a UTF-8 BOM first and cells starting with = + - @ (or tab, CR) prefixed with '",
  );
}

export function fieldsOption(): Option {
  return new Option('--fields <list>', 'comma-separated fields to output, in order');
}

export function concurrencyOption(): Option {
  return new Option('--concurrency <n>', 'pages fetched at once while crawling (1-32, default 2)').argParser(integerArg(1, 32));
}

export function pagingOption(): Option {
  return new Option(
    '--paging <how>',
    'how --all pages: auto (windows of a timestamp that never changes where the sort allows, exactly once while the data changes), windows (refuse a sort that needs offsets), offset',
  ).choices(['auto', 'windows', 'offset']);
}
