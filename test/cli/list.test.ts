// list: one page and --all, every format parsed back and compared with what the Registry holds:
// a page with the client's list(), every page with the sandbox's own rows (one raw per_page=0
// request, helpers.truth), never with the client's all(), which is what --all runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/index.js';
import type { RegistryClient, WorkItemView } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { csvCell, csvRecords, parseNdjson, sandboxEnv, truth } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let client: RegistryClient;
let env: Record<string, string>;
let allItems: WorkItemView[];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 300, workItems: 230 });
  env = sandboxEnv(sandbox);
  client = createClient({ baseUrl: sandbox.url, user: sandbox.user.email, apiKey: sandbox.user.apiKey });
  allItems = await truth<WorkItemView>(sandbox, 'items');
});
afterAll(async () => {
  client?.close();
  await sandbox?.stop();
});

// Concurrent: each test only reads, or works on its own bag, so they can share the sandbox.
describe.concurrent('list', () => {
  it('one page by default, ndjson when stdout is not a terminal, with a note that there is more', async () => {
    // sort=id__asc: the default order (updated_at) has ties the server breaks at random.
    const result = await runInProcess(['list', 'items', 'sort=id__asc'], { env });
    expect(result.code, result.stderr).toBe(0);
    const page = await client.workItems.list({ sort: ['id__asc'] });
    expect(parseNdjson(result.stdout)).toEqual(page.results);
    expect(result.stderr).toMatch(/showed 20 records \(page 1 is full\), more may follow \(the Registry counts \d+ in all\); add --all/);
  });

  it('--paging: windows (the default) and offset give the same records; a sort windows cannot follow is refused with windows', async () => {
    const ids = async (extra: string[]) => {
      const result = await runInProcess(['list', 'items', '--all', 'per_page=17', ...extra], { env });
      expect(result.code, result.stderr).toBe(0);
      return parseNdjson(result.stdout).map((r) => r.id as number);
    };
    const expected = allItems.map((i) => i.id).sort((a, b) => a - b);
    expect((await ids([])).sort((a, b) => a - b)).toEqual(expected);
    expect(await ids(['--paging', 'offset'])).toEqual(expected); // by offset: id order
    const refused = await runInProcess(['list', 'items', '--all', '--paging', 'windows', 'sort=size__desc'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/items can be crawled in windows only unsorted or sorted by bag_date/);
    const alone = await runInProcess(['list', 'items', '--paging', 'offset'], { env });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--paging only applies with --all/);
  });

  it('--all streams every record exactly once, as the sandbox holds them', async () => {
    const result = await runInProcess(['list', 'items', '--all', '--format', 'ndjson'], { env });
    expect(result.code, result.stderr).toBe(0);
    // No bar and no notes (stderr is not a terminal): the summary line for CI logs alone.
    expect(result.stderr).toMatch(/^aptrust-registry: items: [\d,]+ records in \d+s.*\n$/);
    const records = parseNdjson(result.stdout);
    expect(records).toEqual(allItems);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });

  it('filters: repeated __in values, sort, page and per_page; workitems is an alias', async () => {
    const args = ['status__in=Failed', 'status__in=Cancelled', 'sort=updated_at__desc', 'per_page=7', 'page=2'];
    const result = await runInProcess(['list', 'workitems', ...args, '--format', 'json'], { env });
    expect(result.code, result.stderr).toBe(0);
    const page = await client.workItems.list({ status__in: ['Failed', 'Cancelled'], sort: ['updated_at__desc'], per_page: 7, page: 2 });
    expect(JSON.parse(result.stdout)).toEqual({ count: page.count, next: page.next, previous: page.previous, results: page.results });
    for (const item of page.results) expect(['Failed', 'Cancelled']).toContain(item.status);
  });

  it.each(['item', 'workitem', 'Workitem'])('%s names items too', async (name) => {
    const result = await runInProcess(['list', name, 'sort=id__asc', 'per_page=3'], { env });
    expect(result.code, result.stderr).toBe(0);
    expect(parseNdjson(result.stdout)).toEqual(allItems.slice(0, 3));
  });

  it.each([
    ['file', 'files'],
    ['object', 'objects'],
    ['event', 'events'],
    ['alert', 'alerts'],
    ['checksum', 'checksums'],
    ['deletion', 'deletions'],
  ] as const)('list %s is list %s', async (singular, plural) => {
    const [one, other] = await Promise.all([
      runInProcess(['list', singular, 'sort=id__asc', 'per_page=2'], { env }),
      runInProcess(['list', plural, 'sort=id__asc', 'per_page=2'], { env }),
    ]);
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toBe(other.stdout);
  });

  it('sort values go to the client as given (its tables decide what the Registry can sort by)', async () => {
    const result = await runInProcess(['list', 'file', 'sort=identifier__desc', 'per_page=5', '--fields', 'identifier'], { env });
    expect(result.code, result.stderr).toBe(0);
    const page = await client.files.list({ sort: ['identifier__desc'], per_page: 5 });
    expect(parseNdjson(result.stdout)).toEqual(page.results.map((f) => ({ identifier: f.identifier })));
  });

  it('--all with a filter and --concurrency', async () => {
    const result = await runInProcess(
      ['list', 'items', '--all', 'status__in=Pending', 'status__in=Started', '--concurrency', '4', 'per_page=10'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const expected = allItems.filter((i) => i.status === 'Pending' || i.status === 'Started');
    expect(
      parseNdjson(result.stdout)
        .map((r) => r.id)
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual(expected.map((i) => i.id));
  });

  it('bool and date filters arrive as strings and are converted by the client', async () => {
    const result = await runInProcess(['list', 'items', '--all', 'retry=false', 'bag_date__gteq=2000-01-01'], { env });
    expect(result.code, result.stderr).toBe(0);
    const expected = await truth(sandbox, 'items', { retry: 'false', bag_date__gteq: '2000-01-01' });
    expect(parseNdjson(result.stdout)).toEqual(expected);
  });

  it('json: with --all, one array of records (also when empty); one page, the envelope with its count', async () => {
    const all = await runInProcess(['list', 'items', '--all', '--format', 'json'], { env });
    expect(all.code, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout)).toEqual(allItems);
    const noneAll = await runInProcess(['list', 'items', 'name=no-such-bag.tar', '--all', '--format', 'json'], { env });
    expect(noneAll.code).toBe(0);
    expect(JSON.parse(noneAll.stdout)).toEqual([]);
    const none = await runInProcess(['list', 'items', 'name=no-such-bag.tar', '--format', 'json'], { env });
    expect(none.code).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual({ count: 0, next: '', previous: '', results: [] });
    const page = await runInProcess(['list', 'items', 'per_page=3', 'sort=id__asc', '--format', 'json', '--fields', 'id,name'], { env });
    expect(page.code, page.stderr).toBe(0);
    const parsed = JSON.parse(page.stdout) as { count: number; results: unknown[] };
    expect(parsed.count).toBe(allItems.length);
    expect(parsed.results).toEqual(allItems.slice(0, 3).map((i) => ({ id: i.id, name: i.name })));
  });

  it('csv: header of every field, one row per record, values that parse back', async () => {
    const result = await runInProcess(['list', 'objects', '--all', '--format', 'csv'], { env });
    expect(result.code, result.stderr).toBe(0);
    const { header, records } = csvRecords(result.stdout);
    const expected = await truth(sandbox, 'objects');
    expect([...header].sort()).toEqual(Object.keys(expected[0]).sort());
    expect(records).toHaveLength(expected.length);
    records.forEach((row, i) => {
      for (const field of header) expect(row[field], `${field} of row ${i}`).toBe(csvCell(expected[i][field]));
    });
  });

  it('csv with --fields, and a header even with no records', async () => {
    const result = await runInProcess(
      ['list', 'items', '--format', 'csv', '--fields', 'id,name,retry,needs_admin_review', 'per_page=5', 'sort=id__desc'],
      { env },
    );
    expect(result.code, result.stderr).toBe(0);
    const { header, records } = csvRecords(result.stdout);
    expect(header).toEqual(['id', 'name', 'retry', 'needs_admin_review']);
    const page = await client.workItems.list({ per_page: 5, sort: ['id__desc'] });
    expect(records).toEqual(
      page.results.map((i) => ({
        id: String(i.id),
        name: i.name,
        retry: String(i.retry),
        needs_admin_review: String(i.needs_admin_review),
      })),
    );
    const empty = await runInProcess(['list', 'items', 'name=no-such-bag.tar', '--format', 'csv', '--fields', 'id,name'], { env });
    expect(empty.stdout).toBe('id,name\n');
  });

  it('ndjson and json honour --fields, in the order given', async () => {
    const result = await runInProcess(['list', 'items', '--fields', 'status,id', 'per_page=3'], { env });
    const records = parseNdjson(result.stdout);
    expect(records).toHaveLength(3);
    for (const r of records) expect(Object.keys(r)).toEqual(['status', 'id']);
  });

  it('table: default item columns, cut to $COLUMNS, no colour when stdout is not a terminal', async () => {
    const result = await runInProcess(['list', 'items', '--format', 'table', 'per_page=30'], { env: { ...env, COLUMNS: '70' } });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['id', 'name', 'action', 'stage', 'status', 'updated_at']);
    expect(lines).toHaveLength(31);
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(70);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('table --all streams past the layout rows', async () => {
    const result = await runInProcess(['list', 'items', '--all', '--format', 'table', '--fields', 'id,status'], { env });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(allItems.length + 1);
    expect(lines.slice(1).map((l) => Number(l.split(/\s+/)[0]))).toEqual(allItems.map((i) => i.id));
  });
});
