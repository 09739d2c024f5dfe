// Belt and braces: the client never puts the key in a message, but everything the CLI writes to
// stderr still passes through redact(), so a key echoed back by a proxy, a config file typo or a
// future bug cannot reach a CI log: exactly, URL-encoded or HTML-escaped.
//
// The forms are the client's (secretForms in src/errors.ts): the CLI is built on the public entry
// only (test/unit/seam.test.ts), so they are repeated here, and test/hostile/secrets-forms.test.ts
// checks that the two lists agree.
const MIN_SECRET_LENGTH = 4;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Exact, URL-encoded (component, URI, form with + for space; either hex case), HTML-escaped; longest first. */
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

const secrets = new Set<string>();
let forms: string[] = [];

/** Registers a value that must never be printed (ignores values too short to redact safely). */
export function addSecret(value: string | undefined): void {
  if (value === undefined || secrets.has(value)) return;
  secrets.add(value);
  forms = [...new Set([...secrets].flatMap(secretForms))].sort((a, b) => b.length - a.length);
}

export function redact(text: string): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join('***');
  return out;
}
