// Durations for --timeout and --interval: 1500ms, 30s, 5m, 1h, or a bare number of seconds.
import { UsageError } from './usage-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest delay a Node timer can wait (2^31 - 1 ms, as the client's timeoutMs); a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647;

/** 596h, the longest whole-hour duration a Node timer can wait (2^31 - 1 ms, about 24.8 days). */
const MAX_HOURS = Math.floor(MAX_TIMER_MS / UNIT_MS.h);

export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} "${text}" is not a duration`, 'use e.g. 1500ms, 30s, 5m or 1h');
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
  if (ms <= 0) throw new UsageError(`${flag} must be more than zero, got "${text}"`);
  // Node fires a longer timer at once: --timeout would end the wait at the start, --interval poll without pause.
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(
      `${flag} must be at most ${MAX_HOURS}h (about 24 days), got "${text}"`,
      'Node cannot schedule a longer timer: use e.g. 24h, or at most 2147483647ms',
    );
  }
  return ms;
}

/** 0:05, 12:30, 1:02:03: elapsed time for progress lines. */
export function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
