// Progress on stderr for --all crawls and reports, never on stdout (that is the data). Three modes:
// a bar for a person at a terminal (see progressEnabled), a line every 30 s plus a summary for CI
// logs and other non-terminals (a bar redrawn thousands of times makes a useless log, and no output
// at all for an hour looks like a hang), nothing with --quiet. The total comes from the Registry's
// count, which can be stale (errata §2.3), so it grows when the crawl passes it.
import type { Clock } from './clock.js';
import type { CliIO } from './io.js';
import { progressEnabled } from './io.js';
import { say } from './report-error.js';
import { formatCount } from './numbers.js';

export type ProgressMode = 'bar' | 'lines' | 'none';

export interface StopOptions {
  /** Added to the summary line, e.g. `12 new, 3 changed, 2 left`. */
  note?: string;
}

export interface Progress {
  increment(): void;
  addTotal(count: number): void;
  /** The crawl completed: stops, and in lines mode prints `files: N records in 8m32s (1,955/s)`. */
  done(options?: StopOptions): void;
  /**
   * Stops. Without done() first the crawl did not complete (it failed, or was cut short), so lines
   * mode says `files: stopped after N records, 4m10s`, never a summary that reads as complete.
   * Safe to call again (in a finally after done()): only the first done() or stop() counts.
   */
  stop(options?: StopOptions): void;
}

/** Runs `tick` every `ms` until the returned function is called; must not keep the process alive. */
export type Ticker = (ms: number, tick: () => void) => () => void;

export interface ProgressOptions {
  /** Between two lines in lines mode. Default 30 s. */
  intervalMs?: number;
  /** Default: setInterval, unref'd (looked up at each start, so vitest's fake timers drive it). */
  ticker?: Ticker;
}

export const LINE_INTERVAL_MS = 30_000;

/** 'none' with --quiet, a bar for a person at a terminal, else lines (CI logs, files, pipes). */
export function progressMode(io: CliIO, quiet: boolean): ProgressMode {
  if (quiet) return 'none';
  return progressEnabled(io, quiet) ? 'bar' : 'lines';
}

const NONE: Progress = { increment() {}, addTotal() {}, done() {}, stop() {} };

const systemTicker: Ticker = (ms, tick) => {
  const timer = globalThis.setInterval(tick, ms);
  // A crawl that ends (or fails) must not wait for the next line to exit.
  timer.unref?.();
  return () => globalThis.clearInterval(timer);
};

/** 45s, 1m05s, 8m32s, 1h02m03s: the elapsed time in a progress line. */
export function formatSpan(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${pad(m)}m${pad(s)}s`;
  if (m > 0) return `${m}m${pad(s)}s`;
  return `${s}s`;
}

const records = (n: number) => `${formatCount(n)} ${n === 1 ? 'record' : 'records'}`;

/** Records per second over the whole run; none under a second, where it would mean little. */
function rate(count: number, elapsedMs: number): string | undefined {
  return elapsedMs < 1000 ? undefined : `${formatCount((count * 1000) / elapsedMs)}/s`;
}

export async function startProgress(
  io: CliIO,
  mode: ProgressMode,
  label: string,
  clock: Pick<Clock, 'now'>,
  options: ProgressOptions = {},
): Promise<Progress> {
  if (mode === 'none') return NONE;
  if (mode === 'lines') return startLines(io, label, clock, options);
  return startBar(io, label);
}

function startLines(io: CliIO, label: string, clock: Pick<Clock, 'now'>, options: ProgressOptions): Progress {
  const started = clock.now();
  let value = 0;
  let total = 0;
  let finished = false;
  const line = () => {
    const elapsed = clock.now() - started;
    const count = total > 0 ? `${formatCount(value)} of ~${records(Math.max(total, value))}` : records(value);
    say(io, [`${label}: ${count}`, rate(value, elapsed), `${formatSpan(elapsed)} elapsed`].filter(Boolean).join(', '));
  };
  // A timer, not a check on each record: the line must come out while records stop arriving too
  // (a long retry wait), which is when someone reading the log most wants to see it still alive.
  const cancel = (options.ticker ?? systemTicker)(options.intervalMs ?? LINE_INTERVAL_MS, line);
  const finish = (complete: boolean, note: string | undefined) => {
    if (finished) return;
    finished = true;
    cancel();
    const elapsed = clock.now() - started;
    const perSecond = rate(value, elapsed);
    const summary = complete
      ? `${label}: ${records(value)} in ${formatSpan(elapsed)}${perSecond ? ` (${perSecond})` : ''}`
      : `${label}: stopped after ${records(value)}, ${formatSpan(elapsed)}`;
    say(io, note ? `${summary}; ${note}` : summary);
  };
  return {
    increment() {
      value += 1;
    },
    addTotal(count) {
      total += count;
    },
    done: (stopOptions) => finish(true, stopOptions?.note),
    stop: (stopOptions) => finish(false, stopOptions?.note),
  };
}

async function startBar(io: CliIO, label: string): Promise<Progress> {
  // Loaded only when a bar is drawn (a person at a terminal), never in pipes and CI.
  const { default: cliProgress } = await import('cli-progress');
  let value = 0;
  let total = 0;
  /** The counts added so far; the total shown is never less than the records seen. */
  let expected = 0;
  // Until the Registry's count arrives (an export never asks for one) there is no total to show a
  // bar against: the frame says how many so far (`files 1,234 records | 12s`), never `0/0`.
  let counted = false;
  const bar = new cliProgress.SingleBar(
    {
      stream: io.stderr,
      format: (options, params, payload) => {
        const format = counted
          ? `${label} {bar} ${formatCount(params.value)}/${formatCount(params.total)} records | {duration_formatted}`
          : `${label} ${records(params.value)} | {duration_formatted}`;
        return cliProgress.Format.Formatter({ ...options, format }, params, payload);
      },
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let finished = false;
  bar.start(0, 0);
  // The bar is cleared at the end (clearOnComplete), as before: a person at a terminal sees the
  // output itself, or the "no … found" note.
  const finish = () => {
    if (finished) return;
    finished = true;
    bar.stop();
  };
  return {
    increment() {
      value += 1;
      if (value > total) {
        total = value;
        bar.setTotal(total);
      }
      bar.update(value);
    },
    addTotal(count) {
      counted = true;
      expected += count;
      total = Math.max(value, expected);
      bar.setTotal(total);
    },
    done: finish,
    stop: finish,
  };
}
