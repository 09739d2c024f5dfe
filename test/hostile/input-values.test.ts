// Values the server cannot take are refused before anything is sent, naming the problem:
// impossible or out-of-range dates (the server stores years 0001-9999), integers beyond the
// column's PostgreSQL type (integer: 32 bits; bigint: 64, and we stop at 2^53 - 1), ids beyond
// the id column, text with a lone surrogate (cannot be encoded) or a NUL (cannot be stored).
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/index.js';
import type { FilterTable } from '../../src/params.js';
import { alertFilters } from '../../src/resources/alerts.js';
import { checksumFilters } from '../../src/resources/checksums.js';
import { deletionRequestFilters } from '../../src/resources/deletion-requests.js';
import { genericFileFilters } from '../../src/resources/generic-files.js';
import { intellectualObjectFilters } from '../../src/resources/intellectual-objects.js';
import { premisEventFilters } from '../../src/resources/premis-events.js';
import { workItemFilters } from '../../src/resources/work-items.js';
import { pgNumberType } from '../../src/sandbox/query/pg-types.js';
import type { ResourceName } from '../../src/sandbox/data/table.js';
import { envelope, registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

/** Any request at all is a failure of the test: counted, and answered so nothing retries. */
function watch() {
  const hits: string[] = [];
  registry()
    .get(/.*/)
    .times(100)
    .reply((uri) => {
      hits.push(uri);
      return [200, /\/show\//.test(uri) ? { id: 1 } : envelope([])];
    });
  return hits;
}

async function refused(call: () => Promise<unknown>, message: RegExp): Promise<void> {
  const error = await call().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).toMatch(message);
}

describe('dates', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-04-31', '2024-13-01', '2024-02-30T12:00:00Z'])(
    '%s does not roll over: refused',
    async (text) => {
      const hits = watch();
      await refused(
        () => testClient().workItems.list({ date_processed__gteq: text }),
        /date_processed__gteq must be a Date or an ISO 8601 date/,
      );
      expect(hits).toEqual([]);
    },
  );

  it.each([
    ['0000-01-01', /years 0001 to 9999/],
    ['0000-12-31T23:59:59Z', /years 0001 to 9999/],
    ['0001-01-01T00:30:00+01:00', /years 0001 to 9999/], // 0000-12-31T23:30Z
    ['9999-12-31T23:30:00-01:00', /years 0001 to 9999/], // 10000-01-01T00:30Z
    ['-0001-01-01', /ISO 8601/],
    ['+10000-01-01', /ISO 8601/],
    ['10000-01-01', /ISO 8601/],
  ])('year out of range, %s: refused', async (text, message) => {
    const hits = watch();
    await refused(() => testClient().events.list({ date_time__gteq: text }), message);
    expect(hits).toEqual([]);
  });

  it.each([new Date(Date.UTC(10_000, 0, 1)), new Date('0000-06-01T00:00:00Z'), new Date(-1e15), new Date(8.64e15)])(
    'a Date in a year the server cannot store (%s): refused',
    async (date) => {
      const hits = watch();
      await refused(() => testClient().events.list({ date_time__lteq: date }), /years 0001 to 9999/);
      expect(hits).toEqual([]);
    },
  );

  it('the edges of the range are sent, and years 0001-0099 are not taken for 1901-1999', async () => {
    const hits = watch();
    const client = testClient();
    await client.events.list({ date_time__gteq: '0001-01-01', date_time__lteq: '9999-12-31T23:59:59.999999Z' });
    await client.events.list({ date_time__gteq: '0050-02-28T12:00:00+01:00' });
    await client.events.list({ date_time__gteq: new Date('0001-01-01T00:00:00Z') });
    const queries = hits.map((uri) => Object.fromEntries(new URL(uri, 'https://x').searchParams));
    expect(queries[0]).toMatchObject({ date_time__gteq: '0001-01-01', date_time__lteq: '9999-12-31T23:59:59.999999Z' });
    expect(queries[1]).toMatchObject({ date_time__gteq: '0050-02-28T11:00:00Z' });
    expect(queries[2]).toMatchObject({ date_time__gteq: '0001-01-01T00:00:00.000Z' });
  });
});

