// One seam: only src/internal/generated.ts imports generated/, and the public entry exports our
// client, our errors and types — never axios or the generated API classes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import { VERSION } from '../../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

describe('the seam', () => {
  it('only src/internal/generated.ts imports from generated/', () => {
    const importers = sources(path.join(root, 'src'))
      .filter(
        (file) =>
          /from\s+['"][./]*\/?generated\//.test(readFileSync(file, 'utf8')) || /['"](\.\.\/)+generated\//.test(readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(root, file));
    expect(importers).toEqual(['src/internal/generated.ts']);
  });

  it('the CLI is built on the public entries only (and starts the sandbox)', () => {
    const outside = new Set<string>();
    for (const file of sources(path.join(root, 'src', 'cli'))) {
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)) {
        if (!spec.startsWith('.')) continue;
        const target = path.relative(path.join(root, 'src'), path.resolve(path.dirname(file), spec));
        if (!target.startsWith('cli/')) outside.add(target);
      }
    }
    expect([...outside].sort()).toEqual(['index.js', 'sandbox/index.js', 'sync/index.js']);
  });

  it('the public entry exports our client and errors, nothing from axios or the generated layer', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'AbortedError',
        'AuthenticationError',
        'BagError',
        'ConfigurationError',
        'ENVIRONMENTS',
        'InvalidInputError',
        'NetworkError',
        'NotFoundError',
        'PermissionError',
        'RESOURCE_CATALOGUE',
        'RateLimitError',
        'RegistryError',
        'ServerError',
        'TimeoutError',
        'VERDICTS',
        'bagName',
        'VERIFY_ALGORITHMS',
        'VERSION',
        'createClient',
        'registryDate',
        'registryInstant',
        'secretScrubber',
        'verifyObject',
      ].sort(),
    );
  });

  it('VERSION is the package version (it goes into the User-Agent)', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});

describe('list values as data', () => {
  it('generated/list-values.json holds exactly the values of the generated enums, for every list', async () => {
    const generated = (await import('../../generated/api.js')) as unknown as Record<string, Record<string, string> | undefined>;
    const { default: values } = await import('../../generated/list-values.json', { with: { type: 'json' } });
    const pascal = (name: string) =>
      name
        .split('_')
        .filter(Boolean)
        .map((part) => part[0].toUpperCase() + part.slice(1))
        .join('');
    let compared = 0;
    for (const [operation, params] of Object.entries(values as Record<string, Record<string, string[]>>)) {
      for (const [param, list] of Object.entries(params)) {
        const name = `${pascal(operation)}${pascal(param)}Enum`;
        expect(generated[name], name).toBeDefined();
        expect(Object.values(generated[name] as Record<string, string>), name).toEqual(list);
        compared += 1;
      }
    }
    // Every generated list-parameter enum is in the data too.
    const enums = Object.keys(generated).filter((k) => /^List\w+Enum$/.test(k));
    expect(compared).toBe(enums.length);
  });
});
