// docs/cli.md is what scripts/cli-reference.mjs generates from the built CLI's --help (dist/, which
// test/global-setup.ts builds): a command or option added without `npm run docs:cli` fails here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without types
import { CLI_REFERENCE_FILE, cliReference } from '../../scripts/cli-reference.mjs';

describe('docs/cli.md', () => {
  it('is what npm run docs:cli generates now', async () => {
    const committed = readFileSync(CLI_REFERENCE_FILE as string, 'utf8');
    expect(committed, 'docs/cli.md is stale: run npm run docs:cli').toBe(await cliReference());
  });

  it('has every command and report, each with its usage and the exit codes', async () => {
    const text = (await cliReference()) as string;
    for (const title of [
      'aptrust-registry',
      'aptrust-registry list',
      'aptrust-registry get',
      'aptrust-registry report problems',
      'aptrust-registry sandbox',
    ]) {
      expect(text).toContain(`\n## ${title}\n`);
      expect(text).toContain(`$ ${title} --help\nUsage: ${title}`);
    }
    expect(text).toContain('Sandbox flags:');
    expect(text.split('\nExit codes:\n').length - 1).toBe(text.split('\n## ').length - 1);
  });

  it('does not depend on the terminal it runs in', async () => {
    const before = await cliReference();
    const stdout = process.stdout as { isTTY?: boolean; columns?: number };
    const saved = { isTTY: stdout.isTTY, columns: stdout.columns, COLUMNS: process.env.COLUMNS };
    Object.assign(stdout, { isTTY: true, columns: 40 });
    process.env.COLUMNS = '40';
    try {
      expect(await cliReference()).toBe(before);
    } finally {
      Object.assign(stdout, { isTTY: saved.isTTY, columns: saved.columns });
      if (saved.COLUMNS === undefined) delete process.env.COLUMNS;
      else process.env.COLUMNS = saved.COLUMNS;
    }
  });
});
