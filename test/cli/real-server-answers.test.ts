// What the real Registry answers and the sandbox may not: an empty list is `"results": null`
// (a filter that matches nothing, a page past the end), and `count` can be stale (16 for 17 rows
// on a fresh server; 18 while 200,000 rows existed). Run against a loopback stand-in that answers
// exactly so (./stand-in-registry.ts), with the CLI run in-process (./in-process.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIELDS } from '../../src/cli/fields.js';
import { csvRecords, parseNdjson } from './helpers.js';
import { runInProcess } from './in-process.js';
import { envelope, startStandIn, workItems } from './stand-in-registry.js';
import type { StandIn, StandInRecord } from './stand-in-registry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ITEM = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'work-item.json'), 'utf8')) as StandInRecord;
const files = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, identifier: `institution1.edu/photos/data/${i + 1}.jpg` }));

let empty: StandIn; // every list empty
let fourItems: StandIn; // 4 items: per_page=2 makes the third page empty
let staleCounts: StandIn; // 20 files that count says are 18; 17 items that count says are 16; 5 events it says are 9

beforeAll(async () => {
  [empty, fourItems, staleCounts] = await Promise.all([
    startStandIn(),
    startStandIn({ records: { items: workItems(4, ITEM) } }),
    startStandIn({
      records: { files: files(20), items: workItems(17, ITEM), events: files(5) },
      counts: { files: 18, items: 16, events: 9 },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([empty, fourItems, staleCounts].map((s) => s?.stop()));
});

describe.concurrent('an empty answer ("results": null)', () => {
  it('list items status=Failed --format json: the envelope with no results, and exit 0', async () => {
    const result = await runInProcess(['list', 'items', 'status=Failed', '--format', 'json'], { env: empty.env });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ count: 0, next: '', previous: '', results: [] });
    expect(result.stderr).toBe('');
  });

  it('ndjson: no lines, nothing on stderr', async () => {
    const result = await runInProcess(['list', 'items', 'status=Failed'], { env: empty.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
  });

  it('csv: the header line alone', async () => {
    const result = await runInProcess(['list', 'items', 'status=Failed', '--format', 'csv'], { env: empty.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${FIELDS.workItem.join(',')}\n`);
    expect(csvRecords(result.stdout).records).toEqual([]);
  });

  it('table: nothing on stdout, a "no items found" note on stderr (none with --quiet)', async () => {
    const result = await runInProcess(['list', 'items', 'status=Failed', '--format', 'table'], { env: empty.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('aptrust-registry: note: no items found\n');
    const quiet = await runInProcess(['list', 'items', 'status=Failed', '--format', 'table', '-q'], { env: empty.env });
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).toBe('');
  });

  it('a page past the end says which page was empty', async () => {
    const result = await runInProcess(['list', 'items', 'page=999', '--format', 'table'], { env: fourItems.env });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('aptrust-registry: note: no items on page 999\n');
  });

  it.each(['json', 'ndjson', 'csv', 'table'])('list items --all with nothing to list: exit 0 (%s)', async (format) => {
    const result = await runInProcess(['list', 'items', 'status=Failed', '--all', '--format', format], { env: empty.env });
    expect(result.code, result.stderr).toBe(0);
    if (format === 'json') expect(JSON.parse(result.stdout)).toEqual([]);
    if (format === 'table') expect(result.stderr).toContain('note: no items found');
  });

  it.each([
    ['problems', 'items'],
    ['failed-fixity', 'events'],
  ])('report %s with nothing wrong: exit 0, [] in json, a note in a table', async (name, route) => {
    const own = await startStandIn(); // its own, so the requests seen are this report's alone
    try {
      const json = await runInProcess(['report', name, '--format', 'json'], { env: own.env });
      expect(json.code, json.stderr).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual([]);
      expect(json.stderr).toMatch(new RegExp(`^aptrust-registry: ${name}: 0 records in \\d+s.*\\n$`)); // the summary for CI logs
      expect(own.requests.length).toBeGreaterThan(0);
      expect(own.requests.every((r) => r.route === route)).toBe(true);
    } finally {
      await own.stop();
    }
    const ndjson = await runInProcess(['report', name], { env: empty.env });
    expect(ndjson.code, ndjson.stderr).toBe(0);
    expect(ndjson.stdout).toBe('');
    const table = await runInProcess(['report', name, '--format', 'table'], { env: empty.env });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stderr).toMatch(new RegExp(`^aptrust-registry: ${name}: 0 records in \\d+s.*\\n`));
    expect(table.stderr).toMatch(
      new RegExp(`\\naptrust-registry: note: ${name}: nothing to report \\(no ${route} found with \\w+ on or after [\\dT:.Z-]+\\)\\n$`),
    );
  });
});

describe.concurrent('--all when the total is an exact multiple of per_page (the last page is "results": null)', () => {
  it('json: every record once, valid JSON, exit 0', async () => {
    const own = await startStandIn({ records: { items: workItems(4, ITEM) } }); // its own, to see its requests alone
    try {
      const result = await runInProcess(
        // --quiet: no count request for the progress lines, so these are the crawl's requests alone.
        ['list', 'items', '--all', '--paging', 'offset', 'per_page=2', '--concurrency', '1', '--format', 'json', '--quiet'],
        {
          env: own.env,
        },
      );
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual(workItems(4, ITEM));
      // Pages 1 and 2 are full, so page 3 is asked for; its null ends the crawl.
      expect(own.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    } finally {
      await own.stop();
    }
  });

  it('ndjson and csv too', async () => {
    const ndjson = await runInProcess(['list', 'items', '--all', 'per_page=2'], { env: fourItems.env });
    expect(ndjson.code, ndjson.stderr).toBe(0);
    expect(parseNdjson(ndjson.stdout).map((r) => r.id)).toEqual([1, 2, 3, 4]);
    const csv = await runInProcess(['list', 'workitem', '--all', 'per_page=2', '--format', 'csv', '--fields', 'id,name'], {
      env: fourItems.env,
    });
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toBe('id,name\n1,bag_1.tar\n2,bag_2.tar\n3,bag_3.tar\n4,bag_4.tar\n');
  });
});

describe.concurrent('counts are hints: a full page says more may follow, whatever count says', () => {
  it('20 files, count 18: 20 rows and the note', async () => {
    const result = await runInProcess(['list', 'files'], { env: staleCounts.env });
    expect(result.code, result.stderr).toBe(0);
    expect(parseNdjson(result.stdout)).toHaveLength(20);
    expect(result.stderr).toBe(
      'aptrust-registry: note: showed 20 records (page 1 is full), more may follow (the Registry counts 18, but its count can be out of date); add --all for every page\n',
    );
  });

  it('a full page of 17 items that count says are 16: the note', async () => {
    const result = await runInProcess(['list', 'items', 'per_page=17'], { env: staleCounts.env });
    expect(result.code, result.stderr).toBe(0);
    expect(parseNdjson(result.stdout)).toHaveLength(17);
    expect(result.stderr).toContain('more may follow');
  });

  it('a short page is the end, whatever count says: no note (5 events that count says are 9)', async () => {
    const result = await runInProcess(['list', 'events'], { env: staleCounts.env });
    expect(result.code, result.stderr).toBe(0);
    expect(parseNdjson(result.stdout)).toHaveLength(5);
    expect(result.stderr).toBe('');
  });

  it('--all reads past a stale count', async () => {
    const result = await runInProcess(['list', 'files', '--all', '--paging', 'offset', 'per_page=5'], { env: staleCounts.env });
    expect(result.code, result.stderr).toBe(0);
    expect(parseNdjson(result.stdout)).toHaveLength(20);
  });
});

// The stand-in must answer what the Registry answered; checked when the recordings are at hand.
const RECORDINGS = path.join(
  process.env.APTRUST_RECORDINGS_DIR ?? path.resolve(ROOT, '..', 'shared', 'registry-recordings'),
  'recordings.jsonl',
);
describe.skipIf(!existsSync(RECORDINGS))('the stand-in against the recorded Registry', () => {
  it('an empty list is byte for byte the recorded body (empty_one.items.empty)', () => {
    const line = readFileSync(RECORDINGS, 'utf8')
      .split('\n')
      .find((l) => l.includes('"id":"empty_one.items.empty"'));
    const recorded = JSON.parse(line ?? '{}') as { response: { body: unknown } };
    expect(envelope('items', [], 0, 1, 20)).toBe(JSON.stringify(recorded.response.body));
  });
});
