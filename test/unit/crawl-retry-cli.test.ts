// --crawl-retry-time: the CLI's say over how long one page of --all or a report may be retried
// (crawlMaxRetryTimeMs), given as a duration like --timeout's; and --retries, given, counts for
// crawl pages too. Against a server of the test's own whose Retry-After (2 s) is past the budget
// given (1 s) but well within the default (10 min): only the flag can end the retries at once,
// and what ends them is the budget, never how fast this machine is.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.js';

const ENV = { APTRUST_REGISTRY_EMAIL: 'me@example.edu', APTRUST_REGISTRY_API_KEY: 'k'.repeat(20) };

let server: http.Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** Answers every request 503: the first with Retry-After 0, the rest with Retry-After 2 s. */
async function busyRegistry(): Promise<{ url: string; requests: () => number }> {
  let seen = 0;
  server = http.createServer((_req, res) => {
    seen += 1;
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': seen === 1 ? '0' : '2', Connection: 'close' });
    res.end('{"StatusCode":503,"Error":"restarting"}');
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests: () => seen };
}

describe('--crawl-retry-time', () => {
  it('ends a crawl page’s retries when its budget runs out, with the usual wording (exit 5)', async () => {
    const busy = await busyRegistry();
    // --quiet: no count request for the progress lines, so every request seen is the crawl's page.
    const args = ['list', 'items', '--all', '--paging', 'offset', '--quiet', '--url', busy.url, '--crawl-retry-time', '1s'];
    const result = await runInProcess(args, { env: ENV });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toMatch(/the retry time budget ran out; last status 503/);
    expect(busy.requests()).toBe(2);
  });

  it.each(['soon', '0', '-5m', '1000h'])('%s is a usage error naming the flag, before any request (exit 2)', async (value) => {
    const result = await runInProcess(['list', 'items', '--all', '--url', 'http://127.0.0.1:9', '--crawl-retry-time', value], {
      env: ENV,
    });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/--crawl-retry-time/);
    expect(result.stderr).not.toMatch(/ECONNREFUSED/);
  });

  it('is a global option: listed in the help with its default, taken before or after the command', async () => {
    const help = await runInProcess(['--help']);
    expect(help.stdout).toMatch(/--crawl-retry-time <duration>[\s\S]*default 10m/);
    const after = await runInProcess(['list', '--help']);
    expect(after.stdout).toContain('--crawl-retry-time <duration>');
  });
});

describe('--retries, given, counts for crawl pages too', () => {
  it('--retries 0: one attempt for a crawl page, not the crawl budget’s 12', async () => {
    const busy = await busyRegistry();
    const args = ['list', 'items', '--all', '--paging', 'offset', '--quiet', '--url', busy.url, '--retries', '0'];
    const result = await runInProcess(args, { env: ENV });
    expect(result.code, result.stderr).toBe(5);
    expect(busy.requests()).toBe(1);
  });
});