describe('integers and the server column types', () => {
  it('intellectual_object_id: 9007199254740991 (an integer column) is refused, not sent for a 500', async () => {
    const hits = watch();
    await refused(
      () => testClient().files.list({ intellectual_object_id: 9007199254740991 }),
      /intellectual_object_id must be from -2147483648 to 2147483647/,
    );
    await refused(() => testClient().workItems.list({ institution_id: 2 ** 31 }), /institution_id must be from/);
    await refused(() => testClient().workItems.list({ institution_id: '-2147483649' } as never), /institution_id must be from/);
    await refused(() => testClient().workItems.list({ size__gteq: 2 ** 53 }), /size__gteq must be a safe integer/);
    await refused(() => testClient().workItems.list({ institution_id: 1e300 }), /must be a safe integer/);
    expect(hits).toEqual([]);
  });

  it('the edges are sent: 2^31 - 1 and -2^31 for integer columns, 2^53 - 1 for bigint ones', async () => {
    const hits = watch();
    const client = testClient();
    await client.workItems.list({ institution_id: 2 ** 31 - 1, intellectual_object_id: -(2 ** 31) });
    await client.files.list({ size__gteq: Number.MAX_SAFE_INTEGER });
    await client.objects.list({ file_count__gteq: 2 ** 40, size__lteq: 2 ** 45 });
    await client.workItems.list({ size__lteq: 2 ** 33 });
    expect(hits).toHaveLength(4);
  });

  it("every integer filter's range is its server column's type (src/sandbox/query/pg-types.ts)", () => {
    const tables: Record<ResourceName, FilterTable> = {
      alerts: alertFilters,
      checksums: checksumFilters,
      deletions: deletionRequestFilters,
      files: genericFileFilters,
      objects: intellectualObjectFilters,
      events: premisEventFilters,
      items: workItemFilters,
    };
    for (const [resource, filters] of Object.entries(tables) as [ResourceName, FilterTable][]) {
      for (const [name, kind] of Object.entries(filters)) {
        if (kind !== 'int' && kind !== 'int64') continue;
        const column = name.replace(/__(gteq|lteq)$/, '');
        expect(`${resource}.${name}: ${kind}`).toBe(
          `${resource}.${name}: ${pgNumberType(resource, column) === 'integer' ? 'int' : 'int64'}`,
        );
      }
    }
  });

  it('get(): ids beyond the id column are refused (integer ids; alerts and deletions are bigint)', async () => {
    const hits = watch();
    const client = testClient();
    await refused(() => client.workItems.get(2 ** 31), /work item id must be at most 2147483647/);
    await refused(() => client.workItems.get('99999999999' as never), /at most 2147483647/);
    await refused(() => client.checksums.get(9007199254740991), /at most 2147483647/);
    await refused(() => client.files.get(2 ** 31), /at most 2147483647/);
    await refused(() => client.objects.get(2 ** 31), /at most 2147483647/);
    await refused(() => client.events.get(2 ** 31), /at most 2147483647/);
    await refused(() => client.alerts.get(1, 2 ** 31), /user id must be at most 2147483647/);
    await refused(() => client.deletionRequests.get(2 ** 53), /positive integer at most 9007199254740991/);
    expect(hits).toEqual([]);
    await client.deletionRequests.get(2 ** 31);
    await client.alerts.get(2 ** 40, 5);
    await client.workItems.get(2 ** 31 - 1);
    expect(hits).toHaveLength(3);
  });
});

describe('text the server cannot take', () => {
  it('a lone surrogate in an identifier or a filter value is refused before sending (not a retried NetworkError)', async () => {
    const hits = watch();
    const client = testClient({ maxAttempts: 4 });
    await refused(() => client.files.get('\uD800'), /lone UTF-16 surrogate/);
    await refused(() => client.objects.get('inst/bag\uDFFF'), /lone UTF-16 surrogate/);
    await refused(() => client.workItems.list({ name: 'bag\uD800.tar' }), /name contains a lone UTF-16 surrogate/);
    expect(hits).toEqual([]);
    await client.files.get('inst/bag/data/\uD83D\uDE00.txt'); // a well-formed pair is fine
    expect(hits).toHaveLength(1);
  });

  it('a NUL character in a filter value or identifier is refused', async () => {
    const hits = watch();
    await refused(() => testClient().workItems.list({ name: 'bag\u0000.tar' }), /NUL/);
    await refused(() => testClient().files.get('inst/bag\u0000'), /NUL/);
    expect(hits).toEqual([]);
  });
});
