// Option parsers shared by several commands. They throw commander's InvalidArgumentError, so
// commander reports "option '--x <n>' argument 'y' is invalid" and we exit 2.
import { InvalidArgumentError, Option } from 'commander';
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

const SINCE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/i;

/** Whether y-m-d is a day of the calendar (Date.UTC alone would roll 02-30 over, and read years 0-99 as 19xx). */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A date for --since: checked here so the error names the flag, then sent as given (the client
 * makes it UTC). Checked as the client checks a date filter (src/params.ts; the CLI reaches the
 * library only through its public entry): Date.parse would take 2024-02-30 for March 1st, and
 * wait-ingest, which never sends --since, would use that.
 */
export function dateArg(value: string): string {
  const m = SINCE.exec(value.trim());
  const valid =
    m !== null &&
    isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) &&
    (m[4] === undefined || (Number(m[4]) < 24 && Number(m[5]) < 60 && Number(m[6] ?? 0) < 60)) &&
    (m[7] === undefined || (Number(m[7]) < 24 && Number(m[8]) < 60));
  if (!valid || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a real date such as 2024-05-01 or 2024-05-01T12:00:00Z.');
  }
  // The Registry stores years 0001 to 9999 (an offset could still cross an end: the client checks that).
  if (Number(m[1]) < 1) throw new InvalidArgumentError('expected a date in the years 0001 to 9999.');
  return value.trim();
}

export function formatOption(): Option {
  return new Option('--format <format>', 'output format (default: table on a terminal, else ndjson)').choices(FORMATS);
}

export function fieldsOption(): Option {
  return new Option('--fields <list>', 'comma-separated fields to output, in order');
}

export function concurrencyOption(): Option {
  return new Option('--concurrency <n>', 'pages fetched at once while crawling (1-32, default 2)').argParser(integerArg(1, 32));
}
