// What generation derives from the pulled spec instead of copying it into the overlay: `__in`
// filters follow their single-value twins, and sorts follow the columns of each list's records.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without types
import { deriveValues } from '../../scripts/lib/derive.mjs';
// @ts-expect-error -- plain ESM script without types
import { applyOverlay } from '../../scripts/lib/spec.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const upstream = path.resolve(root, '..', 'shared', 'upstream', 'registry');
const CURRENT = path.join(upstream, 'member_api_v3.yml');
const OLDER = path.join(upstream, 'member_api_v3.at-30d6d26.yml');

interface Param {
  name: string;
  in: string;
  schema?: { type?: string; enum?: string[]; items?: { type: string; enum?: string[] } };
  'x-sort-columns'?: unknown;
}

function tinySpec(
  inParam: Param,
  sortRule: unknown = { from: '#/components/schemas/Row', exclude: ['user'], rename: { mtime: 'mod_time' } },
) {
  return {
    paths: {
      '/rows': {
        get: {
          parameters: [
            { name: 'stage', in: 'query', schema: { type: 'string', enum: ['Receive', 'Storage Validation'] } },
            inParam,
            { name: 'sort', in: 'query', schema: { type: 'array', items: { type: 'string' } }, 'x-sort-columns': sortRule },
          ],
        },
      },
    },
    components: { schemas: { Row: { properties: { id: {}, mtime: {}, user: {}, name: {} } } } },
  };
}

describe('derived values (a spec of our own)', () => {
  it('an __in filter takes its twin’s enum, so a value added upstream reaches both', () => {
    const spec = deriveValues(tinySpec({ name: 'stage__in', in: 'query', schema: { type: 'array', items: { type: 'string' } } }));
    expect(spec.paths['/rows'].get.parameters[1].schema.items.enum).toEqual(['Receive', 'Storage Validation']);
  });

  it('a hand-written enum on an __in filter is refused: it is how the two drifted apart', () => {
    const spec = tinySpec({ name: 'stage__in', in: 'query', schema: { type: 'array', items: { type: 'string', enum: ['Receive'] } } });
    expect(() => deriveValues(spec)).toThrow(/stage__in lists its own enum; leave it out so it follows stage/);
  });

  it('sorts are every record field bare, __asc and __desc, less exclusions, with renamed columns', () => {
    const spec = deriveValues(tinySpec({ name: 'stage__in', in: 'query', schema: { type: 'array', items: { type: 'string' } } }));
    const sort = spec.paths['/rows'].get.parameters[2];
    expect(sort['x-sort-columns']).toBeUndefined();
    expect(sort.schema.items.enum).toEqual([
      'id',
      'id__asc',
      'id__desc',
      'mod_time',
      'mod_time__asc',
      'mod_time__desc',
      'name',
      'name__asc',
      'name__desc',
    ]);
  });

  it('an exclusion of a field the record does not have fails, so a stale rule is noticed', () => {
    const spec = tinySpec(
      { name: 'stage__in', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
      {
        from: '#/components/schemas/Row',
        exclude: ['gone'],
      },
    );
    expect(() => deriveValues(spec)).toThrow(/excludes gone/);
  });
});

const haveSpecs = existsSync(CURRENT) && existsSync(OLDER);
if (!haveSpecs) {
  if (process.env.CI === 'true') throw new Error(`CI=true but the upstream specs are missing: ${upstream}`);
  process.stderr.write(`skipped: derived values from the upstream spec (no spec at ${upstream})\n`);
}

async function patched(file: string) {
  return YAML.parse(await applyOverlay(readFileSync(file, 'utf8')));
}

function params(spec: { paths: Record<string, { get?: { parameters?: Param[] } }> }, route: string): Param[] {
  return spec.paths[`/member-api/v3/${route}`].get?.parameters ?? [];
}
const enumOf = (ps: Param[], name: string) => {
  const p = ps.find((x) => x.name === name);
  return p?.schema?.enum ?? p?.schema?.items?.enum;
};

describe.skipIf(!haveSpecs)('derived values (the upstream spec)', () => {
  it('every __in filter has exactly its twin’s values, in the current and the older spec', async () => {
    for (const file of [CURRENT, OLDER]) {
      const spec = await patched(file);
      let checked = 0;
      for (const route of Object.keys(spec.paths)) {
        const ps = (spec.paths[route].get?.parameters ?? []) as Param[];
        for (const p of ps.filter((x) => x.name.endsWith('__in'))) {
          expect(p.schema?.items?.enum, `${route} ${p.name}`).toEqual(enumOf(ps, p.name.slice(0, -4)));
          checked += 1;
        }
      }
      expect(checked).toBe(4);
    }
  });

  it('stage__in takes Storage Validation, as stage does; storage_option__in loses Wasabi-TX with the older spec', async () => {
    const current = await patched(CURRENT);
    expect(enumOf(params(current, 'items'), 'stage__in')).toContain('Storage Validation');
    expect(enumOf(params(current, 'files'), 'storage_option__in')).toContain('Wasabi-TX');
    const older = await patched(OLDER);
    expect(enumOf(params(older, 'files'), 'storage_option__in')).not.toContain('Wasabi-TX');
  });

  it('sorts include the columns the real server sorts by, bare too, and none it answers with 500', async () => {
    const spec = await patched(CURRENT);
    const sorts = (route: string) => enumOf(params(spec, route), 'sort') ?? [];
    expect(sorts('alerts')).toEqual(expect.arrayContaining(['read_at__desc', 'user_email__asc', 'id']));
    expect(sorts('checksums')).toEqual(expect.arrayContaining(['created_at__asc', 'generic_file_identifier__asc']));
    expect(sorts('checksums')).not.toContain('generic_file_identfier__asc');
    expect(sorts('deletions')).toEqual(expect.arrayContaining(['requested_by_email__asc']));
    expect(sorts('deletions')).not.toEqual(expect.arrayContaining(['stage__asc']));
    expect(sorts('deletions')).not.toContain('status__asc');
    expect(sorts('files')).toEqual(expect.arrayContaining(['md5__asc', 'mod_time__desc', 'identifier']));
    expect(sorts('files')).not.toContain('mtime__asc');
    expect(sorts('items')).not.toContain('identifier__asc');
    expect(sorts('items')).not.toContain('user__asc');
  });
});
