// Option parsers shared by several commands. They throw commander's InvalidArgumentError, so
// commander reports "option '--x <n>' argument 'y' is invalid" and we exit 2.
import { InvalidArgumentError, Option } from 'commander';
import type { Clock } from './clock.js';
import { isoInstant, relativeDate, resolveDate } from './dates.js';
import type { ResolvedDate } from './dates.js';
import { parseDuration } from './duration.js';
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
 * A date for --since (or another date flag): ISO 8601, checked as the client checks a date filter
 * (registryDate), or relative to the CLI's clock (30d, 12h, today: see dates.ts), so the error
 * names the flag. With `durations`, also what --timeout takes (1500ms, 1.5h: duration.ts), read
 * as that long ago; a bare number is refused there, as it could be a year as well as seconds.
 */
export function sinceArg(clock: Pick<Clock, 'now'>, options: { durations?: boolean } = {}): (value: string) => ResolvedDate {
  return (value) => {
    const now = clock.now();
    if (options.durations && relativeDate(value, now) === undefined && /^\d+(?:\.\d+)?(ms|s|m|h)$/.test(value.trim())) {
      try {
        const ms = parseDuration('--since', value);
        return { text: isoInstant(now - ms), time: now - ms, how: `${value.trim()} before now, ${isoInstant(now)}` };
      } catch (error) {
        throw new InvalidArgumentError(`${(error as Error).message}.`);
      }
    }
    if (/^\d+(?:\.\d+)?$/.test(value.trim())) {
      throw new InvalidArgumentError(`a bare number is not a date: give a unit (e.g. 12h, 30d) or a whole date such as 2024-05-01.`);
    }
    try {
      return resolveDate('--since', value, now);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
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
