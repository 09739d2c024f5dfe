/** µs since the epoch of a wire timestamp (RFC 3339 in UTC, up to 6 fractional digits). */
export function us(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?Z$/.exec(text);
  if (!m) throw new Error(`not a wire timestamp: ${text}`);
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** The wire text of µs with all six digits, as a windowed crawl sends its bounds. */
export function wire(t: number): string {
  const s = Math.floor(t / 1_000_000);
  return `${new Date(s * 1000).toISOString().slice(0, 19)}.${String(t - s * 1_000_000).padStart(6, '0')}Z`;
}

export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
