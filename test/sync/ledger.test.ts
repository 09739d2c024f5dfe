// The export's ledger: new and changed told apart, the overlap read again without doubling, and
// what left found, also after a round trip through JSON (a resumed run).
import { describe, expect, it } from 'vitest';
import { RESOURCE_CATALOGUE } from '../../src/index.js';
import { openLedger } from '../../src/sync/ledger.js';
import { parseInstant } from '../../src/crawl/instant.js';

const files = RESOURCE_CATALOGUE.files.changes;
const file = (id: number, updated_at: string) => ({ id, updated_at });

describe('ledger', () => {
  it('modified: new, then unchanged in the overlap, changed when the stamp moved, left when out of the filters', () => {
    const first = openLedger('files', files, undefined, parseInstant('2026-01-01T00:00:00Z'));
    expect(first.classify(file(1, '2025-01-01T00:00:00Z'), true)).toBe('new');
    expect(first.classify(file(2, '2026-01-01T00:00:01Z'), true)).toBe('new');
    expect(first.classify(file(3, '2026-01-01T00:00:02Z'), true)).toBe('new');
    first.finish();
    const saved = JSON.parse(JSON.stringify(first.toJSON()));
    const second = openLedger('files', files, saved, undefined);
    expect(second.classify(file(2, '2026-01-01T00:00:01Z'), true)).toBe('unchanged');
    expect(second.classify(file(3, '2026-01-02T00:00:00Z'), true)).toBe('changed');
    expect(second.classify(file(1, '2026-01-02T00:00:00Z'), false)).toBe('left');
    expect(second.classify(file(9, '2026-01-02T00:00:00Z'), false)).toBe('outside');
    expect(second.classify(file(1, '2026-01-03T00:00:00Z'), true)).toBe('new');
  });

  it('full: compared by fingerprint; ids not seen in the run are left at its end', () => {
    const items = RESOURCE_CATALOGUE.workItems.changes;
    const first = openLedger('items', items, undefined, undefined);
    for (const id of [1, 2, 3]) first.classify({ id, status: 'Pending' }, true);
    expect(first.finish()).toEqual([]);
    const second = openLedger('items', items, JSON.parse(JSON.stringify(first.toJSON())), undefined);
    expect(second.classify({ id: 1, status: 'Pending' }, true)).toBe('unchanged');
    expect(second.classify({ id: 2, status: 'Success' }, true)).toBe('changed');
    expect(second.classify({ id: 4, status: 'Pending' }, true)).toBe('new');
    expect(second.finish()).toEqual([3]);
  });
});
