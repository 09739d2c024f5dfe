import { goValuesEncode } from '../gojson.js';

/** common/pager.go (errata §2.2). */
export interface Pager {
  page: number;
  /** As parsed, before the cap; <= 0 means no LIMIT. */
  perPage: number;
  offset: number;
  limit: number | null;
  /** The per_page written into next/previous: the capped value. */
  linkPerPage: number;
}

export const MAX_PER_PAGE = 1000;

/** strconv.Atoi: optional sign, decimal digits, int64 range; anything else is an error → 0. */
function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) return 0;
  const n = BigInt(s);
  return n > 9223372036854775807n || n < -9223372036854775808n ? 0 : Number(n);
}

export function parsePager(query: ReadonlyMap<string, readonly string[]>): Pager {
  // DefaultQuery: the default only when the key is absent; a present-but-empty value is "".
  const page = query.has('page') ? atoi(query.get('page')?.[0] ?? '') : 1;
  const perPage = query.has('per_page') ? atoi(query.get('per_page')?.[0] ?? '') : 20;
  // The offset uses the uncapped per_page: page=2&per_page=5000 starts at row 5000 (errata §2.2).
  const offset = page > 1 && perPage > 0 ? (page - 1) * perPage : 0;
  const capped = perPage > MAX_PER_PAGE ? MAX_PER_PAGE : perPage;
  return { page, perPage, offset, limit: capped > 0 ? capped : null, linkPerPage: capped };
}

/**
 * Relative links carrying every original param with page±1 and the capped per_page, keys
 * sorted as url.Values.Encode does; "" when there is none (errata §2.1).
 */
export function pageLinks(
  path: string,
  query: ReadonlyMap<string, readonly string[]>,
  pager: Pager,
  count: number,
  returned: number,
): { next: string; previous: string } {
  const link = (page: number): string => {
    const values = new Map(query);
    values.set('page', [String(page)]);
    values.set('per_page', [String(pager.linkPerPage)]);
    return `${path}?${goValuesEncode(values)}`;
  };
  return {
    next: count > pager.offset + returned ? link(pager.page + 1) : '',
    previous: pager.page > 1 ? link(pager.page - 1) : '',
  };
}
