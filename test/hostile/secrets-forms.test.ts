// The forms of the key that are masked: one list (src/secrets.ts), which the CLI reaches through
// the public entry (secretScrubber; src/cli/secrets.ts may use the public entry only), and which
// src/errors.ts must agree with (until it imports it too); each form is masked.
import { describe, expect, it } from 'vitest';
import { redact, addSecret } from '../../src/cli/secrets.js';
import { redactHeaders } from '../../src/debug.js';
import { secretForms as clientForms, secretScrubber as clientScrubber } from '../../src/errors.js';
import * as api from '../../src/index.js';
import { secretForms, secretScrubber } from '../../src/secrets.js';

const KEYS = [
  'S3cr3t+k3y/with space=&x-0123456789',
  '0123456789abcdef0123456789abcdef01234567',
  `quote"s <and> 'html' & ~tilde! *star* (paren)`,
  'ünïcödé-kéy-✓',
];

describe('the masked forms of a key', () => {
  it.each(KEYS)('%s: the CLI and the client mask the same forms', (key) => {
    expect(clientForms(key)).toEqual(secretForms(key));
  });

  it('the public entry gives the one list (the CLI masks with it)', () => {
    expect(api.secretScrubber).toBe(secretScrubber);
  });

  it.each(KEYS)('%s: exact, encodeURIComponent, encodeURI, form-encoded, lower-case hex and HTML-escaped forms are all masked', (key) => {
    const component = encodeURIComponent(key);
    const echoes = [
      key,
      component,
      component.replace(/%20/g, '+'),
      component.toLowerCase() === component ? component : component.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()),
      encodeURI(key),
      new URLSearchParams({ key }).toString().slice(4),
      key.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;'),
    ];
    const scrub = secretScrubber([key]);
    const clientScrub = clientScrubber([key]);
    addSecret(key);
    for (const echo of echoes) {
      expect(scrub(`before ${echo} after`)).toBe('before *** after');
      expect(clientScrub(`before ${echo} after`)).toBe('before *** after');
      expect(redact(`before ${echo} after`)).toBe('before *** after');
    }
  });

  it('values shorter than 4 characters are not masked (that would hide the message, not a secret)', () => {
    expect(secretForms('abc')).toEqual([]);
    expect(secretScrubber(['abc', undefined, ''])('abc abc')).toBe('abc abc');
  });

  it('redactHeaders masks the key in an allow-listed header when told the key', () => {
    const key = KEYS[0];
    const headers = { Location: `/login?key=${encodeURIComponent(key)}`, 'X-Other': key };
    expect(redactHeaders(headers, [key])).toEqual({ location: '/login?key=***', 'x-other': 'REDACTED' });
    expect(redactHeaders(headers).location).toContain(encodeURIComponent(key));
  });
});
