// Progress for --all crawls and reports: a bar at a terminal, a line every 30 s and a summary in CI
// logs, nothing with --quiet; stderr only. Time is a fake clock and fake timers throughout, so
// what comes out is the same on any machine however slow.
import { Readable, Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { formatSpan, LINE_INTERVAL_MS, progressMode, startProgress } from '../../src/cli/progress.js';
import type { Ticker } from '../../src/cli/progress.js';

type Captured = Writable & { isTTY?: boolean; text: () => string };

function captured(tty = false): Captured {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  }) as Captured;
  if (tty) stream.isTTY = true;
  stream.text = () => chunks.join('');
  return stream;
}

function fakeIO(options: { tty?: boolean; env?: Record<string, string> } = {}) {
  const stdout = captured(options.tty);
  const stderr = captured(options.tty);
  const io: CliIO = { stdout, stderr, stdin: Readable.from([]), env: options.env ?? {} };
  return { io, stdout, stderr, lines: () => stderr.text().split('\n').filter(Boolean) };
}

/** A clock the test moves by hand. */
function fakeClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** A ticker the test fires by hand, recording the interval asked for and whether it was cancelled. */
function manualTicker() {
  const state = { ms: 0, tick: () => {}, cancelled: false };
  const ticker: Ticker = (ms, tick) => {
    state.ms = ms;
    state.tick = tick;
    return () => {
      state.cancelled = true;
    };
  };
  return { ticker, state };
}

