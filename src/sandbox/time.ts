// Timestamps are kept as microseconds since the Unix epoch (UTC wall clock), the
// resolution of a Postgres `timestamp` column. `null` stands for SQL NULL.

export const US_PER_SECOND = 1_000_000;
export const US_PER_DAY = 86_400 * US_PER_SECOND;

/** The Go zero time, which the server sends in place of NULL (errata §6.2). */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';

export function utcUs(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, us = 0): number {
  return Date.UTC(y, mo - 1, d, h, mi, s) * 1000 + us;
}

/**
 * Go's time.Time JSON form (RFC 3339, `Z`, fractional seconds only when non-zero and with
 * trailing zeros trimmed) — errata §6.2.
 */
export function formatTime(us: number | null): string {
  if (us === null) return GO_ZERO_TIME;
  // Generated timestamps repeat a lot (ties by design), so a small memo pays off on big pages.
  const hit = memo.get(us);
  if (hit !== undefined) return hit;
  const text = format(us);
  if (memo.size >= 50_000) memo.clear();
  memo.set(us, text);
  return text;
}

const memo = new Map<number, string>();

function format(us: number): string {
  const ms = Math.floor(us / 1000);
  const base = new Date(ms).toISOString().slice(0, 19);
  const frac = ((us % US_PER_SECOND) + US_PER_SECOND) % US_PER_SECOND;
  if (frac === 0) return `${base}Z`;
  return `${base}.${String(frac).padStart(6, '0').replace(/0+$/, '')}Z`;
}

/** Round down to whole seconds — generated data mostly has no fraction, like the fixtures. */
export function wholeSeconds(us: number): number {
  return Math.floor(us / US_PER_SECOND) * US_PER_SECOND;
}

/**
 * The sandbox's "now" for rows it writes after start (sandbox changes, simulated ingests): the
 * wall clock at microsecond resolution, but never earlier than `floor` (after every generated
 * timestamp) and strictly increasing, so every row written gets a distinct instant after every
 * timestamp already in the data.
 */
export class SandboxClock {
  private last = -Infinity;

  constructor(
    private readonly floor: number,
    private readonly wallUs: () => number = () => Date.now() * 1000,
  ) {}

  now(): number {
    const t = Math.max(this.last + 1, this.wallUs(), this.floor);
    this.last = t;
    return t;
  }
}
