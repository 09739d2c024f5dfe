// A nock reply function for /files that filters and sorts like the Registry does for a windowed
// crawl: `created_at__gteq/__lteq` and `updated_at__gteq/__lteq` inclusive at microseconds, `state`,
// several `sort` keys, NULL timestamps (sent as Go's zero time) matching no range and sorting last
// ascending, first descending, and offset pages. Timestamps are kept as microsecond integers and
// read from the query with a parser of its own, not the client's.
export interface FileRow {
  id: number;
  /** Microseconds since the epoch; null is SQL NULL. */
  created: bigint | null;
  updated: bigint;
  state: 'A' | 'D';
}

export interface FakeFiles {
  rows: FileRow[];
  requests: URLSearchParams[];
  /** What `count` says; the true number when undefined. */
  count?: number;
  /** Called before each request is answered: change rows here to model a live server. */
  beforeAnswer?: (requestNumber: number, query: URLSearchParams) => void;
  /** Break the server on purpose. */
  ignore?: { filters?: boolean; sort?: boolean };
  reply: (uri: string) => [number, string];
}

const ZERO = '0001-01-01T00:00:00Z';

/** Reads the client's form, 2024-05-01T10:00:00.000123Z, or a date alone (midnight). */
function readTime(text: string): bigint {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z?)?$/.exec(text);
  if (!m) throw new Error(`fake server: cannot read ${text}`);
  const seconds = BigInt(Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}Z`)) * 1000n;
  return seconds + BigInt((m[3] ?? '').padEnd(6, '0'));
}

/** As Go writes it: trailing zeros of the fraction trimmed. */
export function writeTime(micros: bigint | null): string {
  if (micros === null) return ZERO;
  const date = new Date(Number(micros / 1000n));
  const fraction = String(micros % 1_000_000n)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${date.toISOString().slice(0, 19)}${fraction ? `.${fraction}` : ''}Z`;
}

export const at = (iso: string, micros = 0): bigint => BigInt(Date.parse(iso)) * 1000n + BigInt(micros);

export function fileRow(id: number, created: bigint | null, state: 'A' | 'D' = 'A'): FileRow {
  return { id, created, updated: created ?? 0n, state };
}

function value(row: FileRow, column: string): bigint | number | null {
  if (column === 'created_at') return row.created;
  if (column === 'updated_at') return row.updated;
  if (column === 'id') return row.id;
  throw new Error(`fake server: no column ${column}`);
}

export function fakeFiles(rows: FileRow[]): FakeFiles {
  const server: FakeFiles = {
    rows,
    requests: [],
    reply(uri) {
      const query = new URL(uri, 'https://x').searchParams;
      server.requests.push(query);
      server.beforeAnswer?.(server.requests.length, query);
      let matching = server.rows.filter((row) => {
        if (server.ignore?.filters) return true;
        for (const [key, raw] of query) {
          const range = /^(created_at|updated_at)__(gteq|lteq)$/.exec(key);
          if (range) {
            const v = value(row, range[1]) as bigint | null;
            if (v === null) return false;
            const bound = readTime(raw);
            if (range[2] === 'gteq' ? v < bound : v > bound) return false;
          } else if (key === 'state' && row.state !== raw) return false;
        }
        return true;
      });
      const sorts = query.getAll('sort');
      if (!server.ignore?.sort && sorts.length > 0) {
        matching = [...matching].sort((a, b) => {
          for (const s of sorts) {
            const [column, dir = 'asc'] = s.split('__');
            const x = value(a, column);
            const y = value(b, column);
            if (x === y) continue;
            // PostgreSQL: NULLS LAST ascending, NULLS FIRST descending.
            if (x === null) return 1 * (dir === 'desc' ? -1 : 1);
            if (y === null) return -1 * (dir === 'desc' ? -1 : 1);
            return (x < y ? -1 : 1) * (dir === 'desc' ? -1 : 1);
          }
          return 0;
        });
      }
      const page = Math.max(1, Number(query.get('page') ?? 1));
      const perPage = Math.min(1000, Number(query.get('per_page') ?? 20));
      const results = matching.slice((page - 1) * perPage, page * perPage).map((row) => ({
        id: row.id,
        identifier: `test.edu/bag/file-${row.id}`,
        state: row.state,
        created_at: writeTime(row.created),
        updated_at: writeTime(row.updated),
      }));
      const body = { count: server.count ?? matching.length, next: '', previous: '', results: results.length > 0 ? results : null };
      return [200, JSON.stringify(body)];
    },
  };
  return server;
}
