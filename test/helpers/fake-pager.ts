// A nock reply function that pages like the Registry (errata §2.2, §2.3, §4): offset paging,
// a default sort on a timestamp full of ties (shuffled on every request, as a database may),
// `sort=…&sort=id__asc` honoured, a count that can be stale, and rows that can arrive mid-crawl.
export interface Row {
  id: number;
  updated_at: string;
  name: string;
  user_id?: number;
}

export interface FakePager {
  rows: Row[];
  requests: URLSearchParams[];
  /** Added to every count (stale materialised counts). */
  countSkew: number;
  /** Called before each page is cut, e.g. to insert rows mid-crawl. */
  beforePage?: (requestNumber: number) => void;
  reply: (uri: string) => [number, string];
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

export function makeRows(n: number, distinctTimestamps = 3): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    updated_at: `2024-01-0${(i % distinctTimestamps) + 1}T00:00:00Z`,
    name: `row ${i + 1}`,
  }));
}

export function fakePager(rows: Row[]): FakePager {
  const pager: FakePager = {
    rows,
    requests: [],
    countSkew: 0,
    reply(uri) {
      const query = new URL(uri, 'https://x').searchParams;
      pager.requests.push(query);
      pager.beforePage?.(pager.requests.length);
      const page = Math.max(1, Number(query.get('page') ?? 1));
      const perPage = Number(query.get('per_page') ?? 20);
      const sorts = query.getAll('sort');
      // Default order: updated_at desc with ties in random order.
      let ordered = shuffle([...pager.rows]).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
      if (sorts.length > 0) {
        ordered = [...pager.rows].sort((a, b) => {
          for (const s of sorts) {
            const [col, dir] = s.split('__') as [keyof Row, string];
            const x = a[col] ?? 0;
            const y = b[col] ?? 0;
            if (x < y) return dir === 'desc' ? 1 : -1;
            if (x > y) return dir === 'desc' ? -1 : 1;
          }
          return Math.random() - 0.5;
        });
      }
      const offset = (page - 1) * perPage;
      const results = ordered.slice(offset, offset + Math.min(perPage, 1000));
      const count = pager.rows.length + pager.countSkew;
      const next = count > offset + results.length ? `/member-api/v3/items?page=${page + 1}&per_page=${perPage}` : '';
      // An empty page is `"results": null` on the real server (a Go nil slice), never [].
      const body = {
        count,
        next,
        previous: page > 1 ? `/member-api/v3/items?page=${page - 1}` : '',
        results: results.length > 0 ? results : null,
      };
      return [200, JSON.stringify(body)];
    },
  };
  return pager;
}
