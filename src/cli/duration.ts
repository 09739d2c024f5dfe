// Durations for --timeout and --interval: 1500ms, 30s, 5m, 1h, or a bare number of seconds.
import { UsageError } from './usage-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`${flag} "${text}" is not a duration`, 'use e.g. 1500ms, 30s, 5m or 1h');
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']);
  if (ms <= 0) throw new UsageError(`${flag} must be more than zero, got "${text}"`);
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
