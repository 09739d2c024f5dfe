// The notes on stderr that keep a person from misreading what is on stdout: that one page is not
// everything, and that an empty table means "no records", not "something went wrong".
import type { CliContext } from './context.js';
import type { Format } from './output/sink.js';
import { say } from './report-error.js';
import type { CliParams } from './resources.js';

const DEFAULT_PER_PAGE = 20;

/**
 * Without --all, says when more records may follow, so nobody mistakes page 1 for everything
 * (apt-cmd's bug). A full page is what says so: the Registry's `count` can be far behind (it has
 * said 18 while 200,000 rows existed), so it appears only as a hint. A short page is the end,
 * whatever the count says: the server pages by offset, so it returns fewer rows only when there are none.
 */
export function noteMore(ctx: CliContext, params: CliParams, shown: number, count: number): void {
  const page = Number(params.page ?? 1);
  const perPage = Number(params.per_page ?? DEFAULT_PER_PAGE);
  if (shown < perPage) return;
  const upTo = (page - 1) * perPage + shown;
  const hint = count > upTo ? `the Registry counts ${count} in all` : `the Registry counts ${count}, but its count can be out of date`;
  say(
    ctx.io,
    `note: showed ${shown} ${shown === 1 ? 'record' : 'records'} (page ${page} is full), more may follow (${hint}); add --all for every page`,
  );
}

/**
 * An empty table prints nothing on stdout (a lone header row looks like a broken listing), so the
 * person at the terminal is told why. Machine formats stay silent: `[]`, no lines, or a csv
 * header line already say "no records" to a program.
 */
export function noteEmpty(ctx: CliContext, format: Format, what: string): void {
  if (format === 'table') say(ctx.io, `note: ${what}`);
}
