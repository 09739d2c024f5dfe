// registryDate and registryInstant: the one reading of a date (src/params.ts) that list filters,
// the CLI's --since and wait-ingest all use, from the public entry.
import { describe, expect, it } from 'vitest';
import { InvalidInputError, registryDate, registryInstant } from '../../src/index.js';

describe('registryDate', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00Z'],
    ['2024-05-01T12:00', '2024-05-01T12:00:00Z'],
    ['2024-05-01 12:00:30', '2024-05-01T12:00:30Z'],
    ['2024-05-01T12:00+05:00', '2024-05-01T07:00:00Z'],
    ['2024-05-01T12:00:00.123456-0130', '2024-05-01T13:30:00.123456Z'],
    ['2024-05-01t12:00z', '2024-05-01T12:00:00Z'],
    ['  2024-02-29  ', '2024-02-29'],
    ['0050-01-01T00:00Z', '0050-01-01T00:00:00Z'],
  ])('%j is sent as %j', (given, sent) => {
    expect(registryDate(given)).toBe(sent);
  });

  it('a Date is sent as its UTC ISO string', () => {
    expect(registryDate(new Date(Date.UTC(2024, 4, 1, 12)))).toBe('2024-05-01T12:00:00.000Z');
  });

  it.each(['2024-02-30', '2024-13-01', '2024-05-01T24:00Z', '2024-05-01T12', 'yesterday', '', '2024-05-01T12:00+24:00'])(
    '%j is not a date',
    (given) => {
      expect(() => registryDate(given, '--since')).toThrow(InvalidInputError);
      expect(() => registryDate(given, '--since')).toThrow(/^--since must be a Date or an ISO 8601 date/);
    },
  );

  it.each(['0000-01-01', '0001-01-01T00:00+01:00', '9999-12-31T23:00-01:00', new Date(Date.UTC(10_000, 0, 1))])(
    '%j is outside the years 0001 to 9999 (in UTC)',
    (given) => {
      expect(() => registryDate(given)).toThrow(/^date must be a date in the years 0001 to 9999/);
    },
  );

  it('refuses what is neither a Date nor a string (JavaScript callers)', () => {
    expect(() => registryDate(1714564800000 as unknown as string)).toThrow(InvalidInputError);
    expect(() => registryDate(new Date(Number.NaN))).toThrow(InvalidInputError);
  });
});

describe('registryInstant', () => {
  it.each([
    ['2024-05-01', Date.UTC(2024, 4, 1)],
    ['2024-05-01T12:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01 12:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00+05:00', Date.UTC(2024, 4, 1, 7)],
    ['2024-05-01T12:00:00.1239Z', Date.UTC(2024, 4, 1, 12, 0, 0, 123)],
    ['2024-05-01T12:00:00.5+01:00', Date.UTC(2024, 4, 1, 11, 0, 0, 500)],
  ])('%j is the instant a record of that time has (date alone and no offset: UTC)', (given, time) => {
    expect(registryInstant(given).getTime()).toBe(time);
  });

  it('agrees with Date.parse of what registryDate sends', () => {
    for (const given of ['2024-05-01T12:00-05:00', '2024-05-01T23:59:59.999+00:00', '2024-05-01']) {
      expect(registryInstant(given).getTime()).toBe(Date.parse(registryDate(given)));
    }
  });

  it('years 0001-0099 are not 1900-1999', () => {
    expect(registryInstant('0050-06-01').getUTCFullYear()).toBe(50);
  });

  it('a Date gives a copy of itself', () => {
    const date = new Date(Date.UTC(2024, 4, 1));
    const instant = registryInstant(date);
    expect(instant).not.toBe(date);
    expect(instant.getTime()).toBe(date.getTime());
  });

  it('refuses what registryDate refuses', () => {
    expect(() => registryInstant('2024-02-30', '--since')).toThrow(/^--since must be a Date or an ISO 8601 date/);
    expect(() => registryInstant('0000-01-01')).toThrow(/years 0001 to 9999/);
  });
});
