// Runs the CLI inside the test process: main() from src/cli/run.ts, the function bin/ runs, with
// injected argv, environment, stdin/stdout/stderr, exit and (for waits) a clock the test drives.
// Everything else about the run is real: the client, HTTP to a loopback server, exit codes. What
// only a real process can show (its exit status, signals, a closed pipe, the installed bin) is
// left to runCli in ./helpers.ts.
//
// A run leaves the test process as it found it: process.exitCode, process.env and the process's
// signal/exit listeners are checked after every run (a leak fails the test). The one piece of
// process state the CLI reads directly is HOME (os.homedir() for ~/.aptrust): it is set for the
// duration of the runs, the same for concurrent runs, and restored when the last one ends.
import { Readable, PassThrough } from 'node:stream';
import type { Clock } from '../../src/cli/clock.js';
import { main } from '../../src/cli/run.js';
import { childEnv } from './helpers.js';
import type { CliResult } from './helpers.js';

export interface InProcessOptions {
  /** Added to the child-like environment of helpers.childEnv (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Everything stdin will deliver. */
  input?: string;
  /** The real clock unless given. */
  clock?: Clock;
  /** stdout and stderr are terminals (isTTY), as on a pty; their width is then $COLUMNS. */
  terminal?: boolean;
}

type Captured = PassThrough & { isTTY?: boolean; columns?: number };

function capture(terminal: boolean): { stream: Captured; done: () => Promise<string> } {
  const stream: Captured = new PassThrough();
  if (terminal) stream.isTTY = true;
  let text = '';
  stream.setEncoding('utf8').on('data', (d: string) => {
    text += d;
  });
  const ended = new Promise<void>((resolve) => stream.once('end', resolve));
  return {
    stream,
    done: async () => {
      stream.end();
      await ended;
      return text;
    },
  };
}

// ---- process state: HOME shared by concurrent runs, everything else checked for leaks ----

const WATCHED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'exit', 'beforeExit', 'uncaughtException', 'unhandledRejection'];
/** process, as the plain emitter it is (its typed overloads take one event kind at a time). */
const emitter: NodeJS.EventEmitter = process;

interface Baseline {
  home: string | undefined;
  env: Record<string, string | undefined>;
  exitCode: typeof process.exitCode;
  listeners: Map<string, ((...args: unknown[]) => void)[]>;
}

function listenersOf(event: string): ((...args: unknown[]) => void)[] {
  return emitter.listeners(event) as ((...args: unknown[]) => void)[];
}

let active = 0;
let activeHome: string | undefined;
let baseline: Baseline | undefined;
const waiting: (() => void)[] = [];

async function enter(home: string | undefined): Promise<void> {
  while (active > 0 && activeHome !== home) await new Promise<void>((resolve) => waiting.push(resolve));
  if (active === 0) {
    baseline = {
      home: process.env.HOME,
      env: { ...process.env },
      exitCode: process.exitCode,
      listeners: new Map(WATCHED_EVENTS.map((e) => [e, listenersOf(e)])),
    };
    activeHome = home;
    if (home === undefined) delete process.env.HOME;
    else process.env.HOME = home;
  }
  active += 1;
}

/** The leaks found (and undone) when the last concurrent run has ended. */
function leave(): string[] {
  active -= 1;
  if (active > 0 || !baseline) return [];
  const was = baseline;
  baseline = undefined;
  activeHome = undefined;
  if (was.home === undefined) delete process.env.HOME;
  else process.env.HOME = was.home;
  const leaks: string[] = [];
  for (const key of new Set([...Object.keys(was.env), ...Object.keys(process.env)])) {
    if (process.env[key] === was.env[key]) continue;
    leaks.push(`process.env.${key}`);
    if (was.env[key] === undefined) delete process.env[key];
    else process.env[key] = was.env[key];
  }
  if (process.exitCode !== was.exitCode) {
    leaks.push(`process.exitCode=${String(process.exitCode)}`);
    process.exitCode = was.exitCode;
  }
  for (const event of WATCHED_EVENTS) {
    const before = was.listeners.get(event) ?? [];
    for (const listener of listenersOf(event)) {
      if (before.includes(listener)) continue;
      leaks.push(`a process '${event}' listener`);
      emitter.off(event, listener);
    }
  }
  for (const resume of waiting.splice(0)) resume();
  return leaks;
}

/** Runs `aptrust-registry ...args` in this process; same result shape as runCli. */
export async function runInProcess(args: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  const env = childEnv(options.env);
  const out = capture(options.terminal === true);
  const err = capture(options.terminal === true);
  const stdin = Readable.from(options.input === undefined ? [] : [options.input]);
  let exited: number | undefined;
  let leaks: string[] = [];
  await enter(env.HOME);
  // main() never throws (every failure is an exit code); should it, leave() must still run.
  const code = await main({
    argv: args,
    io: { stdout: out.stream, stderr: err.stream, stdin, env },
    exit: (c) => {
      exited ??= c;
    },
    clock: options.clock,
  }).finally(() => {
    leaks = leave();
  });
  if (leaks.length > 0) throw new Error(`the CLI run leaked process state: ${leaks.join(', ')}`);
  const [stdout, stderr] = await Promise.all([out.done(), err.done()]);
  return { code: exited ?? code, stdout, stderr };
}

export interface VirtualClock extends Clock {
  /** Virtual milliseconds since the start. */
  elapsed(): number;
}

export interface VirtualClockOptions {
  start?: number;
  /**
   * Called as virtual time moves by `ms` during a sleep, before the sleeper wakes: e.g.
   * vi.advanceTimersByTimeAsync, so a sandbox's (fake) timers run on the same time as the CLI.
   */
  advance?: (ms: number) => Promise<unknown>;
  /** Called at the start of every sleep (after every poll), with the number of the sleep (1, 2 …). */
  onSleep?: (sleeps: number) => void | Promise<void>;
}

/**
 * Virtual time: it moves only when the CLI sleeps, and a deadline fires when a sleep reaches it.
 * So `--timeout 5m --interval 30s` makes exactly 10 polls, at any machine speed, in milliseconds.
 */
export function virtualClock(options: VirtualClockOptions | number = {}): VirtualClock {
  const { start = Date.UTC(2026, 11, 1, 12), advance, onSleep } = typeof options === 'number' ? { start: options } : options;
  let now = start;
  let sleeps = 0;
  const pending: { at: number; controller: AbortController }[] = [];
  const moveTo = async (t: number) => {
    const ms = t - now;
    now = t;
    if (advance && ms > 0) await advance(ms);
  };
  return {
    now: () => now,
    elapsed: () => now - start,
    async sleep(ms, signal) {
      sleeps += 1;
      await onSleep?.(sleeps);
      const target = now + ms;
      pending.sort((a, b) => a.at - b.at);
      for (const deadline of pending.filter((d) => d.at <= target)) {
        await moveTo(Math.max(now, deadline.at));
        pending.splice(pending.indexOf(deadline), 1);
        deadline.controller.abort();
        if (signal.aborted) break;
      }
      if (!signal.aborted) await moveTo(target);
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
