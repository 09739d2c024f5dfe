import { describe, expect, it } from 'vitest';
import { formatInstant, parseInstant, ZERO_TIME } from '../../src/crawl/instant.js';

describe('instants at microsecond resolution', () => {
  it('keeps all six fractional digits, which a Date would round away', () => {
    const a = parseInstant('2024-05-01T10:00:00.000123Z') as bigint;
    const b = parseInstant('2024-05-01T10:00:00.000124Z') as bigint;
    expect(b - a).toBe(1n);
    expect(formatInstant(a)).toBe('2024-05-01T10:00:00.000123Z');
    expect(formatInstant(a + 1n)).toBe('2024-05-01T10:00:00.000124Z');
  });

  it('reads the forms the Registry sends: trimmed fractions, offsets, a space, a date alone', () => {
    expect(formatInstant(parseInstant('2021-01-12T17:14:35Z') as bigint)).toBe('2021-01-12T17:14:35.000000Z');
    expect(formatInstant(parseInstant('2024-05-01T12:00:00.5+02:00') as bigint)).toBe('2024-05-01T10:00:00.500000Z');
    expect(formatInstant(parseInstant('2024-05-01T12:00:00.5-0230') as bigint)).toBe('2024-05-01T14:30:00.500000Z');
    expect(formatInstant(parseInstant('2024-05-01 10:00:00.25') as bigint)).toBe('2024-05-01T10:00:00.250000Z');
    expect(formatInstant(parseInstant('2024-05-01') as bigint)).toBe('2024-05-01T00:00:00.000000Z');
    expect(parseInstant('2024-05-01T10:00:00.123456000Z')).toBe(parseInstant('2024-05-01T10:00:00.123456Z'));
  });

  it('formats instants before 1970 and the Go zero time exactly', () => {
    expect(formatInstant(parseInstant('1969-12-31T23:59:59.999999Z') as bigint)).toBe('1969-12-31T23:59:59.999999Z');
    expect(formatInstant(ZERO_TIME)).toBe('0001-01-01T00:00:00.000000Z');
    expect(formatInstant(ZERO_TIME - 1n)).toBe('0000-12-31T23:59:59.999999Z');
  });

  it('refuses what is not an instant, or is finer than a microsecond', () => {
    for (const bad of ['2024-02-30', '2024-13-01', 'yesterday', '', '2024-05-01T24:00:00Z', '2024-05-01T10:00:00.0001234Z']) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
    expect(parseInstant(42)).toBeUndefined();
    expect(parseInstant(null)).toBeUndefined();
  });

  it('round-trips every microsecond of a span crossing a second, a day and a year', () => {
    const start = parseInstant('2023-12-31T23:59:59.999990Z') as bigint;
    for (let i = 0n; i < 25n; i++) expect(parseInstant(formatInstant(start + i))).toBe(start + i);
  });
});

describe('the fast reading of the Registry form agrees with the general one', () => {
  it('on every form of fraction, leap days and month ends, and refuses what the general one refuses', () => {
    const general = (text: string) => parseInstant(text.replace('Z', '+00:00')); // the other path
    const samples = [
      '2024-02-29T23:59:59.999999Z',
      '2023-02-28T00:00:00Z',
      '2000-02-29T12:00:00.5Z',
      '1999-12-31T23:59:59.12Z',
      '2021-01-12T17:14:35Z',
      '2038-01-19T03:14:08.000001Z',
      '1970-01-01T00:00:00.000001Z',
      '1969-12-31T23:59:59.999999Z',
      '2100-03-01T00:00:00.123Z',
    ];
    for (const text of samples) expect(parseInstant(text), text).toBe(general(text));
    for (const bad of [
      '2023-02-29T00:00:00Z',
      '2100-02-29T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-05-01T10:00:00.Z',
      '2024-05-01T10:0a:00Z',
    ]) {
      expect(parseInstant(bad), bad).toBeUndefined();
    }
  });
});
