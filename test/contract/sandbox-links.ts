// The test's own model of the server's paging (common/pager.go as recorded): which rows a page
// holds and what its next/previous links are. It is checked against every recorded list exchange
// before it judges the sandbox, so a wrong model shows up as a failure, not as a false pass.

export interface PageModel {
  /** Rows the page must hold for this count. */
  rows: number;
  next: string;
  previous: string;
}

const MAX_PER_PAGE = 1000;

/** strconv.Atoi; an error is 0 (page=abc behaves as page=0: paging.files.page_abc). */
function atoi(s: string | undefined): number {
  return s !== undefined && /^[+-]?\d+$/.test(s) ? Number(s) : 0;
}

/** url.ParseQuery: pairs with a ';' or a bad escape are dropped; '+' is a space. */
function parseQuery(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of raw.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    let k: string, v: string;
    try {
      k = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      v = decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      continue;
    }
    out.set(k, [...(out.get(k) ?? []), v]);
  }
  return out;
}

/** url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay; a space is '+'. */
function queryEscape(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9\-_.~]/.test(c)) return c;
      return c === ' ' ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** url.Values.Encode: keys in byte order, each key's values in the order sent. */
function encode(values: Map<string, string[]>): string {
  return [...values.keys()]
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .flatMap((k) => (values.get(k) ?? []).map((v) => `${queryEscape(k)}=${queryEscape(v)}`))
    .join('&');
}

/**
 * For a list request (decoded path, raw query) and the count the response reports. Offsets use
 * the per_page as sent, links the per_page capped at 1000 (links.objects.page_2_per_page_5000);
 * per_page 0, negative or not an integer means every row and no next (paging.events.per_page_2_5).
 */
export function pageModel(path: string, rawQuery: string, count: number): PageModel {
  const query = parseQuery(rawQuery);
  const page = query.has('page') ? atoi(query.get('page')?.[0]) : 1;
  const perPage = query.has('per_page') ? atoi(query.get('per_page')?.[0]) : 20;
  const limit = perPage > 0 ? Math.min(perPage, MAX_PER_PAGE) : null;
  const offset = page > 1 && limit !== null ? (page - 1) * perPage : 0;
  const link = (p: number): string => {
    const values = new Map(query);
    values.set('page', [String(p)]);
    values.set('per_page', [String(limit ?? perPage)]);
    return `${path}?${encode(values)}`;
  };
  return {
    rows: limit === null ? count : Math.max(0, Math.min(limit, count - offset)),
    next: limit !== null && count > offset + limit ? link(page + 1) : '',
    previous: page > 1 ? link(page - 1) : '',
  };
}
