// Escaping and number formatting for the health page. Everything the server sends (bag names,
// notes, identifiers, even storage options and statuses) is hostile input: it reaches the page
// only through escapeHtml, as text or as a quoted attribute value, never as markup.

import { formatCount } from '../numbers.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or a double- or single-quoted attribute value. Control characters (but tab and newline) become U+FFFD. */
export function escapeHtml(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value as string | number);
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces (not valid in HTML text)
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '\ufffd');
}

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'];

/** Decimal units, as storage is billed: 1 KB = 1,000 bytes; three significant digits. */
export function formatBytes(bytes: number | bigint): string {
  const n = Number(bytes);
  if (n < 1000) return `${formatCount(bytes)} ${n === 1 ? 'byte' : 'bytes'}`;
  let unit = 0;
  let value = n;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}
