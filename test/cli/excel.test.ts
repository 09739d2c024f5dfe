// csv for spreadsheets (--excel): a UTF-8 BOM first and cells that a spreadsheet would run as a
// formula (= + - @, tab, CR first) prefixed with '; plain csv byte for byte as before. Also
// -o as --format's short form, and the `version` command.
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spreadsheetCell } from '../../src/cli/output/cell.js';
import { parseCsv } from './helpers.js';
import { runInProcess } from './in-process.js';
import { startStandIn, workItems } from './stand-in-registry.js';
import type { StandIn, StandInRecord } from './stand-in-registry.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const ITEM = JSON.parse(readFileSync(path.join(ROOT, 'test', 'fixtures', 'work-item.json'), 'utf8')) as StandInRecord;
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

const NAMES = ['=HYPERLINK("http://x.test","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', 'plain.tar', "it's 'quoted'"];
const ITEMS = workItems(NAMES.length, ITEM).map((item, i) => ({ ...item, name: NAMES[i], note: i === 0 ? '=cmd|x' : 'ok', retry: -1 }));
const FIELDS = ['id', 'name', 'note', 'retry'];

let standIn: StandIn;
let dir: string;
beforeAll(async () => {
  standIn = await startStandIn({ records: { items: ITEMS } });
  dir = await mkdtemp(path.join(tmpdir(), 'aptrust-excel-'));
});
afterAll(async () => {
  await standIn?.stop();
  await rm(dir, { recursive: true, force: true });
});

const run = (args: string[]) => runInProcess(args, { env: standIn.env });

describe('spreadsheetCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['x=1', 'x=1'],
    ['', ''],
    [' =1', ' =1'],
  ])('%j → %j', (text, cell) => {
    expect(spreadsheetCell(text)).toBe(cell);
  });
});

describe.concurrent('csv --excel', () => {
  it('plain csv is unchanged: no BOM, formula-like text exactly as the Registry has it', async () => {
    const result = await run(['list', 'items', '--format', 'csv', '--fields', FIELDS.join(',')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parseCsv(result.stdout);
    expect(rows[0]).toEqual(FIELDS);
    expect(rows.slice(1).map((r) => r[1])).toEqual(NAMES);
    expect(result.stdout).toContain('\n1,"=HYPERLINK(""http://x.test"",""y"")",=cmd|x,-1\n');
  });

  it('--excel: a BOM, then the same csv with formula-like strings prefixed; numbers untouched', async () => {
    const plain = await run(['list', 'items', '-o', 'csv', '--fields', FIELDS.join(',')]);
    const excel = await run(['list', 'items', '-o', 'csv', '--excel', '--fields', FIELDS.join(',')]);
    expect(excel.code, excel.stderr).toBe(0);
    expect(excel.stdout.startsWith('\uFEFFid,name,note,retry\n')).toBe(true);
    const rows = parseCsv(excel.stdout.slice(1));
    expect(rows.slice(1).map((r) => r[1])).toEqual(NAMES.map(spreadsheetCell));
    expect(rows[1][2]).toBe("'=cmd|x");
    expect(rows.slice(1).map((r) => r[3])).toEqual(NAMES.map(() => '-1')); // a number, not text
    // Nothing else differs from plain csv.
    const unprefixed = parseCsv(excel.stdout.slice(1)).map((r) =>
      r.map((c, i) => (i === 1 || i === 2 ? c.replace(/^'(?=[=+\-@\t\r])/, '') : c)),
    );
    expect(unprefixed).toEqual(parseCsv(plain.stdout));
  });

  it('--output FILE --excel writes the bytes stdout gets; plain --output the plain bytes', async () => {
    const args = ['list', 'items', '--fields', FIELDS.join(',')];
    const stdoutExcel = await run([...args, '-o', 'csv', '--excel']);
    const stdoutPlain = await run([...args, '-o', 'csv']);
    const excelFile = path.join(dir, 'items-excel.csv');
    const plainFile = path.join(dir, 'items-plain.csv');
    expect((await run([...args, '--all', '--output', excelFile, '--excel'])).code).toBe(0);
    expect((await run([...args, '--all', '--output', plainFile])).code).toBe(0);
    expect(await readFile(excelFile, 'utf8')).toBe(stdoutExcel.stdout);
    expect(await readFile(plainFile, 'utf8')).toBe(stdoutPlain.stdout);
    expect((await readFile(excelFile)).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it.each([
    [['list', 'items', '--excel']],
    [['list', 'items', '-o', 'json', '--excel']],
    [['report', 'problems', '--format', 'ndjson', '--excel']],
    [['get', 'items', '1', '-o', 'table', '--excel']],
    [['list', 'items', '--all', '--output', 'x.ndjson', '--excel']],
  ])('%j: --excel without csv is a usage error (exit 2), before any request', async (args) => {
    const before = standIn.requests.length;
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--excel only applies to csv, not (ndjson|json|table)/);
    expect(standIn.requests.length).toBe(before);
  });
});

describe.concurrent('-o and version', () => {
  it('-o is --format on every command that has it', async () => {
    for (const command of [['list'], ['get'], ['report', 'problems'], ['wait-ingest']]) {
      const help = await run([...command, '--help']);
      expect(help.stdout, command.join(' ')).toMatch(/-o, --format <format>/);
    }
    const long = await run(['list', 'items', '--format', 'json']);
    const short = await run(['list', 'items', '-o', 'json']);
    expect(short.code, short.stderr).toBe(0);
    expect(short.stdout).toBe(long.stdout);
  });

  it('`version` prints what -V prints', async () => {
    const command = await run(['version']);
    const flag = await run(['-V']);
    expect(command.code).toBe(0);
    expect(command.stdout).toBe(`${version}\n`);
    expect(command.stdout).toBe(flag.stdout);
    expect(command.stderr).toBe('');
  });
});
