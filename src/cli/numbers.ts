// How the CLI writes a count for people, everywhere (summaries, notes, progress, the health page):
// 1,234,567, whatever the machine's locale, so logs read and grep the same on every runner.

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1,234,567 (exact for bigints too; a fraction is rounded away, as for a rate per second). */
export function formatCount(n: number | bigint): string {
  return INTEGER.format(n);
}
