// Fast checks of what the package promises, without packing it. The packed tarball itself is checked
// by scripts/check-package.mjs (npm run check:package, run by .ci/run): pack, install, import,
// require, type-check a consumer, publint, attw.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLE } from '../../src/cli/exit-codes.js';
import { resolveConfig } from '../../src/config.js';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

interface Manifest {
  version: string;
  type: string;
  main: string;
  types: string;
  exports: Record<string, string | Record<string, string>>;
  bin: Record<string, string>;
  files: string[];
  engines: { node: string };
  sideEffects: boolean;
  scripts: Record<string, string>;
}
const manifest = JSON.parse(read('package.json')) as Manifest;

describe('package.json', () => {
  it('is ESM with an exports map whose first condition is types', () => {
    expect(manifest.type).toBe('module');
    const main = manifest.exports['.'] as Record<string, string>;
    expect(Object.keys(main)[0]).toBe('types');
    expect(main).toEqual({ types: './dist/src/index.d.ts', default: './dist/src/index.js' });
    expect(manifest.main).toBe('./dist/src/index.js');
    expect(manifest.types).toBe('./dist/src/index.d.ts');
  });

  it('has the bin, engines and sideEffects the README describes', () => {
    expect(manifest.bin).toEqual({ 'aptrust-registry': './dist/src/cli/main.js' });
    expect(read('src/cli/main.ts').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(manifest.engines.node).toBe('>=20.19.0');
    expect(manifest.sideEffects).toBe(false);
  });

  it('lists only build output and documents in files', () => {
    for (const entry of manifest.files) {
      expect(entry).toMatch(/^(dist\/(src|generated)|!dist\/\*\*\/\*\.tsbuildinfo|CHANGELOG\.md|THIRD-PARTY-NOTICES\.md)$/);
    }
  });

  it('packs a clean build, and CI can run the package check and the docs', () => {
    expect(manifest.scripts.prepack).toBe('npm run clean && npm run build');
    expect(manifest.scripts['check:package']).toBe('node scripts/check-package.mjs');
    expect(manifest.scripts.docs).toBe('typedoc');
    const ci = read('.ci/run');
    for (const command of ['npm run docs', 'npm test', 'npm run check:package', 'npm run check:generated']) expect(ci).toContain(command);
  });

  it('builds in prepare, so that installs from git or from a checkout get dist/ (npm runs only prepare there, not prepack)', () => {
    expect(manifest.scripts.prepare).toBe('npm run build');
  });
});

describe('tsconfig.build.json', () => {
  it('emits source maps with their sources inlined and no declaration maps', () => {
    const { config, error } = ts.readConfigFile(new URL('tsconfig.build.json', root).pathname, ts.sys.readFile);
    expect(error).toBeUndefined();
    expect(config.compilerOptions).toMatchObject({ sourceMap: true, inlineSources: true, declaration: true, declarationMap: false });
  });
});

describe('README', () => {
  const readme = read('README.md');

  it('keeps the two newcomer commands at the top', () => {
    const top = readme.slice(0, readme.indexOf('## Install'));
    expect(top).toContain('npm ci && npm run demo');
    expect(top).toContain('npm test ');
  });

  it('reproduces the CLI exit-code table exactly', () => {
    for (const { code, meaning } of EXIT_CODE_TABLE) expect(readme).toContain(`| ${code} | ${meaning} |`);
  });

  it('states the client defaults the code has', () => {
    const config = resolveConfig({ baseUrl: 'http://localhost:1', user: 'u', apiKey: 'k', env: {} });
    expect(config).toMatchObject({ timeoutMs: 60_000, maxAttempts: 4, maxRetryTimeMs: 120_000, retryBaseDelayMs: 500 });
    expect(readme).toContain('| `timeoutMs` | 60 000 ');
    expect(readme).toContain('| `maxAttempts` | 4 ');
    expect(readme).toContain('| `maxRetryTimeMs` | 120 000 ');
    expect(readme).toContain('| `retryBaseDelayMs` | 500 ');
  });

  it('gives install ways that work while the package is not on the npm registry', () => {
    const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Quick start: library'));
    expect(install).toContain('not on the npm registry yet');
    for (const way of [
      'npm install github:OWNER/aptrust-registry-client#REF',
      'npm install git+https://github.com/OWNER/aptrust-registry-client.git',
      'npm install --install-links ../aptrust-registry-client',
      'npm install ./aptrust-registry-client-0.1.0.tgz',
      'npm install --global ./aptrust-registry-client-0.1.0.tgz',
    ]) {
      expect(install).toContain(way);
    }
    // The registry lines stay, after the ways that work today, marked as the way once published.
    expect(install.indexOf('npm install aptrust-registry-client ')).toBeGreaterThan(install.indexOf('Once the package is published'));
    expect(install).toContain(`aptrust-registry-client-${manifest.version}.tgz`);
  });

  it('links only files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?!https?:|#)[^)#]+)\)/g)) {
      expect(() => read(target), target).not.toThrow();
    }
  });
});

describe('examples', () => {
  // Uncommented install commands: none may ask the npm registry for the package before it is published.
  it.each(['github-actions-ingest.yml', 'gitlab-ci-ingest.yml', 'nightly-inventory.sh', 'run-against-sandbox.sh'])(
    '%s does not install aptrust-registry-client from the npm registry',
    (name) => {
      const code = read(`examples/${name}`)
        .split('\n')
        .filter((line) => !/^\s*#/.test(line))
        .join('\n');
      expect(code).not.toMatch(/npm (install|i)\b[^\n]*\saptrust-registry-client(@|\s|$)/m);
    },
  );

  it.each(['github-actions-ingest.yml', 'gitlab-ci-ingest.yml'])(
    '%s packs the package from git and installs the tarball globally',
    (name) => {
      const text = read(`examples/${name}`);
      expect(text).toContain('APTRUST_CLIENT: github:OWNER/aptrust-registry-client#REF');
      expect(text).toContain('npm pack "$APTRUST_CLIENT" --pack-destination');
      expect(text).toMatch(/npm install --global \S*aptrust-registry-client-\*\.tgz/);
    },
  );
});

describe('CHANGELOG.md', () => {
  it('has a section for this version', () => {
    expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## \\[${manifest.version.replace(/\./g, '\\.')}\\]`, 'm'));
  });
});
