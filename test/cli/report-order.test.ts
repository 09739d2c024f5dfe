// What the CLI sends for relative dates, and the order reports come out in, against a nock
// Registry that answers each query with the records given for it: the dates are computed from a
// fixed clock (2026-12-01T12:00:00Z), so every request can be checked to the second. Also count
// (one request, per_page=1) and the usage errors a bad date gives, before any request.
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, ORIGIN, USER, envelope, registry } from '../helpers/nock-client.js';
import { parseNdjson } from './helpers.js';
import { runInProcess, virtualClock } from './in-process.js';

const NOW = Date.UTC(2026, 11, 1, 12);
const env = { APTRUST_REGISTRY_URL: ORIGIN, APTRUST_REGISTRY_EMAIL: USER, APTRUST_REGISTRY_API_KEY: API_KEY };

interface Seen {
  path: string;
  query: URLSearchParams;
}

/** Answers GET /member-api/v3/<route> with `answer(query)`; records every request. */
function serve(route: string, answer: (query: URLSearchParams) => { results: unknown[]; count?: number }): Seen[] {
  const seen: Seen[] = [];
  registry()
    .get(`/member-api/v3/${route}`)
    .query(true)
    .reply((uri) => {
      const url = new URL(uri, ORIGIN);
      seen.push({ path: url.pathname, query: url.searchParams });
      const { results, count } = answer(url.searchParams);
      const perPage = Number(url.searchParams.get('per_page') ?? 20);
      return [200, envelope(results.slice(0, perPage), count ?? results.length)];
    })
    .persist();
  return seen;
}

function run(args: string[]) {
  return runInProcess(args, { env, clock: virtualClock(NOW) });
}

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

const item = (id: number, date_processed: string, status: string, needs_admin_review = false) => ({
  id,
  name: `bag_${id}.tar`,
  action: 'Ingest',
  stage: 'Record',
  status,
  needs_admin_review,
  date_processed,
  note: `note ${id}`,
  outcome: `outcome ${id}`,
});

