// Shell completion: the logic (words → candidates) on the real program tree, the __complete
// command the scripts call, and the scripts themselves: bash -n always, zsh -n and fish -n where
// those shells are installed, and bash's function driven as bash would drive it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { complete } from '../../src/cli/completion/complete.js';
import { completionScript } from '../../src/cli/completion/scripts.js';
import { systemClock } from '../../src/cli/clock.js';
import type { CliContext } from '../../src/cli/context.js';
import { buildProgram } from '../../src/cli/program.js';
import { RESOURCE_CATALOGUE } from '../../src/index.js';
import { MAIN } from './helpers.js';
import { runInProcess } from './in-process.js';

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
const context = (): CliContext => ({
  io: { stdout: sink(), stderr: sink(), stdin: Readable.from([]), env: {} },
  clock: systemClock,
  exitCode: 0,
});
const program = buildProgram(context());
const words = (line: string) => complete(program, line.split(' ')).candidates;

describe('complete()', () => {
  it('commands, from the program tree (hidden __complete not among them)', () => {
    const names = program.commands.filter((c) => c.name() !== '__complete').map((c) => c.name());
    expect(words('')).toEqual([...names].sort());
    expect(words('')).toEqual(expect.arrayContaining(['list', 'get', 'report', 'sync', 'version', 'completion', 'sandbox']));
    expect(words('')).not.toContain('__complete');
    expect(words('re')).toEqual(['report']);
  });

  it('resource names; singulars and apt-cmd names where no resource name fits', () => {
    expect(words('list ')).toEqual(['alerts', 'checksums', 'deletions', 'events', 'files', 'items', 'objects']);
    expect(words('list f')).toEqual(['files']);
    expect(words('get work')).toEqual(['work-item', 'work-items', 'workitem', 'workitems']);
    expect(words('sync ')).toContain('objects');
    expect(words('-q list o')).toEqual(['objects']);
    expect(words('--env demo list o')).toEqual(['objects']);
  });

  it("report names are report's subcommands", () => {
    expect(words('report ')).toEqual(['failed-fixity', 'health', 'in-process', 'not-checked-since', 'problems', 'restorations', 'stalled']);
  });

  it('filter names after a resource, from the catalogue; sort= values; again after a filter', () => {
    const files = words('list files ');
    expect(files).toEqual(expect.arrayContaining(['state=', 'identifier=', 'page=', 'per_page=', 'sort=']));
    expect(files).toHaveLength(RESOURCE_CATALOGUE.files.filters.length + 3);
    expect(words('list file st')).toEqual(['state=', 'storage_option=', 'storage_option__in=']);
    expect(words('list files state=A ide')).toEqual(['identifier=']);
    expect(words('list files sort=identifier')).toEqual(['sort=identifier', 'sort=identifier__asc', 'sort=identifier__desc']);
    expect(words('list files state=')).toEqual([]);
    expect(words('list nonsense ')).toEqual([]);
  });

  it("options of the command, global ones too; an option's choices; file names for a file", () => {
    const list = words('list files --');
    expect(list).toEqual(expect.arrayContaining(['--all', '--format', '--excel', '--output', '--fields', '--quiet', '--env', '--help']));
    expect(list).not.toContain('--checkpoint-interval'); // hidden
    expect(words('report problems --f')).toEqual(['--fields', '--format']);
    expect(words('list files --format ')).toEqual(['csv', 'json', 'ndjson', 'table']);
    expect(words('list files -o c')).toEqual(['csv']);
    expect(words('list files --format=n')).toEqual(['--format=ndjson']);
    expect(words('--env ')).toEqual(['demo', 'production']);
    expect(complete(program, ['list', 'files', '--all', '--output', ''])).toEqual({ candidates: [], files: true });
    expect(complete(program, ['--config', 'x'])).toEqual({ candidates: [], files: true });
    // A value given is skipped: the resource comes next.
    expect(words('list --fields id,name f')).toEqual(['files']);
    expect(words('completion ')).toEqual(['bash', 'fish', 'zsh']);
  });

  it('a command added later completes with its options, without a change to the completion code', () => {
    const extra = buildProgram(context());
    extra.command('tally').argument('<resource>').option('--by <field>');
    expect(complete(extra, ['ta']).candidates).toEqual(['tally']);
    expect(complete(extra, ['tally', 'o']).candidates).toEqual(['objects']);
    expect(complete(extra, ['tally', 'files', '--b']).candidates).toEqual(['--by']);
    // And the real count command, added while completion was written, completes the same way.
    expect(complete(buildProgram(context()), ['co']).candidates).toEqual(['completion', 'count']);
  });
});

describe('__complete and completion', () => {
  it('__complete prints a candidate a line; :file for a file', async () => {
    const result = await runInProcess(['__complete', '--', 'list', 'files', 'st']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('state=\nstorage_option=\nstorage_option__in=\n');
    expect((await runInProcess(['__complete', '--', 'list', '--output', ''])).stdout).toBe(':file\n');
    expect((await runInProcess(['__complete', '--', '--help', ''])).code).toBe(0);
  });

  it('__complete is not in --help; completion is', async () => {
    const help = await runInProcess(['--help']);
    expect(help.stdout).toContain('completion');
    expect(help.stdout).not.toContain('__complete');
  });

  it.each(['bash', 'zsh', 'fish'])('completion %s prints its script on stdout', async (shell) => {
    const result = await runInProcess(['completion', shell]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(completionScript(shell as 'bash'));
    expect(result.stdout).toContain('aptrust-registry __complete --');
  });

  it('completion with another shell is a usage error', async () => {
    const result = await runInProcess(['completion', 'tcsh']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are bash, zsh, fish/);
  });
});

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

describe('the scripts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-completion-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const script = (shell: 'bash' | 'zsh' | 'fish') => {
    const file = path.join(dir, `completion.${shell}`);
    writeFileSync(file, completionScript(shell));
    return file;
  };

  it('bash -n: the bash script parses', () => {
    expect(() => execFileSync('bash', ['-n', script('bash')])).not.toThrow();
  });

  it.skipIf(!has('zsh'))('zsh -n: the zsh script parses (skipped: zsh is not installed)', () => {
    expect(() => execFileSync('zsh', ['-n', script('zsh')])).not.toThrow();
  });

  it.skipIf(!has('fish'))('fish -n: the fish script parses (skipped: fish is not installed)', () => {
    expect(() => execFileSync('fish', ['-n', script('fish')])).not.toThrow();
  });

  it('bash: the function, driven as bash drives it, fills COMPREPLY from the built CLI', () => {
    const bin = path.join(dir, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    writeFileSync(path.join(bin, 'aptrust-registry'), `#!/bin/sh\nexec "${process.execPath}" "${MAIN}" "$@"\n`);
    chmodSync(path.join(bin, 'aptrust-registry'), 0o755);
    const drive = (line: string) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source "$1"; COMP_LINE="$2"; COMP_POINT=\${#COMP_LINE}; _aptrust_registry_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
          'drive',
          script('bash'),
          line,
        ],
        { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` }, encoding: 'utf8' },
      )
        .split('\n')
        .filter(Boolean);
    expect(drive('aptrust-registry li')).toEqual(['list']);
    expect(drive('aptrust-registry list files st')).toEqual(['state=', 'storage_option=', 'storage_option__in=']);
    // bash replaces only what follows the = (COMP_WORDBREAKS): the candidates say just that part.
    expect(drive('aptrust-registry list files sort=identifier__d')).toEqual(['identifier__desc']);
    expect(drive('aptrust-registry report ')).toContain('problems');
  }, 30_000);
});
