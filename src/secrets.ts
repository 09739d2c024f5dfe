// The forms in which a secret (the API key) can come back in text, and the masking of them: one
// list, used by the client's errors and debug events (src/errors.ts, src/debug.ts) and, through
// the public entry, by the CLI for everything it writes to stderr (src/cli/secrets.ts).

/** Shorter values are not masked: replacing every "ab" in a message would hide the message, not a secret. */
export const MIN_SECRET_LENGTH = 4;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * The forms in which a secret can come back in server text: as it is, URL-encoded
 * (encodeURIComponent, encodeURI, form encoding with + for space; hex digits in either case)
 * and HTML-escaped. Longest first, so a form that contains another is masked whole.
 */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const component = encodeURIComponent(secret);
  const encoded = [component, component.replace(/%20/g, '+'), encodeURI(secret), new URLSearchParams({ k: secret }).toString().slice(2)];
  const forms = new Set([secret, secret.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c])]);
  for (const form of encoded) {
    forms.add(form);
    forms.add(form.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
  }
  return [...forms].sort((a, b) => b.length - a.length);
}

/**
 * A function that replaces every form of every secret with `***`: as it is, URL-encoded
 * (encodeURIComponent, encodeURI, form encoding with + for space; hex digits in either case) and
 * HTML-escaped, the forms in which a server or a proxy can echo it. The client already masks
 * your API key in every error and debug event; this is for text of your own that may hold it
 * (a log line, a config file's contents) before it is printed.
 *
 * Values shorter than 4 characters, empty strings and undefined are not masked (masking every
 * "ab" would hide the text, not a secret); with no secret left, the function returns text as it is.
 *
 * @param secrets - the values to mask (undefined entries are skipped)
 * @returns a function from a text to that text with every form of every secret replaced by `***`
 * @example
 * ```ts
 * const scrub = secretScrubber([process.env.APTRUST_REGISTRY_API_KEY]);
 * const proxyText = 'bad key k3y-0123 (k3y%2D0123)';
 * console.error(scrub(`proxy said: ${proxyText}`));
 * ```
 */
export function secretScrubber(secrets: Iterable<string | undefined>): (text: string) => string {
  const forms = [...new Set([...secrets].flatMap((secret) => (secret ? secretForms(secret) : [])))].sort((a, b) => b.length - a.length);
  if (forms.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join('***');
    return out;
  };
}
