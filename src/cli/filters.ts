// Positional name=value filters → the client's list params. Values stay strings: the client
// already turns digit strings into ints, "true"/"false" into booleans and date strings into UTC,
// and it names any unknown filter or bad value (InvalidInputError, exit 2) before a request.
// Only the shape is checked here: a missing "=" or an empty name; and, given the time, the values
// of date filters are read as the CLI reads dates (30d, today, 2024-05-01: dates.ts).
import { resolveDateFilters } from './dates.js';
import type { CliParams } from './resources.js';
import { UsageError } from './usage-error.js';

/** Keys that may repeat: every __in filter, and sort (the Registry reads repeated keys, errata §3.1). */
function repeatable(name: string): boolean {
  return name === 'sort' || name.endsWith('__in');
}

/**
 * `now` (the CLI clock's, in ms): date filters may be relative (date_processed__gteq=30d) and are
 * resolved at it, or refused naming the filter.
 */
export function filtersOf(args: readonly string[], now?: number): CliParams {
  // A Map, not an object: `constructor=x` must not find Object.prototype's constructor (and be
  // "given twice"), nor `__proto__=x` hit the prototype setter and vanish (an unfiltered request).
  // Object.fromEntries makes every name an own key, which the client then checks.
  const params = new Map<string, string | string[]>();
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (eq <= 0) {
      throw new UsageError(
        `filter "${arg}" is not name=value`,
        'e.g. status=Failed, status__in=Failed status__in=Cancelled, sort=updated_at__desc, per_page=100',
      );
    }
    const name = arg.slice(0, eq).trim();
    const value = arg.slice(eq + 1);
    const previous = params.get(name);
    if (previous === undefined) {
      params.set(name, repeatable(name) ? [value] : value);
    } else if (Array.isArray(previous)) {
      previous.push(value);
    } else {
      throw new UsageError(
        `filter "${name}" given twice; only sort and __in filters take several values`,
        `for several values use ${name}__in=A ${name}__in=B where the Registry has that filter`,
      );
    }
  }
  const filters = Object.fromEntries(params);
  return now === undefined ? filters : resolveDateFilters(filters, now);
}
