// Each resource's change spec (src/sync/spec.ts) is one the server can answer: the column an
// incremental run filters on has a __gteq filter, and every filter said to be stable is a filter
// of the resource. A spec change that names a filter the Registry lacks fails here, not at night.
import { describe, expect, it } from 'vitest';
import { RESOURCE_NAMES } from '../../src/cli/resources.js';
import { RESOURCE_CATALOGUE } from '../../src/index.js';
import { SYNC_RESOURCES } from '../../src/sync/index.js';

describe('change specs', () => {
  for (const [name, resource] of Object.entries(RESOURCE_CATALOGUE)) {
    const spec = resource.changes;
    it(`${name}: ${spec.kind}${spec.kind === 'full' ? '' : ` by ${spec.column}`}`, () => {
      expect(spec.why.length).toBeGreaterThan(20);
      if (spec.kind === 'full') return;
      expect(resource.filters).toContain(`${spec.column}__gteq`);
      if (spec.kind === 'modified') for (const stable of spec.stable) expect(resource.filters).toContain(stable);
      else expect(spec.overlapMs).toBeGreaterThan(0);
    });
  }

  it('files and objects are read by updated_at; items, whose updated_at filter is a 500 on the server, in full', () => {
    expect(RESOURCE_CATALOGUE.files.changes).toMatchObject({ kind: 'modified', column: 'updated_at' });
    expect(RESOURCE_CATALOGUE.objects.changes).toMatchObject({ kind: 'modified', column: 'updated_at' });
    expect(RESOURCE_CATALOGUE.workItems.changes.kind).toBe('full');
    expect(RESOURCE_CATALOGUE.workItems.filters).not.toContain('updated_at__gteq');
  });

  it('every CLI resource has a table in the inventory, and no table lacks a resource (sync takes the CLI names)', () => {
    expect([...SYNC_RESOURCES].sort()).toEqual([...RESOURCE_NAMES].sort());
  });
});
