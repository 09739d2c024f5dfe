// All 14 member routes through the real generated layer: method, path, encoding, repeated keys,
// both auth headers, the User-Agent, and the envelope the server really sends (errata §1.1, §2.1).
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import workItem from '../fixtures/work-item.json' with { type: 'json' };
import fileShow from '../fixtures/generic-file-show.json' with { type: 'json' };
import { API_KEY, ORIGIN, USER, envelope, registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

/** Replies to one GET and records the raw path+query and headers it saw. */
function capture(reply: unknown, status = 200) {
  const seen: { path: string; headers: Record<string, string | string[]> } = { path: '', headers: {} };
  registry()
    .get(() => true)
    .reply(function (uri) {
      seen.path = uri;
      seen.headers = this.req.headers;
      return [status, JSON.stringify(reply), { 'Content-Type': 'application/json; charset=utf-8' }];
    });
  return seen;
}

describe('list routes', () => {
  const client = testClient();
  const cases = [
    ['alerts', () => client.alerts.list(), '/member-api/v3/alerts'],
    ['checksums', () => client.checksums.list(), '/member-api/v3/checksums'],
    ['deletions', () => client.deletionRequests.list(), '/member-api/v3/deletions'],
    ['files', () => client.files.list(), '/member-api/v3/files'],
    ['objects', () => client.objects.list(), '/member-api/v3/objects'],
    ['events', () => client.events.list(), '/member-api/v3/events'],
    ['items', () => client.workItems.list(), '/member-api/v3/items'],
  ] as const;
  for (const [name, call, path] of cases) {
    it(`${name}: GET ${path} with both headers, parsing { count, next, previous, results }`, async () => {
      const seen = capture(envelope([workItem], 41, '/member-api/v3/x?page=2&per_page=20', ''));
      const page = await call();
      expect(seen.path).toBe(path);
      expect(seen.headers['x-pharos-api-user']).toBe(USER);
      expect(seen.headers['x-pharos-api-key']).toBe(API_KEY);
      expect(String(seen.headers['user-agent'])).toMatch(/^aptrust-registry-client\/\d+\.\d+\.\d+/);
      expect(page).toEqual({ count: 41, next: '/member-api/v3/x?page=2&per_page=20', previous: '', results: [workItem] });
    });
  }
});

describe('show routes', () => {
  const client = testClient();
  it('numeric routes put the id in the path', async () => {
    const paths: string[] = [];
    for (const call of [
      () => client.checksums.get(7),
      () => client.deletionRequests.get(8),
      () => client.workItems.get(9),
      () => client.alerts.get(3, 12),
      () => client.files.get(10),
      () => client.objects.get(11),
      () => client.events.get(13),
    ]) {
      const seen = capture(workItem);
      await expect(call()).resolves.toMatchObject(workItem);
      paths.push(seen.path);
    }
    expect(paths).toEqual([
      '/member-api/v3/checksums/show/7',
      '/member-api/v3/deletions/show/8',
      '/member-api/v3/items/show/9',
      '/member-api/v3/alerts/show/3/12',
      '/member-api/v3/files/show/10',
      '/member-api/v3/objects/show/11',
      '/member-api/v3/events/show/13',
    ]);
  });

  it('a digit string id on a numeric route is the same id', async () => {
    const seen = capture(workItem);
    await client.workItems.get('42' as unknown as number);
    expect(seen.path).toBe('/member-api/v3/items/show/42');
  });

  const awkward = [
    'institution2.edu/toads/Prakash_ 39 Harv. J.L. & Pub. Pol’y 341 .pdf',
    'institution1.edu/bag?name=x#frag/data/100% done.txt',
    'institution1.edu/"quoted" `tick` \'single\'/日本語/é.xml',
    'institution1.edu/a+b=c;d,e@f$g!h*(i)/~j',
  ];
  for (const identifier of awkward) {
    it(`files.get(${JSON.stringify(identifier)}) sends one percent-encoded segment the server decodes back exactly`, async () => {
      const seen = capture(fileShow);
      const file = await client.files.get(identifier);
      expect(seen.path.startsWith('/member-api/v3/files/show/')).toBe(true);
      const segment = seen.path.slice('/member-api/v3/files/show/'.length);
      expect(segment).not.toMatch(/[/?# ]/);
      expect(decodeURIComponent(segment)).toBe(identifier);
      // files/show sends empty relations as null; the client hands out the arrays its type promises.
      expect(file.premis_events).toEqual([]);
      expect(file.checksums).toEqual([]);
    });
  }

  it('objects and events take identifiers too (errata §5.1)', async () => {
    let seen = capture(workItem);
    await client.objects.get('institution1.edu/my bag');
    expect(seen.path).toBe('/member-api/v3/objects/show/institution1.edu%2Fmy%20bag');
    seen = capture(workItem);
    await client.events.get('6e9e665a-4f7e-41f4-9594-d511f9fc1edf');
    expect(seen.path).toBe('/member-api/v3/events/show/6e9e665a-4f7e-41f4-9594-d511f9fc1edf');
  });
});

describe('query encoding', () => {
  const client = testClient();
  it('__in filters go out as repeated keys, never a comma list (errata §3.1)', async () => {
    const seen = capture(envelope([]));
    await client.workItems.list({ status__in: ['Failed', 'Cancelled'], action__in: ['Ingest'] });
    const query = new URL(seen.path, ORIGIN).searchParams;
    expect(query.getAll('status__in')).toEqual(['Failed', 'Cancelled']);
    expect(query.getAll('action__in')).toEqual(['Ingest']);
    expect(seen.path).not.toContain('%2C');
  });

  it('Dates go out as UTC ISO 8601; date strings with offsets are converted to UTC, at the precision given', async () => {
    const seen = capture(envelope([]));
    await client.files.list({
      updated_at__gteq: new Date(Date.UTC(2024, 4, 1, 12, 0, 0)),
      created_at__lteq: '2024-05-01T12:00:00-05:00',
      last_fixity_check__gteq: '2024-05-01',
    });
    const query = new URL(seen.path, ORIGIN).searchParams;
    expect(query.get('updated_at__gteq')).toBe('2024-05-01T12:00:00.000Z');
    // The server would drop the offset and read 12:00 as UTC; we send the instant the caller meant.
    expect(query.get('created_at__lteq')).toBe('2024-05-01T17:00:00Z');
    expect(query.get('last_fixity_check__gteq')).toBe('2024-05-01');
  });

  it("a record's own microsecond timestamp goes back out digit for digit, so __lteq still includes that record", async () => {
    const seen = capture(envelope([]));
    await client.workItems.list({
      date_processed__lteq: '2024-03-01T12:00:00.123456Z',
      bag_date__gteq: '2024-03-01T23:30:00.000001-05:30',
    });
    const query = new URL(seen.path, ORIGIN).searchParams;
    expect(query.get('date_processed__lteq')).toBe('2024-03-01T12:00:00.123456Z');
    expect(query.get('bag_date__gteq')).toBe('2024-03-02T05:00:00.000001Z');
  });

  it('an impossible calendar date is refused before sending', async () => {
    await expect(client.files.list({ created_at__gteq: '2024-02-30' })).rejects.toThrow(
      /created_at__gteq must be a Date or an ISO 8601 date/,
    );
  });

  it('sort is repeatable, and booleans and integers are sent as the server reads them', async () => {
    const seen = capture(envelope([]));
    await client.workItems.list({
      sort: ['status__asc', 'id__asc'],
      retry: false,
      size__gteq: 10,
      node__not_null: true,
      per_page: 50,
      page: 2,
    });
    const query = new URL(seen.path, ORIGIN).searchParams;
    expect(query.getAll('sort')).toEqual(['status__asc', 'id__asc']);
    expect(query.get('retry')).toBe('false');
    expect(query.get('size__gteq')).toBe('10');
    expect(query.get('node__not_null')).toBe('true');
    expect(query.get('per_page')).toBe('50');
    expect(query.get('page')).toBe('2');
  });
});

beforeAll(() => {
  nock.disableNetConnect();
});
