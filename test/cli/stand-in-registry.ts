// A stand-in for the real Registry on loopback, for the test's own control over what the sandbox
// does its own way: lists answer in the real server's envelope, with the real server's headers,
// an empty page as `"results": null` (recorded: empty_one.items.empty, paging.files.page_999) and a
// `count` the test chooses (the real one can be stale: 16 for 17 rows on a fresh server).
// Filters and sorts are not applied: give a route the records, in id order, that the query matches.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInRecord = Record<string, unknown>;

export interface StandInOptions {
  /** Records per route (items, files, events…), in id order; a route not named is empty. */
  records?: Record<string, StandInRecord[]>;
  /** What `count` says per route; the true number unless given. */
  counts?: Record<string, number>;
}

export interface StandInRequest {
  route: string;
  query: URLSearchParams;
}

export interface StandIn {
  url: string;
  env: Record<string, string>;
  /** Every list request, in order. */
  requests: StandInRequest[];
  stop(): Promise<void>;
}

const USER = 'user@inst1.edu';
const KEY = 'stand-in-key';

/** The headers the real server sends with every JSON answer. */
const HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; font-src 'self' fonts.gstatic.com; style-src 'self' 'unsafe-inline' fonts.googleapis.com; script-src 'self' 'unsafe-inline'",
  'content-type': 'application/json; charset=utf-8',
  pragma: 'no-store',
  'x-content-type-options': 'nosniff',
  'x-xss-protection': '1',
};

const LIST = /^\/member-api\/v3\/([a-z]+)$/;

/** The list envelope as the real server writes it: keys in this order, `null` for no rows. */
export function envelope(route: string, all: readonly StandInRecord[], count: number, page: number, perPage: number): string {
  const offset = (page - 1) * perPage;
  const rows = all.slice(offset, offset + perPage);
  const link = (p: number) => `/member-api/v3/${route}?page=${p}&per_page=${perPage}`;
  return JSON.stringify({
    count,
    next: offset + perPage < count ? link(page + 1) : '',
    previous: page > 1 ? link(page - 1) : '',
    results: rows.length > 0 ? rows : null,
  });
}

function positive(text: string | null, fallback: number): number {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export async function startStandIn(options: StandInOptions = {}): Promise<StandIn> {
  const requests: StandInRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: string) => {
      res.writeHead(status, { ...HEADERS, 'content-length': Buffer.byteLength(body) }).end(body);
    };
    if (req.headers['x-pharos-api-user'] !== USER || req.headers['x-pharos-api-key'] !== KEY) {
      send(401, JSON.stringify({ Error: 'API credentials are missing or invalid.', StatusCode: 401 }));
      return;
    }
    const match = LIST.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      send(404, JSON.stringify({ error: `Not found: ${url.pathname}` }));
      return;
    }
    const route = match[1];
    requests.push({ route, query: url.searchParams });
    const all = options.records?.[route] ?? [];
    const count = options.counts?.[route] ?? all.length;
    send(200, envelope(route, all, count, positive(url.searchParams.get('page'), 1), positive(url.searchParams.get('per_page'), 20)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    env: { APTRUST_REGISTRY_URL: url, APTRUST_REGISTRY_EMAIL: USER, APTRUST_REGISTRY_API_KEY: KEY },
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `n` work items with ids 1..n, shaped like the server's (every field present, zero values). */
export function workItems(n: number, base: StandInRecord): StandInRecord[] {
  return Array.from({ length: n }, (_, i) => ({ ...base, id: i + 1, name: `bag_${i + 1}.tar` }));
}
