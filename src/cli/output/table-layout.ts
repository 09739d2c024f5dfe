// Column widths that fit a terminal: start from each column's natural width (capped, so one long
// identifier cannot take the whole screen), then take characters from the widest column until
// the row fits. Cut cells end in "…".
const GAP = 2;
const NATURAL_CAP = 60;
const MIN_WIDTH = 4;

export function textWidth(text: string): number {
  return [...text].length;
}

export function fitWidths(headers: readonly string[], rows: readonly string[][], maxWidth: number): number[] {
  const widths = headers.map((header, i) => {
    let w = textWidth(header);
    for (const row of rows) w = Math.max(w, textWidth(row[i] ?? ''));
    return Math.min(w, Math.max(NATURAL_CAP, textWidth(header)));
  });
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
  while (total() > maxWidth) {
    let widest = 0;
    for (let i = 1; i < widths.length; i += 1) if (widths[i] > widths[widest]) widest = i;
    if (widths[widest] <= MIN_WIDTH) break; // cannot shrink further; the terminal wraps
    widths[widest] -= 1;
  }
  return widths;
}

export function fitCell(text: string, width: number): string {
  const chars = [...text];
  if (chars.length > width) return `${chars.slice(0, Math.max(0, width - 1)).join('')}…`;
  return text + ' '.repeat(width - chars.length);
}

export function formatRow(cells: readonly string[], widths: readonly number[]): string {
  // No trailing spaces after the last column.
  return cells
    .map((cell, i) => fitCell(cell, widths[i]))
    .join(' '.repeat(GAP))
    .trimEnd();
}
