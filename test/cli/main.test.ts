// main(), the executable's entry, with injected streams and exit: a closed pipe on stdout (EPIPE,
// `| head`) ends it with exit 0; a failing stderr is ignored. The real thing, with a real pipe and
// a real process, is in terminal.test.ts (`| head`).
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/run.js';

function epipe(): NodeJS.ErrnoException {
  return Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
}

describe('main()', () => {
  it('EPIPE on stdout exits 0; an error on stderr is ignored; the exit code is returned, not set', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const exits: number[] = [];
    const code = await main({
      argv: ['--help'],
      io: { stdout, stderr, stdin: Readable.from([]), env: {} },
      exit: (c) => exits.push(c),
    });
    expect(code).toBe(0);
    expect(process.exitCode).toBeUndefined();
    stderr.emit('error', epipe());
    expect(exits).toEqual([]);
    stdout.emit('error', epipe());
    expect(exits).toEqual([0]);
  });
});
