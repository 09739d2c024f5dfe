// Params, options and bodies of the wrong shape. Only a plain object's own enumerable keys are
// filters (a Map or URLSearchParams is refused, not read as "no filters"; "constructor" is an
// unknown filter, not a prototype property), and every failure is a RegistryError: a BigInt value,
// a bogus environment name, a list with a non-record in its results, a get() body that is not a record.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, InvalidInputError, RegistryError, ServerError, createClient } from '../../src/index.js';
import { envelope, registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

function watch() {
  const hits: string[] = [];
  registry()
    .get(/.*/)
    .times(100)
    .reply((uri) => {
      hits.push(uri);
      return [200, envelope([{ id: 1 }])];
    });
  return hits;
}

async function failure(call: () => Promise<unknown>): Promise<unknown> {
  return call().then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** The error of a crawl: thrown by all() itself (bad input, synchronously) or while iterating. */
async function drain(crawl: () => AsyncIterable<unknown>): Promise<unknown> {
  try {
    for await (const record of crawl()) void record;
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('params that are not a plain object of filters', () => {
  it.each([
    ['a Map', new Map([['status', 'Failed']]), /must be an object of filters \(a plain object\), got a Map/],
    ['URLSearchParams', new URLSearchParams('status=Failed'), /must be an object of filters \(a plain object\), got a URLSearchParams/],
    ['a class instance', new (class Filters {})(), /must be an object of filters \(a plain object\), got a Filters/],
    ['a string', 'status=Failed', /must be an object of filters \(a plain object\)/],
    ['an array', [['status', 'Failed']], /must be an object of filters \(a plain object\)/],
  ])('%s is refused by list() and all(), nothing sent', async (_what, params, message) => {
    const hits = watch();
    const client = testClient();
    const listed = await failure(() => client.workItems.list(params as never));
    expect(listed).toBeInstanceOf(InvalidInputError);
    expect((listed as Error).message).toMatch(message);
    const crawled = await drain(() => client.workItems.all(params as never));
    expect(crawled).toBeInstanceOf(InvalidInputError);
    expect((crawled as Error).message).toMatch(message);
    expect(hits).toEqual([]);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'an own key named %s is an unknown filter, not a prototype property',
    async (name) => {
      const hits = watch();
      const params = JSON.parse(`{${JSON.stringify(name)}: "x"}`) as Record<string, unknown>;
      const listed = await failure(() => testClient().workItems.list(params as never));
      expect(listed).toBeInstanceOf(InvalidInputError);
      expect((listed as Error).message).toContain(`unknown filter "${name}" for items`);
      expect(await drain(() => testClient().workItems.all(params as never))).toBeInstanceOf(InvalidInputError);
      expect(hits).toEqual([]);
    },
  );

  it('an object without a prototype is a plain object', async () => {
    const hits = watch();
    const params = Object.assign(Object.create(null) as object, { status: 'Failed' });
    await testClient().workItems.list(params as never);
    expect(new URL(hits[0], 'https://x').searchParams.get('status')).toBe('Failed');
  });
});

describe('values that cannot be serialised', () => {
  it.each([
    ['a BigInt', { institution_id: 5n }, /institution_id must be an integer, got bigint 5n/],
    ['a BigInt in a string filter', { name: 5n }, /name must be a string, got bigint 5n/],
    ['a BigInt in an __in list', { status__in: [5n] }, /status__in must be a string, got bigint 5n/],
    ['a symbol', { name: Symbol('x') }, /name must be a string, got symbol/],
    ['a BigInt per_page', { per_page: 5n }, /per_page must be an integer, got bigint 5n/],
    ['a symbol per_page', { per_page: Symbol('x') }, /per_page must be an integer, got symbol/],
    ['a BigInt sort', { sort: 5n }, /sort bigint 5n is not a sort/],
  ])('%s is an InvalidInputError, for list() and all()', async (_what, params, message) => {
    const hits = watch();
    const listed = await failure(() => testClient().workItems.list(params as never));
    expect(listed).toBeInstanceOf(InvalidInputError);
    expect((listed as Error).message).toMatch(message);
    const crawled = await drain(() => testClient().workItems.all(params as never));
    expect(crawled).toBeInstanceOf(InvalidInputError);
    expect(hits).toEqual([]);
  });

  it('a BigInt or a symbol id is an InvalidInputError', async () => {
    const hits = watch();
    for (const call of [
      () => testClient().workItems.get(5n as never),
      () => testClient().files.get(5n as never),
      () => testClient().objects.get(Symbol('x') as never),
      () => testClient().alerts.get(1, 5n as never),
    ]) {
      expect(await failure(call)).toBeInstanceOf(InvalidInputError);
    }
    expect(hits).toEqual([]);
  });
});

describe('createClient options', () => {
  const base = { user: 'me@example.edu', apiKey: 'k', env: {} };
  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'staging'])(
    'environment "%s" is a ConfigurationError',
    (environment) => {
      expect(() => createClient({ ...base, environment: environment as never })).toThrow(ConfigurationError);
      expect(() => createClient({ ...base, environment: environment as never })).toThrow(/Unknown environment/);
    },
  );

  it('a baseUrl, user or apiKey that is not a string is a ConfigurationError (the key is never shown)', () => {
    expect(() => createClient({ ...base, baseUrl: 42 as never })).toThrow(ConfigurationError);
    expect(() => createClient({ ...base, environment: 'demo', user: 42 as never })).toThrow(ConfigurationError);
    expect(() => createClient({ ...base, environment: 'demo', apiKey: 987654321 as never })).toThrow(
      /apiKey must be a string, got number\.$/,
    );
  });
});

describe('bodies that are not records', () => {
  it.each([
    ['null', [{ id: 1 }, null]],
    ['a number', [{ id: 1 }, 42]],
    ['a string', ['x']],
    ['an array', [[{ id: 1 }]]],
  ])('a list whose results hold %s is a bad_response (list() and all())', async (_what, results) => {
    registry()
      .get(/\/member-api\/v3\/items/)
      .times(2)
      .reply(200, { count: 2, next: '', previous: '', results });
    const listed = await failure(() => testClient({ maxAttempts: 1 }).workItems.list());
    expect(listed).toBeInstanceOf(ServerError);
    expect(listed).toMatchObject({ code: 'bad_response' });
    expect((listed as Error).message).toMatch(/results\[\d\] where a record/);
    const crawled = await drain(() => testClient({ maxAttempts: 1 }).workItems.all());
    expect(crawled).toBeInstanceOf(RegistryError);
    expect(crawled).toMatchObject({ code: 'bad_response' });
  });

  it.each([
    ['null', 'null'],
    ['42', '42'],
    ['a string', '"x"'],
    ['an array', '[{"id":1}]'],
  ])('a get() body of %s is a bad_response, for every resource', async (_what, body) => {
    registry()
      .get(/\/show\//)
      .times(7)
      .reply(200, body, { 'Content-Type': 'application/json' });
    const client = testClient({ maxAttempts: 1 });
    for (const call of [
      () => client.workItems.get(1),
      () => client.checksums.get(1),
      () => client.deletionRequests.get(1),
      () => client.files.get(1),
      () => client.objects.get('inst/bag'),
      () => client.events.get(1),
      () => client.alerts.get(1, 1),
    ]) {
      const error = await failure(call);
      expect(error).toBeInstanceOf(ServerError);
      expect(error).toMatchObject({ code: 'bad_response' });
      expect((error as Error).message).toMatch(/not a record/);
    }
  });
});
