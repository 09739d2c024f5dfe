// Wire encodings that must match Go byte for byte, because clients compare them.

/**
 * encoding/json output: JSON.stringify plus Go's HTML-safe escapes of `<`, `>`, `&`
 * and the JS line terminators U+2028/U+2029 (errata §6.2: gin `c.JSON`).
 */
export function goJSON(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** url.QueryEscape: only [A-Za-z0-9-_.~] stay literal; space becomes '+'. */
export function goQueryEscape(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** url.Values.Encode: keys sorted, each key's values in their original order (errata §2.1). */
export function goValuesEncode(values: ReadonlyMap<string, readonly string[]>): string {
  const keys = [...values.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: string[] = [];
  for (const k of keys) {
    for (const v of values.get(k) ?? []) parts.push(`${goQueryEscape(k)}=${goQueryEscape(v)}`);
  }
  return parts.join('&');
}

/** Path escaping as Go's URL.EscapedPath would produce it (used in redirect Locations). */
export function goEscapePath(path: string): string {
  return encodeURIComponent(path)
    .replace(/%2F/gi, '/')
    .replace(/%24/g, '$')
    .replace(/%26/g, '&')
    .replace(/%2B/g, '+')
    .replace(/%2C/g, ',')
    .replace(/%3A/g, ':')
    .replace(/%3B/g, ';')
    .replace(/%3D/g, '=')
    .replace(/%40/g, '@')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Percent-decoding. `plus` turns '+' into space (query mode). Returns null on a malformed
 * escape, which Go reports as an error. Invalid UTF-8 becomes U+FFFD.
 */
export function goUnescape(s: string, plus: boolean): string | null {
  // eslint-disable-next-line no-control-regex -- the range is "any non-ASCII", not a control character
  if (!s.includes('%') && !(plus && s.includes('+')) && !/[^\u0000-\u007f]/.test(s)) return s;
  const chunks: Buffer[] = [];
  let run = '';
  const flush = (): void => {
    // Node hands us the request target as latin1 (one char per byte); wider chars are already text.
    // eslint-disable-next-line no-control-regex -- "any char above latin1"
    if (run) chunks.push(Buffer.from(run, /[^\u0000-\u00ff]/.test(run) ? 'utf8' : 'latin1'));
    run = '';
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) return null;
      flush();
      chunks.push(Buffer.from([parseInt(h, 16)]));
      i += 2;
    } else {
      run += plus && c === '+' ? ' ' : c;
    }
  }
  flush();
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * url.ParseQuery as gin's c.Request.URL.Query() uses it: pairs with a bad escape or a ';'
 * are silently dropped; keys keep their first-appearance order here for readable errors.
 */
export function goParseQuery(raw: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of raw.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const key = goUnescape(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = goUnescape(eq < 0 ? '' : pair.slice(eq + 1), true);
    if (key === null || value === null) continue;
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  }
  return out;
}
