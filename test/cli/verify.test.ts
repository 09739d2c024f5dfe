// aptrust-registry verify: exit codes (0 all match, 9 differences, 2 bad input before any request,
// 4 no such object), every output format, the summary line, the default identifier.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { digest, tempDir, writeBag } from '../verify/helpers.js';
import { csvRecords, parseNdjson, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
let env: Record<string, string>;
let dir: string;
let good: string;
let differs: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 200 });
  env = sandboxEnv(sandbox);
  dir = tempDir();
  good = writeBag(join(dir, 'good'), 'cli_good_bag', { payload: { 'a b.txt': 'a', 'é #%.txt': 'e' }, algorithms: ['sha256'] });
  sandbox.ingestBag(await sandbox.readBag(good));
  const base = writeBag(join(dir, 'base'), 'cli_diff_bag', { payload: { 'same.txt': 's', 'changed.txt': 'v1' }, algorithms: ['md5'] });
  sandbox.ingestBag(await sandbox.readBag(base));
  differs = writeBag(join(dir, 'differs'), 'cli_diff_bag', { payload: { 'same.txt': 's', 'changed.txt': 'v2' }, algorithms: ['md5'] });
});
afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], options: { terminal?: boolean } = {}) => runInProcess(['verify', ...args], { env, ...options });
const apiRequests = () => sandbox.requests.filter((r) => r.url.startsWith('/member-api/')).length;

