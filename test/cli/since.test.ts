// --since is read by the client's own date reading (registryDate from the public entry), so an
// offset that carries a date out of the years 0001 to 9999 is refused at the flag, naming it.
import { describe, expect, it } from 'vitest';
import { runInProcess } from './in-process.js';

describe.concurrent('--since', () => {
  it.each([
    [['wait-ingest', '--name', 'bag.tar', '--since', '9999-12-31T23:00-01:00']],
    [['report', 'failed-fixity', '--since', '0001-01-01T00:00+01:00']],
  ])('%j: out of the years 0001 to 9999 in UTC, exit 2 before any request', async (args) => {
    const result = await runInProcess(args, { env: { APTRUST_REGISTRY_URL: 'http://127.0.0.1:9' } });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--since.*is invalid\. expected a date in the years 0001 to 9999\./);
    expect(result.stderr).not.toContain('ECONNREFUSED');
  });
});
