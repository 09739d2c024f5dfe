// Column widths that fit a terminal: start from each column's natural width (capped, so one long
// identifier cannot take the whole screen), then take columns from the widest column until the
// row fits. Cut cells end in "…". Widths are display widths (string-width): a CJK character or
// an emoji takes two columns of the terminal, a combining accent none, so `日本語` lines up.
import stringWidth from 'string-width';

const GAP = 2;
const NATURAL_CAP = 60;
const MIN_WIDTH = 4;
const ELLIPSIS = '…';

// Printable ASCII is one column a character: most cells, measured without the Unicode tables.
const ASCII = /^[\x20-\x7e]*$/;

/** Terminal columns `text` takes (it has no control characters: displayText replaced them). */
export function textWidth(text: string): number {
  return ASCII.test(text) ? text.length : stringWidth(text);
}

let graphemes: Intl.Segmenter | undefined;

/** The user-perceived characters of `text`: a cut never splits a surrogate pair, an emoji sequence or an accent from its letter. */
function clusters(text: string): Iterable<string> {
  graphemes ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  return [...graphemes.segment(text)].map((s) => s.segment);
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

/**
 * `text` in exactly `width` terminal columns: padded with spaces, or cut to what fits before a
 * "…" (a wide character that would straddle the edge is left out whole, and a space makes up the column).
 */
export function fitCell(text: string, width: number): string {
  const w = textWidth(text);
  if (w <= width) return text + ' '.repeat(width - w);
  if (ASCII.test(text)) return `${text.slice(0, Math.max(0, width - 1))}${ELLIPSIS}`;
  const room = Math.max(0, width - 1);
  let kept = '';
  let used = 0;
  for (const cluster of clusters(text)) {
    const cw = stringWidth(cluster);
    if (used + cw > room) break;
    kept += cluster;
    used += cw;
  }
  return `${kept}${ELLIPSIS}${' '.repeat(room - used)}`;
}

export function formatRow(cells: readonly string[], widths: readonly number[]): string {
  // No trailing spaces after the last column.
  return cells
    .map((cell, i) => fitCell(cell, widths[i]))
    .join(' '.repeat(GAP))
    .trimEnd();
}
