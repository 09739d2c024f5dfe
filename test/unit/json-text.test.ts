// jsonText: UTF-8 JSON bytes as a one-byte string with \uXXXX escapes. Whatever the text, parsing
// it gives exactly what parsing the plainly decoded bytes gives, and invalid JSON stays invalid.
import { describe, expect, it } from 'vitest';
import { jsonText } from '../../src/transport/json-text.js';

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ASCII, Latin-1, the rest of the BMP, astral (surrogate pairs), JSON's own specials.
const ALPHABET = [
  'a',
  'Z',
  '0',
  ' ',
  '/',
  '?',
  '&',
  '"',
  '\\',
  '\n',
  'é',
  'ñ',
  'ß',
  '’',
  '–',
  '€',
  '日',
  '本',
  '語',
  '📦',
  '🏛️',
  '\u2028',
  '\u0000',
];

function randomString(next: () => number): string {
  let out = '';
  const length = Math.floor(next() * 300);
  for (let i = 0; i < length; i += 1) out += next() < 0.8 ? 'x' : ALPHABET[Math.floor(next() * ALPHABET.length)];
  return out;
}

const isOneByte = (text: string) => [...text].every((c) => c.charCodeAt(0) < 0x80);

describe('jsonText', () => {
  it('parses to the same values as the decoded bytes, for 500 random documents', () => {
    const next = random(20261122);
    for (let doc = 0; doc < 500; doc += 1) {
      const records = Array.from({ length: 1 + Math.floor(next() * 40) }, (_, id) => ({
        id,
        identifier: randomString(next),
        note: randomString(next),
      }));
      const bytes = Buffer.from(JSON.stringify({ count: records.length, results: records }), 'utf8');
      const text = jsonText(bytes);
      expect(JSON.parse(text)).toEqual(JSON.parse(bytes.toString('utf8')));
      expect(isOneByte(text)).toBe(true);
    }
  });

  it('keeps long runs of non-ASCII text whole, across the halving boundaries', () => {
    const value = '日本語のファイル名'.repeat(500) + 'é'.repeat(333) + '📦'.repeat(777);
    const bytes = Buffer.from(JSON.stringify({ results: [{ name: value }] }), 'utf8');
    expect((JSON.parse(jsonText(bytes)) as { results: { name: string }[] }).results[0]?.name).toBe(value);
  });

  it('an ASCII body is passed through as it is', () => {
    const body = JSON.stringify({ count: 1, results: [{ id: 1, name: 'plain \\"ascii\\" / ?&' }] });
    expect(jsonText(Buffer.from(body))).toBe(body);
  });

  it('an escaped backslash before a non-ASCII character stays a backslash', () => {
    const bytes = Buffer.from('{"name":"C:\\\\é\\\\\\\\日"}', 'utf8');
    expect(JSON.parse(jsonText(bytes))).toEqual({ name: 'C:\\é\\\\日' });
  });

  it('invalid JSON stays invalid: a backslash escaping a non-ASCII character', () => {
    const bytes = Buffer.from('{"name":"\\é"}', 'utf8');
    expect(() => JSON.parse(bytes.toString('utf8'))).toThrow(SyntaxError);
    expect(() => JSON.parse(jsonText(bytes))).toThrow(SyntaxError);
  });

  it('invalid JSON stays invalid: a non-ASCII character outside a string', () => {
    const bytes = Buffer.from('{"id": 1é}', 'utf8');
    expect(() => JSON.parse(jsonText(bytes))).toThrow(SyntaxError);
  });

  it('broken UTF-8 reads as U+FFFD, as the plain decoding does', () => {
    const bytes = Buffer.concat([Buffer.from('{"name":"a'), Buffer.from([0xe6, 0x97]), Buffer.from('b"}')]);
    expect(JSON.parse(jsonText(bytes))).toEqual(JSON.parse(bytes.toString('utf8')));
  });
});
