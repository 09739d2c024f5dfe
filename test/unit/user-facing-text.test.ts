// Text users read never cites the errata (../shared/registry-errata.md, a document they do not
// have; the README's "Where we differ from the published spec, and why" is theirs) and never shows
// an HTML entity the generator wrote: messages and strings in src/, the API docs of our own
// declarations (the .d.ts files the package's entry points reach) and of generated/ (cleaned by
// scripts/typedoc-plugin.mjs, since generated/ is regenerated, not edited), and the README.
// Comments in src/ may cite the errata: they are for the people who have it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without types
import { cleanDocText } from '../../scripts/typedoc-plugin.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ERRATA = /errata/i;

function filesUnder(dir: string, suffix: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith(suffix))
    .map((name) => path.join(dir, name));
}

/** Every string a file's code holds: literals and the fixed parts of template literals. */
function stringsOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The .d.ts files the package's entry points reach by relative imports. */
function reachableDeclarations(): string[] {
  const seen = new Set<string>();
  const queue = ['dist/src/index.d.ts', 'dist/src/sync/index.d.ts'];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file) || !existsSync(path.join(ROOT, file))) continue;
    seen.add(file);
    for (const m of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from|import\()\s*['"](\.[^'"]+)['"]/g)) {
      queue.push(path.join(path.dirname(file), m[1].replace(/\.js$/, '.d.ts')));
    }
  }
  return [...seen];
}

describe('cleanDocText (scripts/typedoc-plugin.mjs)', () => {
  it.each([
    ['direction is either \\&quot;asc\\&quot; or \\&quot;desc\\&quot;.', 'direction is either "asc" or "desc".'],
    ['it\\&#39;s &amp; that', "it's & that"],
    [
      'Your own institution (a no-op for members); another institution gives 403 (errata §1.3).',
      'Your own institution (a no-op for members); another institution gives 403.',
    ],
    ['The count behind it can be stale (errata §2.3).', 'The count behind it can be stale.'],
    [
      "Return work items that have been queued (errata §3.2: the spec's queued_at__is_not_null gives 500).",
      "Return work items that have been queued (the spec's queued_at__is_not_null gives 500).",
    ],
    ["errata §3.2 — not on the server's allow-list (500).", "Not on the server's allow-list (500)."],
    ["errata §0 #1 — the server's list field is `results`.", "The server's list field is `results`."],
    ['Filters, sort, pager (errata §2–§4).', 'Filters, sort, pager.'],
    ['Nothing to clean: "quoted" & fine.', 'Nothing to clean: "quoted" & fine.'],
  ])('%s', (input, output) => {
    expect(cleanDocText(input)).toBe(output);
  });

  it("leaves no errata citation or entity in any of generated/'s doc comments", () => {
    const left: string[] = [];
    for (const file of filesUnder('generated', '.ts')) {
      for (const [comment] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(/\/\*\*[\s\S]*?\*\//g)) {
        for (const line of comment.split('\n')) {
          const text = cleanDocText(line.replace(/^\s*\/?\*+\/?\s?/, ''));
          if (ERRATA.test(text) || /&(quot|#39|apos|amp);/.test(text)) left.push(`${file}: ${text}`);
        }
      }
    }
    expect(left).toEqual([]);
  });
});

describe('no user-facing text cites the errata', () => {
  it('no string in src/ (messages, help, the sandbox’s answers)', () => {
    const found = filesUnder('src', '.ts').flatMap((file) =>
      stringsOf(file)
        .filter((s) => ERRATA.test(s))
        .map((s) => `${file}: ${s}`),
    );
    expect(found).toEqual([]);
  });

  it('no doc comment in the .d.ts files of our own code the entry points reach', () => {
    const files = reachableDeclarations();
    expect(files).toContain('dist/src/index.d.ts');
    const found = files.filter((file) => !file.startsWith('dist/generated/') && ERRATA.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  it('not the README, which links its own section on the differences instead', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/errata §/i);
    expect(readme).toContain('## Where we differ from the published spec, and why');
  });
});
