// `list --all` goes through the same all(): against a server that ignores `page`, it stops at
// page 2 with exit 5 and says why, instead of crawling for ever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.js';
import { startRawServer, writeJson } from './raw-server.js';
import type { RawServer } from './raw-server.js';

let server: RawServer;
const REPEATS = 20;

beforeAll(async () => {
  let answered = 0;
  server = await startRawServer((request, socket) => {
    answered += 1;
    // The same full page of 1000 whatever the page; after REPEATS answers a short one, so that a
    // CLI that does not notice still ends.
    const n = answered <= REPEATS ? 1000 : 1;
    const results = Array.from({ length: n }, (_, i) => ({ id: i + 1, name: `bag${i + 1}.tar` }));
    writeJson(socket, 200, { count: 100_000, next: '', previous: '', results });
  });
});
afterAll(async () => {
  await server?.close();
});

describe('list --all against a server that ignores page', () => {
  it('exit 5 at page 2, naming the page, after two requests', async () => {
    const result = await runInProcess(
      ['list', 'items', '--all', '--paging', 'offset', '--concurrency', '1', '--format', 'ndjson', '--quiet'],
      {
        env: { APTRUST_REGISTRY_URL: server.url, APTRUST_REGISTRY_EMAIL: 'me@example.edu', APTRUST_REGISTRY_API_KEY: 'k' },
      },
    );
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/page 2\b/);
    expect(result.stdout.trim().split('\n')).toHaveLength(1000);
    expect(server.requests.map((r) => new URL(r.target, 'http://x').searchParams.get('page'))).toEqual(['1', '2']);
  });
});
