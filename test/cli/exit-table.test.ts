// The exit-code table itself: every client error code has an exit code, --help prints the same
// table the code uses, and an unexpected error is 1 (not reachable from outside by design).
import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  ConfigurationError,
  InvalidInputError,
  NetworkError,
  NotFoundError,
  PermissionError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { EXIT, EXIT_CODE_TABLE } from '../../src/cli/exit-codes.js';
import { exitCodeFor } from '../../src/cli/report-error.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { runInProcess } from './in-process.js';

describe.concurrent('exit code table', () => {
  it('maps errors to codes', () => {
    expect(exitCodeFor(new Error('boom'))).toBe(EXIT.unexpected);
    expect(exitCodeFor(new UsageError('x'))).toBe(EXIT.usage);
    expect(exitCodeFor(new InvalidInputError('x'))).toBe(EXIT.usage);
    expect(exitCodeFor(new ConfigurationError('x'))).toBe(EXIT.usage);
    expect(exitCodeFor(new AuthenticationError('x'))).toBe(EXIT.auth);
    expect(exitCodeFor(new PermissionError('x'))).toBe(EXIT.auth);
    expect(exitCodeFor(new NotFoundError('x'))).toBe(EXIT.notFound);
    for (const code of ['server', 'rate_limited', 'maintenance', 'bad_response'] as const)
      expect(exitCodeFor(new ServerError(code, 'x'))).toBe(EXIT.server);
    expect(exitCodeFor(new TimeoutError('x'))).toBe(EXIT.server);
    expect(exitCodeFor(new NetworkError('network', 'x'))).toBe(EXIT.server);
  });

  it('covers 0-9 once each', () => {
    expect(EXIT_CODE_TABLE.map((e) => e.code)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it.each([[[]], [['list']], [['get']], [['wait-ingest']], [['report']], [['report', 'stalled']], [['sandbox']], [['verify']]])(
    '%j --help shows examples and the same table, exit 0',
    async (args) => {
      const result = await runInProcess([...args, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Examples:');
      for (const { code, meaning } of EXIT_CODE_TABLE) expect(result.stdout).toContain(`  ${code}  ${meaning}`);
    },
  );
});