describe('progressMode', () => {
  it('none with --quiet, whatever the terminal', () => {
    expect(progressMode(fakeIO({ tty: true }).io, true)).toBe('none');
    expect(progressMode(fakeIO().io, true)).toBe('none');
  });

  it('a bar for a person at a terminal; lines when stderr is not one, in CI, or TERM=dumb', () => {
    expect(progressMode(fakeIO({ tty: true }).io, false)).toBe('bar');
    expect(progressMode(fakeIO().io, false)).toBe('lines');
    expect(progressMode(fakeIO({ tty: true, env: { CI: 'true' } }).io, false)).toBe('lines');
    expect(progressMode(fakeIO({ tty: true, env: { TERM: 'dumb' } }).io, false)).toBe('lines');
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [45_000, '45s'],
    [65_000, '1m05s'],
    [512_000, '8m32s'],
    [3_723_000, '1h02m03s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});

describe('lines mode (CI logs)', () => {
  it('a line every 30 s with records, rate and elapsed time; a summary at the end; stdout untouched', async () => {
    const { io, stdout, lines } = fakeIO();
    const clock = fakeClock();
    const { ticker, state } = manualTicker();
    const progress = await startProgress(io, 'lines', 'files', clock, { ticker });
    expect(state.ms).toBe(LINE_INTERVAL_MS);
    expect(lines()).toEqual([]); // nothing before the first interval
    for (let i = 0; i < 120_250; i += 1) progress.increment();
    clock.advance(65_000);
    state.tick();
    expect(lines()).toEqual(['aptrust-registry: files: 120,250 records, 1,850/s, 1m05s elapsed']);
    progress.done();
    expect(lines()[1]).toBe('aptrust-registry: files: 120,250 records in 1m05s (1,850/s)');
    expect(state.cancelled).toBe(true);
    expect(stdout.text()).toBe('');
  });

  it('the expected total, once known, as "N of ~total"', async () => {
    const { io, lines } = fakeIO();
    const clock = fakeClock();
    const { ticker, state } = manualTicker();
    const progress = await startProgress(io, 'lines', 'files', clock, { ticker });
    progress.addTotal(1_001_304);
    for (let i = 0; i < 120_000; i += 1) progress.increment();
    clock.advance(60_000);
    state.tick();
    expect(lines()).toEqual(['aptrust-registry: files: 120,000 of ~1,001,304 records, 2,000/s, 1m00s elapsed']);
  });

  it('a stale count the crawl passes is shown as the records seen so far', async () => {
    const { io, lines } = fakeIO();
    const clock = fakeClock();
    const { ticker, state } = manualTicker();
    const progress = await startProgress(io, 'lines', 'items', clock, { ticker });
    progress.addTotal(2);
    for (let i = 0; i < 3; i += 1) progress.increment();
    clock.advance(30_000);
    state.tick();
    expect(lines()).toEqual(['aptrust-registry: items: 3 of ~3 records, 0/s, 30s elapsed']);
  });

  it('lines keep coming while no records arrive (a long retry wait), from a real unref’d interval', async () => {
    vi.useFakeTimers();
    try {
      const { io, lines } = fakeIO();
      const progress = await startProgress(io, 'lines', 'files', { now: () => Date.now() });
      for (let i = 0; i < 2_600; i += 1) progress.increment();
      await vi.advanceTimersByTimeAsync(29_999);
      expect(lines()).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      await vi.advanceTimersByTimeAsync(30_000);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(lines()).toEqual([
        'aptrust-registry: files: 2,600 records, 87/s, 30s elapsed',
        'aptrust-registry: files: 2,600 records, 43/s, 1m00s elapsed',
        'aptrust-registry: files: 2,600 records, 29/s, 1m30s elapsed',
      ]);
      progress.stop();
      expect(vi.getTimerCount()).toBe(0); // the interval is gone: nothing keeps the process alive
      await vi.advanceTimersByTimeAsync(60_000);
      expect(lines()).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a crawl that did not complete says it stopped, never "N records in …"', async () => {
    const { io, lines } = fakeIO();
    const clock = fakeClock();
    const { ticker, state } = manualTicker();
    const progress = await startProgress(io, 'lines', 'files', clock, { ticker });
    for (let i = 0; i < 2_600; i += 1) progress.increment();
    clock.advance(250_000);
    progress.stop();
    expect(lines()).toEqual(['aptrust-registry: files: stopped after 2,600 records, 4m10s']);
    expect(lines().join('\n')).not.toMatch(/records in/);
    expect(state.cancelled).toBe(true);
  });

  it('done() then the finally block’s stop(): one summary, no "stopped" line', async () => {
    const { io, lines } = fakeIO();
    const clock = fakeClock();
    const progress = await startProgress(io, 'lines', 'files', clock, { ticker: manualTicker().ticker });
    for (let i = 0; i < 1_001_304; i += 1) progress.increment();
    clock.advance(512_000);
    progress.done({ note: '12 new, 3 changed, 2 left' });
    progress.stop();
    progress.done();
    expect(lines()).toEqual(['aptrust-registry: files: 1,001,304 records in 8m32s (1,956/s); 12 new, 3 changed, 2 left']);
  });

  it('a note on a stopped crawl too; one record is "1 record"; no rate under a second', async () => {
    const { io, lines } = fakeIO();
    const clock = fakeClock();
    const stopped = await startProgress(io, 'lines', 'objects', clock, { ticker: manualTicker().ticker });
    stopped.increment();
    stopped.stop({ note: 'interrupted' });
    const done = await startProgress(io, 'lines', 'objects', clock, { ticker: manualTicker().ticker });
    done.increment();
    clock.advance(400);
    done.done();
    expect(lines()).toEqual([
      'aptrust-registry: objects: stopped after 1 record, 0s; interrupted',
      'aptrust-registry: objects: 1 record in 0s',
    ]);
  });
});

describe('none (--quiet)', () => {
  it('writes nothing anywhere and starts no timer', async () => {
    vi.useFakeTimers();
    try {
      const { io, stdout, stderr } = fakeIO();
      const progress = await startProgress(io, progressMode(io, true), 'files', { now: () => Date.now() });
      expect(vi.getTimerCount()).toBe(0);
      progress.addTotal(10);
      progress.increment();
      await vi.advanceTimersByTimeAsync(120_000);
      progress.done({ note: 'x' });
      progress.stop();
      expect(stdout.text()).toBe('');
      expect(stderr.text()).toBe('');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('bar mode (a person at a terminal)', () => {
  it('draws a cli-progress bar on stderr, none on stdout, and no summary lines', async () => {
    const { io, stdout, stderr } = fakeIO({ tty: true });
    const { ticker, state } = manualTicker();
    const progress = await startProgress(io, progressMode(io, false), 'files', fakeClock(), { ticker });
    progress.addTotal(3);
    for (let i = 0; i < 3; i += 1) progress.increment();
    progress.done();
    progress.stop();
    expect(stderr.text()).toMatch(/files [\u2588\u2591]+ \d+\/3 records/);
    expect(stderr.text()).not.toMatch(/records in|stopped after/);
    expect(state.ms).toBe(0); // no progress lines under a bar
    expect(stdout.text()).toBe('');
  });
});

describe('bar mode before the count is known', () => {
  it('the first frame says how many so far, never 0/0; the bar appears with the count', async () => {
    const { io, stderr } = fakeIO({ tty: true });
    const progress = await startProgress(io, 'bar', 'files', fakeClock());
    const first = stderr.text();
    expect(first).toContain('files 0 records');
    expect(first).not.toMatch(/0\/0/);
    progress.increment();
    progress.addTotal(1234);
    for (let i = 0; i < 1233; i += 1) progress.increment();
    progress.done();
    expect(stderr.text()).not.toMatch(/\b0\/0\b/);
    expect(stderr.text()).toMatch(/files [\u2588\u2591]+ 1,234\/1,234 records/);
  });

  it('without a count (an export) every frame is a running count, without a bar', async () => {
    const { io, stderr } = fakeIO({ tty: true });
    const progress = await startProgress(io, 'bar', 'objects', fakeClock());
    for (let i = 0; i < 1500; i += 1) progress.increment();
    progress.stop();
    expect(stderr.text()).toContain('objects 0 records');
    expect(stderr.text()).not.toMatch(/\d\/\d|[\u2588\u2591]/);
  });
});
