import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { call, list, sysadmin } from './helpers.js';

// Benchmarks need big sandboxes: rows are generated lazily from (seed, index).
describe('sandbox at a million work items', () => {
  // How fast is for npm run bench; this pins that a million rows work and stay small.
  it('starts, stays small, and serves deep id-sorted pages', async () => {
    const sb = await startSandbox({ workItems: 1_000_000 });
    try {
      const admin = sysadmin(sb);
      await list(sb, '/member-api/v3/items?per_page=1000&sort=id__asc', admin); // first page builds the row set
      const deep = await list(sb, '/member-api/v3/items?per_page=1000&page=900&sort=id__asc', admin);
      const last = await list(sb, '/member-api/v3/items?per_page=1000&page=1000&sort=id__asc', admin);
      expect(deep.count).toBe(1_000_000);
      expect(deep.results[0]?.id).toBe(899_001);
      expect(last.results.at(-1)?.id).toBe(1_000_000);
      expect(last.next).toBe('');
      expect((await call(sb, '/member-api/v3/items/show/1000000', { user: admin })).json.id).toBe(1_000_000);
      expect(process.memoryUsage().rss).toBeLessThan(1.5e9);
    } finally {
      await sb.stop();
    }
  });
});
