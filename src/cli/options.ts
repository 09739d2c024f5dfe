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

/** A date for --since: checked here so the error names the flag, then sent as given (the client makes it UTC). */
export function dateArg(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(value.trim()) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date such as 2024-05-01 or 2024-05-01T12:00:00Z.');
  }
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
