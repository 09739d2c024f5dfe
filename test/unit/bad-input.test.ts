// Bad input is refused with a clear error before anything is sent (errata §3.1: the server would
// answer 500, or ignore the value and return unfiltered results).
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index.js';
import { setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

// No interceptor is registered: any request would fail with a nock "no match" NetworkError,
// so an InvalidInputError proves that nothing was sent.
const client = testClient();
const bad = (params: unknown) => client.workItems.list(params as never);

describe('list() refuses', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'an unknown filter, with a suggestion',
      { node__is_not_null: true },
      /unknown filter "node__is_not_null" for items \(did you mean "node__not_null"\?\)/,
    ],
    ['a filter the spec has but the server breaks on', { user: 'system@aptrust.org' }, /unknown filter "user"/],
    ['a cache-buster', { _: 123 }, /unknown filter "_"/],
    ['a wrong type for an integer filter', { size__gteq: 'big' }, /size__gteq must be an integer, got string "big"/],
    ['a wrong type for a boolean filter', { retry: 'yes' }, /retry must be true or false/],
    ["a value outside the server's enum", { status: 'failed' }, /status must be one of .*"Failed".*got "failed"/],
    ['an unparsable date', { bag_date__gteq: 'last tuesday' }, /bag_date__gteq must be a Date or an ISO 8601 date/],
    ['an invalid Date', { bag_date__gteq: new Date('nope') }, /bag_date__gteq must be a Date/],
    ['an empty value (the server would ignore it)', { name: '' }, /name is empty/],
    ['null', { name: null }, /name is null/],
    [
      'an array on a filter that is not __in',
      { status: ['Failed', 'Cancelled'] },
      /status takes one value; only __in filters take several/,
    ],
    ['an empty __in list', { status__in: [] }, /status__in is an empty list/],
    ['a bad value inside __in', { status__in: ['Failed', 'Broken'] }, /status__in must be one of/],
    ['per_page 0 (the server would return every row)', { per_page: 0 }, /per_page must be at least 1/],
    ['per_page -5', { per_page: -5 }, /per_page must be at least 1/],
    [
      'per_page over 1000 (the server skips rows)',
      { per_page: 1001 },
      /per_page must be at most 1000: the Registry caps pages at 1000 after computing the offset/,
    ],
    ['page 0', { page: 0 }, /page must be at least 1/],
    [
      'a sort the server cannot run',
      { sort: 'identifier__asc' },
      /sort string "identifier__asc" is not a sort the Registry can run for items/,
    ],
    ['a sort on a column the view does not have (the server answers 500)', { sort: 'identifier__asc' }, /sort string "identifier__asc"/],
    ['params that are not an object', 'status=Failed', /params must be an object/],
  ];
  for (const [what, params, message] of cases) {
    it(what, async () => {
      const error = await bad(params).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(message);
    });
  }

  it('the deletions stage/status filters (500 on the server) are not accepted', async () => {
    await expect(client.deletionRequests.list({ stage: 'Requested' } as never)).rejects.toThrow(/unknown filter "stage" for deletions/);
  });
});

describe('get() refuses', () => {
  const cases: [string, () => Promise<unknown>, RegExp][] = [
    [
      'a non-numeric id on a numeric route',
      () => client.workItems.get('abc' as never),
      /work item id must be a positive integer, got "abc"/,
    ],
    ['id 0', () => client.checksums.get(0), /checksum id must be a positive integer/],
    ['a negative id', () => client.deletionRequests.get(-3), /positive integer/],
    ['a fractional id', () => client.workItems.get(1.5), /positive integer/],
    ['an empty identifier', () => client.files.get(''), /file id or identifier must be a positive integer id or a non-empty identifier/],
    ['an identifier of ".."', () => client.objects.get('..'), /cannot be sent as a path segment/],
    ['a bad alert user id', () => client.alerts.get(1, 0), /user id must be a positive integer/],
  ];
  for (const [what, call, message] of cases) {
    it(what, async () => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(message);
    });
  }
});

describe('all() refuses', () => {
  it('page (it pages itself) and bad filters, at once and synchronously, before anything is loaded or sent', () => {
    expect(() => client.workItems.all({ page: 2 })).toThrow(/do not pass page/);
    expect(() => client.workItems.all({ bogus: 1 } as never)).toThrow(/unknown filter "bogus"/);
    expect(() => client.workItems.all({ bogus: 1 } as never)).toThrow(InvalidInputError);
    expect(() => client.files.all({ storage_option__in: ['Nowhere'] } as never)).toThrow(/storage_option__in must be one of/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
