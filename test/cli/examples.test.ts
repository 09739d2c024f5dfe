// The example scripts compute no dates with the system's `date` (GNU and BSD differ, Windows has
// none): they use the CLI's relative dates (--since 7d). The PowerShell version of the nightly
// export exists next to the shell one, and is run against a sandbox where pwsh is installed.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { bash, childEnv, sandboxEnv, workspace } from './helpers.js';

const EXAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
const SCRIPTS = readdirSync(EXAMPLES).filter((f) => /\.(sh|ps1|ya?ml)$/.test(f));

/** The lines that run: comments left out (# in sh, ps1 and yaml alike). */
function code(name: string): string {
  return readFileSync(path.join(EXAMPLES, name), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/\s#\s.*$/, ''))
    .join('\n');
}

const PWSH = spawnSync('pwsh', ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.Major'], { encoding: 'utf8' }).status === 0;

describe('examples', () => {
  it('are there: the shell scripts and nightly-inventory.ps1', () => {
    expect(SCRIPTS).toEqual(
      expect.arrayContaining(['nightly-inventory.sh', 'nightly-inventory.ps1', 'run-against-sandbox.sh', 'ci-upload-verify.sh']),
    );
  });

  it.each(SCRIPTS)('%s calls no date command (nor Get-Date, its PowerShell alias)', (name) => {
    // `date`, `$(date …)`, `| date`, Get-Date; not the word inside names (DateTime, --since, update).
    expect(code(name)).not.toMatch(/(^|[\s;|&(`$])(date|get-date)(\s|$|\))/im);
  });

  it('the two nightly scripts make the same files with the same commands', () => {
    const sh = code('nightly-inventory.sh');
    const ps1 = code('nightly-inventory.ps1');
    for (const name of ['objects', 'files', 'failed-fixity', 'problems']) {
      expect(sh).toContain(name);
      expect(ps1).toContain(name);
    }
    expect(sh).toContain('report failed-fixity --since 7d');
    expect(ps1).toContain("'report', 'failed-fixity', '--since', '7d'");
    const fields = /--fields'?,? '?([a-z_,]+)/;
    expect(fields.exec(ps1)?.[1]).toBe(fields.exec(sh)?.[1]);
  });

  it('ci-upload-verify.sh: upload → wait-ingest → verify against a sandbox it starts (exit 0, and 9 for a changed bag)', async () => {
    const { dir, PATH } = workspace();
    const result = await bash(`"${path.join(EXAMPLES, 'ci-upload-verify.sh')}"`, dir, { PATH, INGEST_STEP_MS: '20' });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/was ingested/);
    expect(result.out).toMatch(/verify: institution1\.edu\/ci_bag_\d+: 7 match, 0 mismatch, 0 missing in APTrust/);
    expect(result.out).toContain('exit 9 as expected for a changed bag');
    expect(result.out).toContain('"verdict":"local-corrupt"');
  }, 90_000);

  it.skipIf(!PWSH)(
    `nightly-inventory.ps1 against a sandbox${PWSH ? '' : ' (skipped: pwsh is not installed)'}`,
    async () => {
      const sandbox = await startSandbox({ port: 0, files: 200 });
      try {
        const { dir, PATH } = workspace();
        const out = path.join(dir, 'inventory');
        const result = spawnSync('pwsh', ['-NoProfile', '-File', path.join(EXAMPLES, 'nightly-inventory.ps1'), '-OutDir', out], {
          cwd: dir,
          env: childEnv({ ...sandboxEnv(sandbox), PATH }),
          encoding: 'utf8',
          timeout: 60_000,
        });
        expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
        const files = readdirSync(out).sort();
        expect(files.map((f) => f.replace(/\d{4}-\d{2}-\d{2}/, 'DAY'))).toEqual([
          'failed-fixity-DAY.csv',
          'files-DAY.csv',
          'objects-DAY.csv',
          'problems-DAY.csv',
        ]);
        expect(readFileSync(path.join(out, files[2]), 'utf8')).toMatch(/^id,/);
      } finally {
        await sandbox.stop();
      }
    },
    90_000,
  );
});
