// Runs the CLI inside the test process (src/cli/run.ts) with captured streams and a clock the test
// drives, for waits that must not depend on how fast the machine is. Everything else about the
// run is real: the client, HTTP to a loopback server, exit codes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Clock } from '../../src/cli/clock.js';
import { run } from '../../src/cli/run.js';

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** An empty settings file, so a developer's own ~/.aptrust never takes part (HOME is the test's). */
const NO_SETTINGS = path.join(mkdtempSync(path.join(tmpdir(), 'aptrust-cli-settings-')), 'empty');
writeFileSync(NO_SETTINGS, '');

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.setEncoding('utf8').on('data', (d: string) => {
    text += d;
  });
  return { stream, text: () => text };
}

export async function runInProcess(args: readonly string[], env: Record<string, string>, clock: Clock): Promise<InProcessResult> {
  const out = capture();
  const err = capture();
  const code = await run(
    [...args, '--config', NO_SETTINGS],
    { stdout: out.stream, stderr: err.stream, stdin: Readable.from([]), env },
    clock,
  );
  await new Promise(setImmediate); // let the captured streams deliver their last chunks
  return { code, stdout: out.text(), stderr: err.text() };
}

/**
 * Virtual time: it moves only when the CLI sleeps, and a deadline fires when a sleep reaches it.
 * So `--timeout 5m --interval 30s` makes exactly 10 polls, at any machine speed, in milliseconds.
 */
export function virtualClock(start = Date.UTC(2026, 11, 1, 12)): Clock & { elapsed(): number } {
  let now = start;
  const pending: { at: number; controller: AbortController }[] = [];
  return {
    now: () => now,
    elapsed: () => now - start,
    async sleep(ms, signal) {
      const target = now + ms;
      pending.sort((a, b) => a.at - b.at);
      for (const deadline of pending.filter((d) => d.at <= target)) {
        now = Math.max(now, deadline.at);
        pending.splice(pending.indexOf(deadline), 1);
        deadline.controller.abort();
        if (signal.aborted) break;
      }
      if (!signal.aborted) now = target;
      await new Promise(setImmediate); // a real sleep yields to the event loop; so does this one
    },
    deadline(ms) {
      const entry = { at: now + ms, controller: new AbortController() };
      pending.push(entry);
      return {
        signal: entry.controller.signal,
        clear: () => {
          const at = pending.indexOf(entry);
          if (at >= 0) pending.splice(at, 1);
        },
      };
    },
  };
}
