// How all() pages a list: in windows of a timestamp column when the order allows, by offset otherwise.
import { InvalidInputError } from '../errors.js';
import type { Direction } from './windows.js';

/** How `all()` pages: `auto` (default) uses windows wherever the order allows, `offset` always pages by offset. */
export type Paging = 'auto' | 'windows' | 'offset';

/** The timestamp columns of a resource a crawl can window, both range-filterable on the server. */
export interface CrawlColumns {
  /** Written once and never changed (created_at and the like): windows of it are exact. */
  readonly window: string;
  /** Set by the server on every change (updated_at): windows of it, then a recheck of what changed. */
  readonly modified?: string;
}

export type CrawlPlan =
  | { method: 'offset'; reason: string }
  | { method: 'windows'; column: string; direction: Direction }
  | { method: 'windows+recheck'; column: string; direction: Direction; window: string };

const PAGING: readonly Paging[] = ['auto', 'windows', 'offset'];

/** The paging option, checked before anything is sent. */
export function checkPaging(value: unknown): Paging {
  if (value === undefined) return 'auto';
  if (typeof value === 'string' && (PAGING as readonly string[]).includes(value)) return value as Paging;
  throw new InvalidInputError(
    `paging must be one of ${PAGING.map((p) => `"${p}"`).join(', ')}, got ${JSON.stringify(value) ?? String(value)}`,
  );
}

function parseSort(sort: string): { column: string; direction: Direction } {
  const m = /^(.*?)(?:__(asc|desc))?$/.exec(sort) as RegExpExecArray;
  return { column: m[1], direction: m[2] === 'desc' ? 'desc' : 'asc' };
}

/**
 * The plan for a crawl of `resource` sorted by `sort` (the caller's, checked; tie-break columns
 * ascending are dropped, since every plan ends with them).
 */
export function planCrawl(
  resource: string,
  columns: CrawlColumns | undefined,
  tieBreak: readonly string[],
  sort: readonly string[] | undefined,
  paging: Paging,
): CrawlPlan {
  const tail = tieBreak.map((k) => `${k}__asc`);
  const user = (sort ?? []).filter((s) => !tail.includes(s));
  const plan = ((): CrawlPlan => {
    if (paging === 'offset') return { method: 'offset', reason: 'paging: "offset" was asked for' };
    if (!columns) return { method: 'offset', reason: `${resource} has no timestamp filter that never changes` };
    if (user.length === 0) return { method: 'windows', column: columns.window, direction: 'asc' };
    if (user.length === 1) {
      const { column, direction } = parseSort(user[0]);
      if (column === columns.window) return { method: 'windows', column, direction };
      if (column === columns.modified && tieBreak.length === 1)
        return { method: 'windows+recheck', column, direction, window: columns.window };
    }
    return { method: 'offset', reason: `sorted by ${user.join(', ')}` };
  })();
  if (paging === 'windows' && plan.method === 'offset') {
    const orders = columns ? [columns.window, columns.modified].filter(Boolean).join(' or ') : undefined;
    throw new InvalidInputError(
      orders
        ? `${resource} can be crawled in windows only unsorted or sorted by ${orders} alone; sort ${user.join(', ')} needs paging "offset" or "auto"`
        : `${resource} cannot be crawled in windows: it has no timestamp filter that never changes; use paging "offset" or "auto"`,
    );
  }
  return plan;
}
