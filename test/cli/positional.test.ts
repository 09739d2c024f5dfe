// How the command line is split between the program and a command (positional options): the
// global options come before or after a command's name (the later one counts), -V/--version works
// in either place, and everything after `sandbox` is the sandbox's own, -V included.
import { describe, expect, it } from 'vitest';
import { runInProcess } from './in-process.js';

// Nothing listens on port 9: a request fails at once with ECONNREFUSED, naming the host it tried.
const ENV = { APTRUST_REGISTRY_EMAIL: 'me@example.edu', APTRUST_REGISTRY_API_KEY: 'k'.repeat(20) };
const FIRST = 'http://127.0.0.1:9';
const SECOND = 'http://127.0.0.2:9';

describe.concurrent('the program and its commands', () => {
  it.each([
    [['--url', FIRST, 'list', 'items', '--url', SECOND], '127.0.0.2'],
    [['--url', SECOND, 'list', 'items', '--url', FIRST], '127.0.0.1'],
    [['--url', FIRST, 'report', '--url', SECOND, 'stalled'], '127.0.0.2'],
    [['report', '--url', SECOND, 'stalled', '--url', FIRST], '127.0.0.1'],
    [['--url', SECOND, 'wait-ingest', '--name', 'bag.tar', '--timeout', '1s', '--url', FIRST], '127.0.0.1'],
  ])('%j: a global option given twice, the later counts (%s)', async (args, host) => {
    const result = await runInProcess([...args, '--retries', '0'], { env: ENV });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain(`ECONNREFUSED ${host}:9`);
  });

  it('an option value that is a command name is a value (--email sandbox)', async () => {
    const result = await runInProcess(['--email', 'sandbox', 'list', 'items', '--url', FIRST, '--retries', '0'], { env: ENV });
    expect(result.code, result.stderr).toBe(5);
    expect(result.stderr).toContain('ECONNREFUSED');
  });

  it.each([[['get', '--version']], [['report', 'stalled', '-V']], [['report', '--version', 'stalled']], [['-V', 'sandbox']]])(
    '%j prints the version, without a request or a missing-argument error',
    async (args) => {
      const result = await runInProcess(args, { env: { APTRUST_REGISTRY_URL: FIRST } });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\S*\n$/);
      expect(result.stderr).toBe('');
    },
  );

  it.each([
    [['sandbox', '--version'], "Unknown option '--version'"],
    [['sandbox', '--port', '0', '-V'], "Unknown option '-V'"],
    [['sandbox', '--port', '0', '--url', 'http://127.0.0.1:9'], "Unknown option '--url'"],
    [['sandbox', '--port', 'abc'], '--port expects an integer'],
  ])('%j: the flags after sandbox are all its own (exit 2, not started)', async (args, message) => {
    const result = await runInProcess(args);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`sandbox: ${message}`);
  });

  it('--help lists the global options once on the program, and on a command under their own heading', async () => {
    const program = await runInProcess(['--help']);
    expect(program.stdout.match(/--api-key-file <file>/g)).toHaveLength(1);
    const list = await runInProcess(['list', '--help']);
    expect(list.stdout.match(/--api-key-file <file>/g)).toHaveLength(1);
    expect(list.stdout.indexOf('Global options:')).toBeLessThan(list.stdout.indexOf('--api-key-file'));
    expect(list.stdout).not.toContain('--version');
  });

  it('a misspelt global option after the command gets a "did you mean"', async () => {
    const result = await runInProcess(['list', 'items', '--qiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown option '--qiet'[\s\S]*Did you mean --quiet\?/);
  });
});
