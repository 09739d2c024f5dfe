// The CLI path of the input checks: --since and filter values with impossible dates or years,
// ids and integer filters beyond the server's columns, all refused with exit 2 before any
// request; a list with a non-record in its results is exit 5 (a bad response), not exit 1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.js';
import { startRawServer, writeJson } from './raw-server.js';
import type { RawServer } from './raw-server.js';

let server: RawServer;
let answer: unknown = { count: 0, next: '', previous: '', results: null };

beforeAll(async () => {
  server = await startRawServer((_request, socket) => writeJson(socket, 200, answer));
});
afterAll(async () => {
  await server?.close();
});

const env = () => ({ APTRUST_REGISTRY_URL: server.url, APTRUST_REGISTRY_EMAIL: 'me@example.edu', APTRUST_REGISTRY_API_KEY: 'k' });

async function refusedBeforeSending(args: string[], message: RegExp): Promise<void> {
  const before = server.requests.length;
  const result = await runInProcess(args, { env: env() });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(server.requests.length).toBe(before);
}

describe('--since', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-04-31T10:00:00Z', '2024-02-30 12:00'])(
    'wait-ingest --since %s is refused, not rolled over',
    async (since) => {
      await refusedBeforeSending(
        ['wait-ingest', '--name', 'bag.tar', '--since', since, '--timeout', '1s'],
        /--since.*is invalid\. expected a real date/,
      );
    },
  );

  it('wait-ingest --since 0000-01-01 names the range of years', async () => {
    await refusedBeforeSending(['wait-ingest', '--name', 'bag.tar', '--since', '0000-01-01', '--timeout', '1s'], /years 0001 to 9999/);
  });

  it('report failed-fixity --since 2024-02-30 is refused', async () => {
    await refusedBeforeSending(['report', 'failed-fixity', '--since', '2024-02-30'], /--since.*expected a real date/);
  });

  it('a real date still works (leap day)', async () => {
    const result = await runInProcess(['report', 'failed-fixity', '--since', '2024-02-29', '--format', 'json'], { env: env() });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('filter values and ids', () => {
  it.each([
    [['list', 'items', 'date_processed__gteq=2024-02-30'], /date_processed__gteq="2024-02-30" is not a date: expected a real date/],
    [['list', 'events', 'date_time__lteq=0000-01-01'], /years 0001 to 9999/],
    [['list', 'files', 'intellectual_object_id=9007199254740991'], /intellectual_object_id must be from -2147483648 to 2147483647/],
    [['list', 'items', 'institution_id=2147483648'], /institution_id must be from/],
    [['list', 'files', 'size__gteq=9007199254740993'], /size__gteq must be a safe integer/],
    [['get', 'items', '2147483648'], /work item id must be at most 2147483647/],
    [['get', 'items', 'id=99999999999'], /at most 2147483647/],
    [['list', 'items', '--all', 'constructor=x'], /unknown filter "constructor"/],
    [['list', 'items', 'toString=x'], /unknown filter "toString"/],
    [['list', 'items', '__proto__=x'], /unknown filter "__proto__"/],
  ])('%j: exit 2, nothing sent', async (args, message) => {
    await refusedBeforeSending(args, message);
  });
});

describe('answers that are not records', () => {
  it('list --all of a page whose results hold null: exit 5, a bad response', async () => {
    answer = { count: 2, next: '', previous: '', results: [{ id: 1 }, null] };
    try {
      const result = await runInProcess(['list', 'items', '--all', '--format', 'ndjson', '--retries', '0'], { env: env() });
      expect(result.code, result.stderr).toBe(5);
      expect(result.stderr).toMatch(/results\[1\] where a record/);
      const one = await runInProcess(['list', 'items', '--format', 'ndjson', '--retries', '0'], { env: env() });
      expect(one.code, one.stderr).toBe(5);
    } finally {
      answer = { count: 0, next: '', previous: '', results: null };
    }
  });
});

describe('report look-backs', () => {
  // Before: --days 1e8 reached before year 1, and toISOString() threw a raw RangeError (exit 1).
  it.each([
    ['not-checked-since', '--days', '100000000'],
    ['stalled', '--hours', '1e12'],
  ])('report %s %s %s is refused as out of range', async (report, flag, value) => {
    await refusedBeforeSending(['report', report, flag, value], new RegExp(`${flag}.*expected at most`));
  });
});
