// Is a page in the order its `sort` params ask for? Only the sequence of sort-key values is
// judged: ties come back in any order (volatile.json). NULL is sent as its Go zero value ("", 0,
// the zero time), and Postgres puts NULLs last ascending and first descending, so a zero value
// may also stand at that end.

export interface SortTerm {
  field: string;
  desc: boolean;
}

const ZERO = new Set<unknown>(['', 0, false, '0001-01-01T00:00:00Z']);

/** `col__dir` terms as the server splits them: anything but `desc` (or no direction) is ascending. */
export function sortTerms(query: readonly [string, string][], resource: string): SortTerm[] | null {
  const terms: SortTerm[] = [];
  for (const [k, v] of query) {
    if (k !== 'sort' || v === '') continue;
    const [column, dir] = v.split('__');
    // Items `user` is Postgres CURRENT_USER, not the column: no order at all (README row 23).
    if (resource === 'items' && column === 'user') return null;
    // files' mod_time column is sent as `mtime` (sort.files.mod_time__asc).
    terms.push({ field: resource === 'files' && column === 'mod_time' ? 'mtime' : column, desc: dir === 'desc' });
  }
  return terms;
}

const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/;

/** Go trims trailing zeros of fractional seconds, so times compare only with the fraction padded. */
function key(v: unknown): unknown {
  const m = typeof v === 'string' ? TIME.exec(v) : null;
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(9, '0')}` : v;
}

function less(a: unknown, b: unknown): boolean {
  const x = key(a);
  const y = key(b);
  return typeof x === 'string' && typeof y === 'string' ? x < y : Number(x) < Number(y);
}

function inOrder(a: unknown, b: unknown, desc: boolean): boolean {
  return desc ? ZERO.has(a) || less(b, a) : ZERO.has(b) || less(a, b);
}

/** The first pair of rows out of order, described; null when the page is in order. */
export function outOfOrder(rows: readonly Record<string, unknown>[], terms: readonly SortTerm[]): string | null {
  for (let i = 0; i + 1 < rows.length; i++) {
    for (const t of terms) {
      const a = rows[i][t.field];
      const b = rows[i + 1][t.field];
      if (a === b) continue;
      if (!inOrder(a, b, t.desc))
        return `rows ${i} and ${i + 1} out of ${t.field} ${t.desc ? 'desc' : 'asc'} order: ${JSON.stringify(a)}, ${JSON.stringify(b)}`;
      break;
    }
  }
  return null;
}