describe('reports: relative windows sent as UTC instants, newest first', () => {
  it('problems: the two crawls merged newest first (date_processed, then id), window from the clock', async () => {
    const byStatus = [
      item(5, '2026-11-30T10:00:00.5Z', 'Failed'),
      item(2, '2026-11-20T00:00:00Z', 'Cancelled'),
      item(9, '2026-11-20T00:00:00Z', 'Suspended'),
    ];
    const byReview = [item(7, '2026-11-30T10:00:00.000001Z', 'Success', true), item(3, '2026-11-25T00:00:00Z', 'Pending', true)];
    const seen = serve('items', (q) => (q.get('needs_admin_review') === 'true' ? { results: byReview } : { results: byStatus }));
    const result = await run(['report', 'problems', '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(parseNdjson(result.stdout).map((r) => r.id)).toEqual([5, 7, 3, 2, 9]);
    expect(seen).toHaveLength(2);
    for (const { query } of seen) {
      expect(query.get('date_processed__gteq')).toBe('2026-11-01T12:00:00Z'); // 30 days before the clock's now
      expect(query.getAll('sort')[0]).toBe('date_processed__desc');
    }
  });

  it.each([
    [['--since', '7d'], '2026-11-24T12:00:00Z'],
    [['--since', '12h'], '2026-12-01T00:00:00Z'],
    [['--since', '90m'], '2026-12-01T10:30:00Z'],
    [['--since', '2w'], '2026-11-17T12:00:00Z'],
    [['--since', 'today'], '2026-12-01T00:00:00Z'],
    [['--since', 'Yesterday'], '2026-11-30T00:00:00Z'],
    [['--since', '2026-11-01'], '2026-11-01'],
    [['--since', '2026-11-01T12:00+02:00'], '2026-11-01T10:00:00Z'],
    [['--days', '7'], '2026-11-24T12:00:00Z'],
    [[], '2026-11-01T12:00:00Z'],
  ])('failed-fixity %j: date_time__gteq=%s, sort date_time__desc', async (flags, sent) => {
    const seen = serve('events', () => ({ results: [] }));
    const result = await run(['report', 'failed-fixity', ...flags, '--quiet', '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([]);
    expect(seen).toHaveLength(1);
    expect(Object.fromEntries(seen[0].query)).toMatchObject({ event_type: 'fixity check', outcome: 'Failure', date_time__gteq: sent });
    expect(seen[0].query.getAll('sort')).toEqual(['date_time__desc', 'id__asc']);
  });
});

describe('date filters: name=30d, today, yesterday', () => {
  it.each([
    ['date_time__gteq=30d', 'date_time__gteq', '2026-11-01T12:00:00Z'],
    ['date_time__lteq=yesterday', 'date_time__lteq', '2026-11-30T00:00:00Z'],
    ['date_time__gteq=1.5d', 'date_time__gteq', '2026-11-30T00:00:00Z'],
    ['date_time__gteq=2024-05-01T12:00:00+05:00', 'date_time__gteq', '2024-05-01T07:00:00Z'],
  ])('list events %s', async (filter, name, sent) => {
    const seen = serve('events', () => ({ results: [] }));
    const result = await run(['list', 'events', filter, '--format', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0].query.get(name)).toBe(sent);
  });

  it('only date filters: a bag named 30d or today is sent as typed', async () => {
    const seen = serve('items', () => ({ results: [] }));
    const result = await run(['list', 'items', 'name=30d', 'etag=today', 'date_processed__gteq=today']);
    expect(result.code, result.stderr).toBe(0);
    expect(Object.fromEntries(seen[0].query)).toMatchObject({ name: '30d', etag: 'today', date_processed__gteq: '2026-12-01T00:00:00Z' });
  });
});

describe('count', () => {
  it('one request, per_page=1, the number alone on stdout; --format json {"count": N}', async () => {
    const seen = serve('items', () => ({ results: [item(1, '2026-11-30T00:00:00Z', 'Failed')], count: 1234 }));
    const plain = await run(['count', 'items', 'status=Failed', 'date_processed__gteq=30d', 'sort=id__desc']);
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toBe('1234\n');
    expect(plain.stderr).toBe(''); // filtered by status and a date: counted live, no note
    expect(seen).toHaveLength(1);
    expect(Object.fromEntries(seen[0].query)).toEqual({
      status: 'Failed',
      date_processed__gteq: '2026-11-01T12:00:00Z',
      per_page: '1',
    });
    const json = await run(['count', 'workitem', 'status=Failed', '--format', 'json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ count: 1234 });
  });

  it.each([
    [['count', 'files'], true],
    [['count', 'files', 'state=A'], true],
    [['count', 'items', 'action=Ingest'], true],
    [['count', 'events', 'event_type=fixity check', 'outcome=Failure'], true],
    [['count', 'files', 'state=A', 'size__gteq=1000'], false],
    [['count', 'items', 'action__in=Ingest'], false],
    [['count', 'checksums'], false],
  ])('%j: a note that the count can be out of date: %s', async (args, stale) => {
    serve(args[1], () => ({ results: [], count: 18 }));
    const result = await run(args);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('18\n');
    if (stale) expect(result.stderr).toMatch(/^aptrust-registry: note: .*can be out of date/);
    else expect(result.stderr).toBe('');
    const quiet = await run([...args, '-q']);
    expect(quiet.stderr).toBe('');
  });
});

describe('bad dates: exit 2 naming the flag or filter, before any request', () => {
  it.each([
    [['list', 'events', 'date_time__gteq=-30d'], 'date_time__gteq', 'without the minus'],
    [['list', 'events', 'date_time__gteq=30x'], 'date_time__gteq', 'a time ago such as 30d'],
    [['list', 'events', 'date_time__gteq=tomorrow'], 'date_time__gteq', 'a time ago such as 30d'],
    [['list', 'items', 'date_processed__lteq=2024-02-30'], 'date_processed__lteq', 'a real date'],
    [['count', 'items', 'bag_date__gteq=3 months'], 'bag_date__gteq', 'a time ago such as 30d'],
    [['count', 'items', 'page=2'], 'page=', 'count reads no pages'],
    [['report', 'failed-fixity', '--since', '3mo'], '--since', 'a time ago such as 30d'],
    [['report', 'failed-fixity', '--since', '9999999d'], '--since', 'years 0001 to 9999'],
    [['report', 'in-process', '--since', '7d', '--days', '7'], '--days', 'cannot be used with'],
    [['report', 'not-checked-since'], '--days N or --since WHEN', 'needs'],
    [['wait-ingest', '--name', 'x.tar', '--since', '2024'], '--since', 'a bare number is not a date'],
    [['wait-ingest', '--name', 'x.tar', '--since', '0ms'], '--since', 'more than zero'],
  ])('%j', async (args, names, says) => {
    // No interceptor: any request would fail with a network error (exit 5), not a usage error.
    const result = await run(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(names);
    expect(result.stderr).toContain(says);
    expect(result.stdout).toBe('');
  });
});
