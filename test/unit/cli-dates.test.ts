// The CLI's dates (src/cli/dates.ts): relative ones resolved at a given now, the set of filters
// read as dates (checked against the resource tables' 'date' kinds, so a new date filter cannot
// be missed), and the merge order of reports (src/cli/merge.ts).
import { describe, expect, it } from 'vitest';
import { DATE_COLUMNS, isDateFilter, relativeDate, resolveDate, resolveDateFilters } from '../../src/cli/dates.js';
import { mergeInOrder, recordOrder } from '../../src/cli/merge.js';
import type { CliRecord } from '../../src/cli/resources.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { RESOURCES } from '../../src/resources/table.js';

const NOW = Date.UTC(2026, 11, 1, 12, 34, 56, 789);

describe('relative dates', () => {
  it.each([
    ['30d', '2026-11-01T12:34:56.789Z'],
    ['12h', '2026-12-01T00:34:56.789Z'],
    ['90m', '2026-12-01T11:04:56.789Z'],
    ['45s', '2026-12-01T12:34:11.789Z'],
    ['2w', '2026-11-17T12:34:56.789Z'],
    ['1.5d', '2026-11-30T00:34:56.789Z'],
    ['0d', '2026-12-01T12:34:56.789Z'],
    ['now', '2026-12-01T12:34:56.789Z'],
    ['today', '2026-12-01T00:00:00Z'],
    [' Yesterday ', '2026-11-30T00:00:00Z'],
  ])('%s → %s', (text, iso) => {
    expect(relativeDate(text, NOW)?.text).toBe(iso);
  });

  it.each(['2024-05-01', '-30d', '30 d', '30D ago', '3mo', 'tomorrow', '', 'd'])('%j is not relative', (text) => {
    expect(relativeDate(text, NOW)).toBeUndefined();
  });

  it('says how it was computed', () => {
    expect(relativeDate('90d', NOW)?.how).toBe('90d before now, 2026-12-01T12:34:56.789Z');
    expect(relativeDate('today', NOW)?.how).toBe('midnight UTC today; now is 2026-12-01T12:34:56.789Z');
  });

  it('ISO dates as the client reads them; everything else refused with what to write', () => {
    expect(resolveDate('x', '2024-05-01T12:00+05:00', NOW)).toEqual({ text: '2024-05-01T07:00:00Z', time: Date.UTC(2024, 4, 1, 7) });
    expect(resolveDate('x', '2024-05-01', NOW).time).toBe(Date.UTC(2024, 4, 1));
    expect(() => resolveDate('x', '-30d', NOW)).toThrow('write 30d, without the minus');
    expect(() => resolveDate('x', '3 weeks', NOW)).toThrow('a time ago such as 30d');
    expect(() => resolveDate('x', '2024-02-30', NOW)).toThrow('a real date');
    expect(() => resolveDate('x', '5000000w', NOW)).toThrow('years 0001 to 9999');
  });
});

describe('date filters', () => {
  it('DATE_COLUMNS are exactly the columns of the date filters in the resource tables', () => {
    const dateFilters = Object.values(RESOURCES).flatMap((r) =>
      Object.entries(r.filters as Record<string, unknown>)
        .filter(([, kind]) => kind === 'date')
        .map(([name]) => name),
    );
    expect(dateFilters.length).toBeGreaterThan(0);
    for (const name of dateFilters) expect(isDateFilter(name), name).toBe(true);
    const columns = new Set(dateFilters.map((name) => name.replace(/__(gteq|lteq)$/, '')));
    expect([...columns].sort()).toEqual([...DATE_COLUMNS].sort());
  });

  it('resolves date filters only, keeps the rest (and own keys such as __proto__) as given', () => {
    const params = Object.fromEntries([
      ['updated_at__gteq', '7d'],
      ['name', '7d'],
      ['size__gteq', '7'],
      ['status__in', ['Failed']],
      ['__proto__', 'x'],
    ]);
    const out = resolveDateFilters(params, NOW);
    expect(out.updated_at__gteq).toBe('2026-11-24T12:34:56.789Z');
    expect(out.name).toBe('7d');
    expect(out.size__gteq).toBe('7');
    expect(out.status__in).toEqual(['Failed']);
    expect(Object.keys(out)).toContain('__proto__');
  });

  it('a bad value is a usage error naming the filter', () => {
    expect(() => resolveDateFilters({ date_time__lteq: 'soon' }, NOW)).toThrow(UsageError);
    expect(() => resolveDateFilters({ date_time__lteq: 'soon' }, NOW)).toThrow('date_time__lteq');
  });
});

describe('merged report order', () => {
  async function* from(records: CliRecord[]): AsyncGenerator<CliRecord> {
    for (const r of records) yield r;
  }
  it('newest first by the column (microseconds count), then id ascending', async () => {
    const a = [
      { id: 4, t: '2026-01-01T00:00:00.000002Z' },
      { id: 1, t: '2026-01-01T00:00:00Z' },
    ];
    const b = [
      { id: 9, t: '2026-01-01T00:00:00.000001Z' },
      { id: 2, t: '2026-01-01T00:00:00Z' },
      { id: 3, t: '2025-12-31T23:59:59.9Z' },
    ];
    const out: unknown[] = [];
    for await (const r of mergeInOrder([from(a), from(b), from([])], recordOrder('t__desc'))) out.push(r.id);
    expect(out).toEqual([4, 9, 1, 2, 3]);
  });
});