describe('verify', () => {
  it('exit 0 when every file matches; ndjson in a pipe; the summary on stderr', async () => {
    const r = await run([good, '--identifier', 'institution1.edu/cli_good_bag']);
    expect(r.code).toBe(0);
    const records = parseNdjson(r.stdout);
    expect(records).toHaveLength(7);
    expect(records.every((x) => x.verdict === 'match')).toBe(true);
    expect(records.find((x) => x.path === 'data/é #%.txt')).toMatchObject({
      verdict: 'match',
      algorithms: 'sha256',
      local_digest: digest('sha256', 'e'),
      registry_digest: digest('sha256', 'e'),
      identifier: 'institution1.edu/cli_good_bag/data/é #%.txt',
    });
    expect(r.stderr).toBe(
      'aptrust-registry: verify: institution1.edu/cli_good_bag: 7 match, 0 mismatch, 0 missing in APTrust, 0 only in APTrust, 0 not yet checked, 0 deleted\n',
    );
  });

  it('the default identifier: <institution from one request>/<bag directory name>', async () => {
    const before = apiRequests();
    const r = await run([good, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(7);
    expect(r.stderr).toContain('institution1.edu/cli_good_bag: 7 match');
    // objects/show, then the files and checksums crawls, plus the one objects list for the institution.
    expect(apiRequests() - before).toBeGreaterThanOrEqual(4);
    const given = await run([good, '--institution', 'institution1.edu', '--quiet', '--format', 'json']);
    expect(given.code).toBe(0);
    expect(given.stderr).toBe(''); // quiet and all match: nothing to say
  });

  it('the default identifier of a tar (its name without .tar) and of a manifest (its directory)', async () => {
    const { tarBag } = await import('../verify/helpers.js');
    const tar = await tarBag(good, join(dir, 'cli_good_bag.tar'));
    const fromTar = await run([tar, '--institution', 'institution1.edu', '--format', 'json']);
    expect(fromTar.code).toBe(0);
    expect(fromTar.stderr).toContain('institution1.edu/cli_good_bag: 7 match');
    const fromManifest = await run([join(good, 'manifest-sha256.txt'), '--institution', 'institution1.edu', '--format', 'json']);
    expect(fromManifest.code).toBe(0);
    expect(fromManifest.stderr).toContain('institution1.edu/cli_good_bag: 2 match');
    // Nothing to show in a table with --differences-only: a note says why.
    const quiet = await run([good, '--institution', 'institution1.edu', '--differences-only'], { terminal: true });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toContain('note: every file matches');
  });

  it('exit 9 when anything differs; csv with --fields; --differences-only', async () => {
    const r = await run([differs, '--identifier', 'institution1.edu/cli_diff_bag', '--format', 'csv', '--differences-only']);
    expect(r.code).toBe(9);
    const { header, records } = csvRecords(r.stdout);
    expect(header).toEqual([
      'path',
      'verdict',
      'detail',
      'algorithms',
      'local_digest',
      'registry_digest',
      'file_id',
      'state',
      'identifier',
    ]);
    expect(records.map((x) => [x.path, x.verdict])).toEqual([
      ['data/changed.txt', 'mismatch'],
      ['manifest-md5.txt', 'mismatch'],
      ['tagmanifest-sha256.txt', 'mismatch'],
    ]);
    expect(records[0]).toMatchObject({ local_digest: digest('md5', 'v2'), registry_digest: digest('md5', 'v1'), state: 'A' });
    expect(r.stderr).toContain('verify: institution1.edu/cli_diff_bag: 4 match, 3 mismatch, 0 missing in APTrust');
    const picked = await run([differs, '--identifier', 'institution1.edu/cli_diff_bag', '--format', 'csv', '--fields', 'verdict,path']);
    expect(picked.code).toBe(9);
    expect(picked.stdout.split('\n')[0]).toBe('verdict,path');
  });

  it('a file APTrust lacks has no id, state or Registry digest: null in json, an empty cell in csv', async () => {
    const bag = writeBag(join(dir, 'extra'), 'cli_good_bag', {
      payload: { 'a b.txt': 'a', 'é #%.txt': 'e', 'new.txt': 'n' },
      algorithms: ['sha256'],
    });
    const manifest = join(bag, 'manifest-sha256.txt');
    const json = await run([manifest, '--identifier', 'institution1.edu/cli_good_bag', '--format', 'json', '--differences-only']);
    expect(json.code).toBe(9);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({
        path: 'data/new.txt',
        verdict: 'missing',
        file_id: null,
        state: null,
        local_digest: null,
        registry_digest: null,
      }),
    ]);
    const csv = await run([manifest, '--identifier', 'institution1.edu/cli_good_bag', '--format', 'csv', '--differences-only']);
    expect(csvRecords(csv.stdout).records[0]).toMatchObject({ verdict: 'missing', file_id: '', state: '' });
  });

  it('a table on a terminal', async () => {
    const r = await run([differs, '--identifier', 'institution1.edu/cli_diff_bag'], { terminal: true });
    expect(r.code).toBe(9);
    expect(r.stdout).toMatch(/verdict\s+path\s+detail/i);
    expect(r.stdout).toMatch(/mismatch\s+data\/changed\.txt\s+md5 differs/);
  });

  it('a lone manifest: its own files only, the rest counted', async () => {
    const r = await run([join(good, 'manifest-sha256.txt'), '--identifier', 'institution1.edu/cli_good_bag']);
    expect(r.code).toBe(0);
    expect(parseNdjson(r.stdout).map((x) => x.path)).toEqual(['data/a b.txt', 'data/é #%.txt']);
    expect(r.stderr).toContain('2 match');
    expect(r.stderr).toContain('5 more in APTrust not covered by this payload manifest');
  });

  it('bad input: exit 2 naming the problem, before any request', async () => {
    const bad = writeBag(join(dir, 'bad'), 'bad_bag', { payload: { 'a.txt': 'a' }, algorithms: ['md5'] });
    writeFileSync(join(bad, 'manifest-md5.txt'), `${digest('md5', 'a')} /etc/passwd\n`);
    const cases: [string[], RegExp][] = [
      [[bad, '--identifier', 'institution1.edu/bad_bag'], /manifest-md5\.txt, line 1: an absolute path/],
      [[join(dir, 'nothing-here')], /no such file or directory/],
      [[good, '--identifier', 'no-slash'], /--identifier "no-slash" is not an object identifier/],
      [[good, '--institution', 'a/b'], /--institution "a\/b" is not an institution identifier/],
      [[good, '--fields', 'nope'], /unknown field "nope" for verify/],
      [[join(good, 'bag-info.txt'), '--identifier', 'institution1.edu/x'], /not a bag directory, a \.tar, or a manifest/],
      [[join(good, 'manifest-sha256.txt'), '--compute', '--identifier', 'institution1.edu/x'], /--compute needs the bag's files/],
    ];
    for (const [args, message] of cases) {
      const before = apiRequests();
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(r.stderr).not.toContain(sandbox.user.apiKey);
      expect(apiRequests() - before, args.join(' ')).toBe(0);
    }
  });

  it('exit 4 with a clear message when the Registry has no such object', async () => {
    const r = await run([good, '--identifier', 'institution1.edu/never_ingested']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/no intellectual object institution1\.edu\/never_ingested in the Registry/);
    expect(r.stderr).toMatch(/hint: check the identifier/);
    expect(r.stdout).toBe('');
  });

  it('--help lists exit 9', async () => {
    const r = await runInProcess(['verify', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/9 {2}verify: the local bag and APTrust differ/);
  });
});
