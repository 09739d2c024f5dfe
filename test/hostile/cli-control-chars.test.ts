// Server text that would drive the terminal (OSC title changes, erase-line, colours, other C0/C1
// controls) is made harmless before the CLI writes it to stderr, as the table output already does
// for record text: errors, hints, warnings, progress lines.
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../cli/in-process.js';
import { startRawServer, writeHead, writeJson } from './raw-server.js';

const HOSTILE = 'a\u001b]0;pwned\u0007b\u001b[2Kc\u001b[31mred\u001b[0m\u009b31md\u0085e\rf\bg\u0000h\u007fi\nj';
// Every control character except the newline that ends each line.
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const ENV = { APTRUST_REGISTRY_EMAIL: 'user@inst1.edu', APTRUST_REGISTRY_API_KEY: 'key-0123456789' };

function expectClean(stderr: string, debug = false): void {
  expect(stderr).not.toMatch(CONTROLS);
  // The words are still there to read, and each message is one line (--debug adds the inspected error).
  expect(stderr).toContain('pwned');
  if (!debug) for (const line of stderr.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^aptrust-registry: /);
}

describe('control characters in server text never reach stderr raw', () => {
  it.each([
    ['{"error"}', { error: HOSTILE }],
    ['{"StatusCode","Error"}', { StatusCode: 500, Error: HOSTILE }],
  ])('a 500 with %s: the error line', async (_name, body) => {
    const server = await startRawServer((_request, socket) => writeJson(socket, 500, body));
    try {
      for (const args of [
        ['get', 'items', '1'],
        ['list', 'items', '--debug'],
      ]) {
        const result = await runInProcess(args, { env: { ...ENV, APTRUST_REGISTRY_URL: server.url } });
        expect(result.code, result.stderr).toBe(5);
        expectClean(result.stderr, args.includes('--debug'));
      }
    } finally {
      await server.close();
    }
  });

  it('a 502 HTML page: the error line (after retries)', async () => {
    const server = await startRawServer((_request, socket) => {
      const body = Buffer.from(`<html><head><title>${HOSTILE}</title></head></html>`);
      writeHead(socket, 502, { 'Content-Type': 'text/html', 'Content-Length': body.length });
      socket.write(body);
    });
    try {
      const result = await runInProcess(['get', 'items', '1', '--retries', '0'], { env: { ...ENV, APTRUST_REGISTRY_URL: server.url } });
      expect(result.code, result.stderr).toBe(5);
      expectClean(result.stderr);
    } finally {
      await server.close();
    }
  });

  it('wait-ingest: the progress line quoting the work item note', async () => {
    const item = {
      id: 7,
      name: 'my_bag.tar',
      action: 'Ingest',
      stage: 'Receive',
      status: 'Failed',
      retry: false,
      outcome: 'x',
      note: HOSTILE,
    };
    const server = await startRawServer((_request, socket) =>
      writeJson(socket, 200, { count: 1, next: '', previous: '', results: [item] }),
    );
    try {
      const result = await runInProcess(['wait-ingest', '--name', 'my_bag.tar', '--format', 'json'], {
        env: { ...ENV, APTRUST_REGISTRY_URL: server.url },
      });
      expect(result.code, result.stderr).toBe(6);
      expect(result.stderr).toContain('ingest failed');
      expectClean(result.stderr);
    } finally {
      await server.close();
    }
  });
});
