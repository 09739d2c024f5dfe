// What failures say on the command line: in the CLI's terms (--all, page=, per_page=, never the
// library's all()), and ending with what to do next wherever there is something to do.
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inCliWords } from '../../src/cli/cli-words.js';
import { reportError } from '../../src/cli/report-error.js';
import {
  AbortedError,
  AuthenticationError,
  ConfigurationError,
  createClient,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  RegistryError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import type { RegistryErrorCode } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { apiRequests, sandboxEnv } from './helpers.js';
import { runInProcess } from './in-process.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, files: 50 });
});
afterAll(async () => {
  await sandbox?.stop();
});

/** Library terms a person at a shell cannot type: `all()`, `list()`, `get()`. */
const LIBRARY_CALL = /\b(all|list|get)\(\)/;

describe('client errors in CLI terms', () => {
  it('list items page=2 --all: exit 2, about --all and page=, no request', async () => {
    const before = apiRequests(sandbox);
    const result = await runInProcess(['list', 'items', 'page=2', '--all'], { env: sandboxEnv(sandbox) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('page= does not go with --all');
    expect(result.stderr).toContain('aptrust-registry: hint: drop page= to read every record, or drop --all');
    expect(result.stderr).not.toMatch(LIBRARY_CALL);
    expect(apiRequests(sandbox)).toBe(before);
  });

  it('list items per_page=5000: exit 2, the cap explained, --all as the way to read everything', async () => {
    const before = apiRequests(sandbox);
    const result = await runInProcess(['list', 'items', 'per_page=5000'], { env: sandboxEnv(sandbox) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('aptrust-registry: per_page must be at most 1000: the Registry caps pages at 1000');
    expect(result.stderr).toContain('aptrust-registry: hint: add --all to read every record');
    expect(result.stderr).not.toMatch(LIBRARY_CALL);
    expect(apiRequests(sandbox)).toBe(before);
  });

  it.each([
    ['not a checkpoint', { version: 9 }],
    ['of another crawl', { version: 1, resource: 'objects', query: '', records: 0 }],
  ])("an export's saved position the crawl refuses (%s): about the export, not crawl.checkpoint()", (_, resume) => {
    const client = createClient({ baseUrl: sandbox.url, user: 'me@inst.edu', apiKey: 'secret', env: {} });
    let error: unknown;
    try {
      client.files.all({}, { resume: resume as never });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    const said = inCliWords(error as InvalidInputError);
    expect(said.message).toMatch(/^cannot resume the export: its saved position /);
    expect(said.message).not.toMatch(/checkpoint/);
    expect(said.hint).toContain('--full');
  });

  it('list items --all per_page=5000 is fine: --all clamps per_page', async () => {
    const result = await runInProcess(['list', 'items', '--all', 'per_page=5000', '--quiet'], { env: sandboxEnv(sandbox) });
    expect(result.code, result.stderr).toBe(0);
  });
});

describe('--url with the API path', () => {
  it.each([
    ['https://demo.aptrust.org/member-api/v3', 'https://demo.aptrust.org'],
    ['https://demo.aptrust.org/member-api/v3/', 'https://demo.aptrust.org'],
    ['https://example.org/registry/member-api/v3//', 'https://example.org/registry'],
    ['https://example.org/member-api/v3x', 'https://example.org/member-api/v3x'],
  ])('createClient takes %s as %s', (baseUrl, expected) => {
    expect(createClient({ baseUrl, user: 'me@inst.edu', apiKey: 'secret', env: {} }).baseUrl).toBe(expected);
  });

  it.each(['/member-api/v3', '/member-api/v3/'])('%s is dropped: the request goes to /member-api/v3/items once', async (suffix) => {
    const before = sandbox.requests.length;
    const env = { ...sandboxEnv(sandbox), APTRUST_REGISTRY_URL: undefined };
    const result = await runInProcess(['list', 'items', 'per_page=1', '--quiet', '--url', `${sandbox.url}${suffix}`], { env });
    expect(result.code, result.stderr).toBe(0);
    const paths = sandbox.requests.slice(before).map((r) => r.url.split('?')[0]);
    expect(paths).toEqual(['/member-api/v3/items']);
  });
});

describe('sandbox --port taken', () => {
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
  });

  it('is a usage error (exit 2) naming the address, with what to do instead', async () => {
    const result = await runInProcess(['sandbox', '--port', String(port)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`aptrust-registry: sandbox: 127.0.0.1:${port} is already in use`);
    expect(result.stderr).toContain('aptrust-registry: hint: choose another --port, or --port 0 for any free one');
    expect(result.stderr).not.toContain('unexpected error');
    expect(result.stdout).toBe('');
  });
});

/** What reportError prints for `error`, and the exit code. */
function reported(error: unknown): { code: number; lines: string[] } {
  const stderr = new PassThrough();
  let text = '';
  stderr.setEncoding('utf8').on('data', (d: string) => {
    text += d;
  });
  const io = { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env: {} };
  const code = reportError(io, error, false);
  return { code, lines: text.trimEnd().split('\n') };
}

describe('every failure with something to do ends with a hint', () => {
  const where = 'GET /member-api/v3/items';
  const CASES: { code: RegistryErrorCode; error: RegistryError; hint: RegExp }[] = [
    { code: 'configuration', error: new ConfigurationError('No Registry chosen'), hint: /APTRUST_REGISTRY_URL/ },
    { code: 'authentication', error: new AuthenticationError(`${where} was refused: HTTP 401`), hint: /--email.*API key/ },
    { code: 'permission', error: new PermissionError(`${where} was refused: HTTP 403`), hint: /own institution/ },
    { code: 'not_found', error: new NotFoundError(`${where}/show/9: HTTP 404`), hint: /check the id or identifier.*--url/ },
    { code: 'rate_limited', error: new RateLimitError(`${where}: HTTP 429 Too Many Requests`), hint: /wait a minute/ },
    { code: 'server', error: new ServerError('server', `${where}: HTTP 500`), hint: /run again later/ },
    { code: 'maintenance', error: new ServerError('maintenance', `${where}: maintenance`), hint: /later/ },
    { code: 'bad_response', error: new ServerError('bad_response', `${where}: not JSON`), hint: /--url.*--debug/ },
    { code: 'redirect', error: new NetworkError('redirect', `${where} answered HTTP 302`), hint: /--url/ },
    { code: 'timeout', error: new TimeoutError(`${where} timed out after 60000 ms`), hint: /APTRUST_REGISTRY_TIMEOUT_MS/ },
    { code: 'network', error: new NetworkError('network', `${where} failed: ECONNREFUSED`), hint: /network connection.*--url/ },
    { code: 'http', error: new RegistryError('http', `${where}: unexpected HTTP 400`), hint: /proxy.*--url/ },
  ];

  it.each(CASES)('$code: message, then a hint line', ({ error, hint }) => {
    const { lines } = reported(error);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`aptrust-registry: ${error.message}`);
    expect(lines[1]).toMatch(/^aptrust-registry: hint: /);
    expect(lines[1]).toMatch(hint);
  });

  it('covers every code that has a next step', () => {
    const none: RegistryErrorCode[] = ['invalid_input', 'aborted'];
    const codes = new Set(CASES.map((c) => c.code));
    // A Record over the union: a code added to the client must be placed in CASES or `none`.
    const all: Record<RegistryErrorCode, true> = {
      invalid_input: true,
      configuration: true,
      authentication: true,
      permission: true,
      not_found: true,
      rate_limited: true,
      server: true,
      maintenance: true,
      redirect: true,
      bad_response: true,
      timeout: true,
      aborted: true,
      network: true,
      http: true,
    };
    for (const code of Object.keys(all) as RegistryErrorCode[]) expect(codes.has(code) || none.includes(code), code).toBe(true);
  });

  it("the client's own hint wins over the CLI's default", () => {
    const { lines } = reported(new ServerError('maintenance', 'down', { hint: 'Try again later.' }));
    expect(lines[1]).toBe('aptrust-registry: hint: Try again later.');
  });

  it('no hint where there is nothing to add', () => {
    expect(reported(new InvalidInputError('status must be one of A, B')).lines).toHaveLength(1);
    expect(reported(new AbortedError('the crawl was aborted by the caller')).lines).toHaveLength(1);
  });

  it('a usage error without a hint of its own points to --help', async () => {
    const result = await runInProcess(['list', 'items', '--concurrency', '2'], { env: sandboxEnv(sandbox) });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'aptrust-registry: --concurrency only applies with --all\naptrust-registry: hint: run with --help for usage\n',
    );
  });

  it('get of a missing id: exit 4 and the 404 hint, end to end', async () => {
    const result = await runInProcess(['get', 'items', '999999999'], { env: sandboxEnv(sandbox) });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/\naptrust-registry: hint: check the id or identifier/);
  });
});
