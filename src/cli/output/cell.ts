// One value as cell text, for csv and table. Nested objects and arrays (files/show's checksums,
// events, storage records) become JSON, so a cell always round-trips to the value.
const ZERO_TIME = '0001-01-01T00:00:00Z';

export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * A csv cell for a spreadsheet (--excel): text that begins with `=`, `+`, `-` or `@` (or a tab or
 * carriage return, which some spreadsheets skip before reading one of those) is prefixed with `'`,
 * so Excel, LibreOffice and Google Sheets show it as text instead of running it as a formula
 * (OWASP, "CSV Injection"). Only strings: numbers, booleans and nested values (JSON, which starts
 * with `{` or `[`) are not text a record's author chose.
 */
export function spreadsheetCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** What --excel puts before the header, so a spreadsheet reads the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';

/**
 * csv-stringify's cast for our csv, streamed (csv-sink.ts) or line by line (an export): its
 * defaults write booleans as "1"/"" and objects as [object Object]. `excel` neutralises formulas.
 */
export function csvCast(excel: boolean) {
  return {
    boolean: (v: boolean) => String(v),
    object: (v: object) => cellText(v),
    number: (v: number) => String(v),
    bigint: (v: bigint) => String(v),
    ...(excel ? { string: spreadsheetCell } : {}),
  };
}

/**
 * For a terminal: the server's "no value" time (errata §6.2) shown blank, and control characters
 * (newlines, ANSI escapes from record text) replaced, so a record cannot break the layout or
 * drive the terminal.
 */
export function displayText(value: unknown): string {
  if (value === ZERO_TIME) return '';
  // eslint-disable-next-line no-control-regex
  return cellText(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
