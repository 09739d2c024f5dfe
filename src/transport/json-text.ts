// UTF-8 JSON bytes as a one-byte string: characters outside ASCII written as \uXXXX escapes.
//
// Why: a page of a thousand records is over a megabyte of ASCII with a few hundred bytes of
// accented or CJK text. Decoded as it is, that makes a two-byte string twice the page's size, and
// the decoding is slow (about 4 ms a page: longer than the copy, almost as long as JSON.parse).
// Inside JSON strings, where alone such characters may stand, `\u00e9` and `é` are the same
// character, so JSON.parse gives the same values. Non-ASCII runs are found by halving the range
// with the native isAscii, so ASCII bytes are never looked at one by one in JavaScript.
import { isAscii } from 'node:buffer';

const SCAN_BELOW = 64;

/** Appends the maximal runs of bytes >= 0x80 in [start, end) to `spans`, as start, end pairs. */
function nonAsciiRuns(bytes: Buffer, start: number, end: number, spans: number[]): void {
  if (end - start > SCAN_BELOW) {
    if (isAscii(bytes.subarray(start, end))) return;
    const middle = (start + end) >>> 1;
    nonAsciiRuns(bytes, start, middle, spans);
    nonAsciiRuns(bytes, middle, end, spans);
    return;
  }
  for (let i = start; i < end; i += 1) {
    if ((bytes[i] as number) < 0x80) continue;
    let j = i + 1;
    while (j < end && (bytes[j] as number) >= 0x80) j += 1;
    // A run cut by a halving boundary continues the previous one.
    if (spans.length > 0 && spans[spans.length - 1] === i) spans[spans.length - 1] = j;
    else spans.push(i, j);
    i = j;
  }
}

/** Whether the byte before `at` is a backslash that escapes (an odd number of them in a row). */
function escapedAt(bytes: Buffer, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && bytes[i] === 0x5c; i -= 1) count += 1;
  return count % 2 === 1;
}

function escapeNonAscii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return out;
}

/** JSON text with the same meaning as `bytes.toString('utf8')`, as a one-byte string. */
export function jsonText(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString('latin1');
  const spans: number[] = [];
  nonAsciiRuns(bytes, 0, bytes.length, spans);
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < spans.length; k += 2) {
    const start = spans[k] as number;
    const end = spans[k + 1] as number;
    // `\é` is not JSON; escaped, it would read as `\\u00e9`. Leave such text for JSON.parse to refuse.
    if (escapedAt(bytes, start)) return bytes.toString('utf8');
    parts.push(bytes.toString('latin1', at, start), escapeNonAscii(bytes.toString('utf8', start, end)));
    at = end;
  }
  parts.push(bytes.toString('latin1', at, bytes.length));
  return parts.join('');
}
