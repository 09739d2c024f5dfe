// examples/nightly-inventory.sh with a stand-in aptrust-registry on PATH that writes CSV whose
// fields hold newlines and quotes: quiet on success unless VERBOSE=1 (cron mails only failures),
// and the record count a CSV reader would give, not `wc -l`'s. (run-against-sandbox.sh runs it
// against the sandbox: wait-ingest.test.ts.)
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bash, parseCsv } from './helpers.js';

const SCRIPT = path.resolve(import.meta.dirname, '..', '..', 'examples', 'nightly-inventory.sh');

// Three records in eight lines: newlines inside quoted fields, a doubled quote, a CRLF inside.
const CSV = 'id,name,note\n1,"two\nlines",x\n2,"say ""hi""\nand\nmore",y\n3,plain,"a\r\nb"\n';

const dir = mkdtempSync(path.join(tmpdir(), 'aptrust-nightly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in aptrust-registry: --output FILE gets the CSV, else stdout; `fail` exits 5. */
function standIn(mode: 'ok' | 'fail'): string {
  const bin = path.join(dir, `bin-${mode}`);
  mkdirSync(bin, { recursive: true });
  const csvFile = path.join(dir, 'records.csv');
  writeFileSync(csvFile, CSV);
  writeFileSync(
    path.join(bin, 'aptrust-registry'),
    `#!/usr/bin/env bash
${mode === 'fail' ? 'echo "aptrust-registry: the Registry did not answer" >&2; exit 5' : ''}
out=""
while [ $# -gt 0 ]; do
  if [ "$1" = --output ]; then out="$2"; shift; fi
  shift
done
if [ -n "$out" ]; then cat "${csvFile}" > "$out"; else cat "${csvFile}"; fi
`,
  );
  chmodSync(path.join(bin, 'aptrust-registry'), 0o755);
  return `${bin}:${process.env.PATH ?? ''}`;
}

describe.concurrent('nightly-inventory.sh', () => {
  it('writes nothing on stderr when all is well (cron mails nothing)', async () => {
    const out = path.join(dir, 'quiet');
    const result = await bash(`"${SCRIPT}" "${out}"`, dir, { PATH: standIn('ok'), VERBOSE: undefined });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toBe('');
    expect(readdirSync(out).sort()).toEqual(
      ['failed-fixity', 'files', 'objects', 'problems'].map((n) => expect.stringMatching(new RegExp(`^${n}-\\d{4}-\\d{2}-\\d{2}\\.csv$`))),
    );
  });

  it('VERBOSE=1: a line per file with the records a CSV reader counts (3, not the 7 of wc -l)', async () => {
    expect(parseCsv(CSV).length - 1).toBe(3);
    const out = path.join(dir, 'verbose');
    const result = await bash(`"${SCRIPT}" "${out}"`, dir, { PATH: standIn('ok'), VERBOSE: '1' });
    expect(result.code, result.out).toBe(0);
    const lines = result.out.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^wrote .*-\d{4}-\d{2}-\d{2}\.csv \(3 records\)$/);
  });

  it('a failure is reported, with the CLI’s exit code', async () => {
    const result = await bash(`"${SCRIPT}" "${path.join(dir, 'failing')}"`, dir, { PATH: standIn('fail') });
    expect(result.code).toBe(5);
    expect(result.out).toContain('the Registry did not answer');
  });
});
