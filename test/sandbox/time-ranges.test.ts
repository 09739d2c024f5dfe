// Timestamp filters as the real server applies them (timestamp without time zone, µs, inclusive
// __gteq/__lteq, zone suffixes ignored, extra digits rounded half to even) and the indexes that
// answer them. No timing: the index's use is asserted through its counters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { column, makeTable } from '../../src/sandbox/data/table.js';
import { startSandbox, type Sandbox, type SandboxFile } from '../../src/sandbox/index.js';
import { internalsOf } from '../../src/sandbox/internals.js';
import { createQueryCaches, matchRows, selectRows } from '../../src/sandbox/query/execute.js';
import { compileFilters } from '../../src/sandbox/query/filters.js';
import { parseSort } from '../../src/sandbox/query/sort.js';
import { parseTimestamp } from '../../src/sandbox/query/values.js';
import { ids, list, sysadmin } from './helpers.js';
import { GO_ZERO_TIME, us, wire } from './time-helpers.js';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s) * 1000;

describe('parseTimestamp (timestamp_in for timestamp without time zone)', () => {
  it('drops any zone suffix and reads the clock time as UTC', () => {
    const t = at(2024, 5, 1, 10) + 123;
    for (const s of [
      '2024-05-01T10:00:00.000123',
      '2024-05-01T10:00:00.000123Z',
      '2024-05-01T10:00:00.000123+02:00',
      '2024-05-01T10:00:00.000123-0500',
      '2024-05-01T10:00:00.000123+02',
      '2024-05-01 10:00:00.000123 UTC',
    ]) {
      expect(parseTimestamp(s), s).toBe(t);
    }
  });

  it('rounds more than six fractional digits to µs, halves to even, carrying into the next second', () => {
    const t = at(2024, 5, 1, 10);
    expect(parseTimestamp('2024-05-01T10:00:00.0000025Z')).toBe(t + 2);
    expect(parseTimestamp('2024-05-01T10:00:00.0000035Z')).toBe(t + 4);
    expect(parseTimestamp('2024-05-01T10:00:00.0000005Z')).toBe(t);
    expect(parseTimestamp('2024-05-01T10:00:00.0000015Z')).toBe(t + 2);
    expect(parseTimestamp('2024-05-01T10:00:00.00000249Z')).toBe(t + 2);
    expect(parseTimestamp('2024-05-01T10:00:00.000002500001Z')).toBe(t + 3);
    expect(parseTimestamp('2024-05-01T10:00:00.1234565')).toBe(t + 123_456);
    expect(parseTimestamp('2024-05-01T10:00:00.9999995Z')).toBe(t + 1_000_000);
    expect(parseTimestamp('2024-05-01T23:59:59.9999999Z')).toBe(at(2024, 5, 2));
  });

  it('reads a date alone as midnight, and fewer digits as a decimal fraction', () => {
    expect(parseTimestamp('2024-05-01')).toBe(at(2024, 5, 1));
    expect(parseTimestamp('2024-05-01T10:00:00.5Z')).toBe(at(2024, 5, 1, 10) + 500_000);
    expect(parseTimestamp('2024-05-01T10:00Z')).toBe(at(2024, 5, 1, 10));
    expect(parseTimestamp('2024-05-01T24:00:00')).toBe(at(2024, 5, 2));
    expect(() => parseTimestamp('2024-05-01T24:00:00.5')).toThrow();
  });
});

describe('sandbox timestamp ranges', () => {
  let sb: Sandbox;
  let mine: SandboxFile[];
  let fractional: SandboxFile;
  beforeAll(async () => {
    sb = await startSandbox({ files: 3000 });
    mine = sb.data.files.filter((f) => f.institution_id === sb.user.institutionId);
    // One creation batch in nine carries microseconds: a boundary inside a second.
    fractional = mine.find((f) => /\.\d{6}Z$/.test(f.created_at) && Number(f.created_at.slice(-7, -1)) % 2 === 1) as SandboxFile;
  });
  afterAll(() => sb.stop());

  const files = (q: string) => list<SandboxFile>(sb, `/member-api/v3/files?per_page=1000&sort=created_at__asc&sort=id__asc&${q}`);
  const expected = (lo: number, hi: number) =>
    mine
      .filter((f) => us(f.created_at) >= lo && us(f.created_at) <= hi)
      .sort((a, b) => us(a.created_at) - us(b.created_at) || a.id - b.id)
      .map((f) => f.id);

  it('includes both ends at microsecond resolution', async () => {
    expect(fractional).toBeDefined();
    const t = us(fractional.created_at);
    const q = (lo: number, hi: number) => files(`created_at__gteq=${wire(lo)}&created_at__lteq=${wire(hi)}`);
    const exact = await q(t, t);
    expect(exact.results.length).toBeGreaterThan(0);
    expect(ids(exact.results)).toEqual(expected(t, t));
    expect(exact.count).toBe(exact.results.length);
    expect(((await q(t + 1, t + 10_000_000)).results ?? []).map((f) => f.created_at)).not.toContain(fractional.created_at);
    expect(((await q(t - 10_000_000, t - 1)).results ?? []).map((f) => f.created_at)).not.toContain(fractional.created_at);
    expect(ids((await q(t - 86_400_000_000, t)).results)).toEqual(expected(t - 86_400_000_000, t));
  });

  it('ignores zone suffixes and rounds extra digits as Postgres does', async () => {
    const t = us(fractional.created_at);
    const text = wire(t).slice(0, -1); // no Z
    const only = expected(t, t);
    for (const suffix of ['Z', '+02:00', '-0500', '']) {
      expect(
        ids(
          (await files(`created_at__gteq=${encodeURIComponent(text + suffix)}&created_at__lteq=${encodeURIComponent(text + suffix)}`))
            .results,
        ),
      ).toEqual(only);
    }
    // The fraction f is odd: f-1 is even, so "(f-1).5" rounds down to f-1 and excludes the row, while
    // "f.4" rounds to f and keeps it; "f.5" rounds up to f+1 (even) and excludes it as a lower bound.
    const base = text.slice(0, -6);
    const f = Number(text.slice(-6));
    const seven = (micro: number, digit: number) => `${base}${String(micro).padStart(6, '0')}${digit}Z`;
    expect((await files(`created_at__gteq=${wire(t)}&created_at__lteq=${seven(f - 1, 5)}`)).results).toBeNull();
    expect(ids((await files(`created_at__gteq=${wire(t)}&created_at__lteq=${seven(f, 4)}`)).results)).toEqual(only);
    expect((await files(`created_at__gteq=${seven(f, 5)}&created_at__lteq=${wire(t)}`)).results).toBeNull();
    expect(ids((await files(`created_at__gteq=${seven(f - 1, 6)}&created_at__lteq=${wire(t)}`)).results)).toEqual(only);
  });

  it('reads a date alone as midnight: __lteq=<day> excludes the rest of that day', async () => {
    const day = fractional.created_at.slice(0, 10);
    const midnight = Date.parse(`${day}T00:00:00Z`) * 1000;
    const r = await files(`created_at__gteq=2000-01-01&created_at__lteq=${day}`);
    expect(ids(r.results ?? [])).toEqual(expected(at(2000, 1, 1), midnight).slice(0, 1000));
    expect((r.results ?? []).every((x) => us(x.created_at) <= midnight)).toBe(true);
  });

  it('answers windows from the index, with the same rows a full scan finds', async () => {
    const stats = internalsOf(sb).indexStats;
    const before = { ...stats };
    const times = [...new Set(mine.map((f) => us(f.created_at)))].sort((a, b) => a - b);
    let windows = 0;
    for (let k = 0; k + 3 < times.length; k += Math.ceil(times.length / 25)) {
      windows++;
      const [lo, hi] = [times[k], times[k + 3]];
      const r = await files(`institution_id=2&created_at__gteq=${wire(lo)}&created_at__lteq=${wire(hi)}`);
      expect(ids(r.results)).toEqual(expected(lo, hi));
      expect(r.count).toBe(expected(lo, hi).length);
      const down = await list<SandboxFile>(
        sb,
        `/member-api/v3/files?per_page=1000&sort=created_at__desc&sort=id__asc&created_at__gteq=${wire(lo)}&created_at__lteq=${wire(hi)}`,
      );
      const want = mine
        .filter((f) => us(f.created_at) >= lo && us(f.created_at) <= hi)
        .sort((a, b) => us(b.created_at) - us(a.created_at) || a.id - b.id);
      expect(ids(down.results)).toEqual(ids(want));
    }
    expect(windows).toBeGreaterThan(10);
    expect(stats.rangeQueries - before.rangeQueries).toBe(2 * windows);
    expect(stats.orderedQueries - before.orderedQueries).toBe(2 * windows);
    expect(stats.fullScans).toBe(before.fullScans);
    expect(stats.builds - before.builds).toBeLessThanOrEqual(1); // one index for files.created_at, built once
  });

  type Row = Record<string, string | number>;
  const everything = (resource: string): Row[] => {
    const name = resource === 'items' ? 'workItems' : resource;
    return (sb.data as unknown as Record<string, { filter(p: (r: Row) => boolean): Row[] }>)[name].filter(() => true);
  };
  const tag = (r: Row) => `${r.id}:${r.user_id ?? ''}`;

  it('narrows by the index on every timestamp filter of every resource', async () => {
    const admin = sysadmin(sb);
    const columns: [string, string][] = [
      ['files', 'updated_at'],
      ['files', 'last_fixity_check'],
      ['objects', 'created_at'],
      ['objects', 'updated_at'],
      ['events', 'date_time'],
      ['checksums', 'datetime'],
      ['alerts', 'created_at'],
      ['deletions', 'requested_at'],
      ['items', 'bag_date'],
      ['items', 'date_processed'],
    ];
    const stats = internalsOf(sb).indexStats;
    for (const [resource, col] of columns) {
      const all = everything(resource);
      const times = all.map((r) => us(r[col] as string)).sort((a, b) => a - b);
      const [lo, hi] = [times[Math.floor(times.length / 3)], times[Math.floor((2 * times.length) / 3)]];
      const before = stats.rangeQueries;
      const tie = resource === 'alerts' ? '&sort=user_id__asc' : '';
      const got = await list<Row>(
        sb,
        `/member-api/v3/${resource}?per_page=1000&sort=id__asc${tie}&${col}__gteq=${wire(lo)}&${col}__lteq=${wire(hi)}`,
        admin,
      );
      expect(stats.rangeQueries, `${resource}.${col}`).toBe(before + 1);
      const want = all.filter((r) => us(r[col] as string) >= lo && us(r[col] as string) <= hi);
      expect(want.length, `${resource}.${col}`).toBeGreaterThan(0);
      expect(got.count, `${resource}.${col}`).toBe(want.length);
      expect(got.results.map(tag), `${resource}.${col}`).toEqual(want.slice(0, 1000).map(tag));
    }
  });

  it('orders by a timestamp then id from the index, NULLs last ascending and first descending', async () => {
    const admin = sysadmin(sb);
    const cases: [string, string, string][] = [
      ['files', 'mod_time', 'mtime'],
      ['items', 'queued_at', 'queued_at'],
      ['items', 'stage_started_at', 'stage_started_at'],
      ['alerts', 'read_at', 'read_at'],
      ['deletions', 'confirmed_at', 'confirmed_at'],
    ];
    for (const [resource, col, field] of cases) {
      const tie = resource === 'alerts' ? '&sort=id__asc&sort=user_id__asc' : '&sort=id__asc';
      const all = everything(resource);
      expect(
        all.some((r) => r[field] === GO_ZERO_TIME),
        `${resource}.${col} has NULLs`,
      ).toBe(true);
      const key = (r: Row) => (r[field] === GO_ZERO_TIME ? Infinity : us(r[field] as string));
      for (const dir of ['asc', 'desc'] as const) {
        const want = [...all].sort((a, b) => {
          const d = key(a) === key(b) ? 0 : key(a) < key(b) ? -1 : 1;
          return (dir === 'asc' ? d : -d) || (a.id as number) - (b.id as number) || (a.user_id as number) - (b.user_id as number);
        });
        const before = internalsOf(sb).indexStats.orderedQueries;
        const got = await list<Row>(sb, `/member-api/v3/${resource}?per_page=1000&sort=${col}__${dir}${tie}`, admin);
        expect(internalsOf(sb).indexStats.orderedQueries).toBe(before + 1);
        expect(got.results.map(tag), `${resource} ${col} ${dir}`).toEqual(want.slice(0, 1000).map(tag));
      }
    }
  });

  it('keeps ties in a random order without an id tie-break, as before', async () => {
    const times = [...new Set(mine.map((f) => us(f.created_at)))].sort((a, b) => a - b);
    const [lo, hi] = [times[10], times[40]];
    const path = `/member-api/v3/files?per_page=1000&sort=created_at__asc&created_at__gteq=${wire(lo)}&created_at__lteq=${wire(hi)}`;
    const orders = new Set<string>();
    for (let k = 0; k < 5; k++) {
      const r = await list<SandboxFile>(sb, path);
      expect(ids(r.results).sort((a, b) => a - b)).toEqual(expected(lo, hi).sort((a, b) => a - b));
      expect(r.results.map((f) => us(f.created_at))).toEqual(r.results.map((f) => us(f.created_at)).sort((a, b) => a - b));
      orders.add(ids(r.results).join());
    }
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('selectRows on NULL timestamps', () => {
  it('never matches a NULL with a range, and agrees with a full scan', () => {
    const values = [5, null, 3, 3, null, 9, 1, 3, null, 7];
    const table = makeTable(
      'files',
      [column('id', 'int', (i) => i + 1), column('created_at', 'time', (i) => values[i])],
      () => values.length,
      () => 2,
    );
    const caches = createQueryCaches();
    for (const q of [
      'created_at__gteq=1970-01-01',
      'created_at__lteq=1970-01-01T00:00:00.000005Z',
      'created_at__gteq=1970-01-01T00:00:00.000003',
    ]) {
      const query = new Map(
        q
          .split('&')
          .map((p) => p.split('='))
          .map(([k, v]) => [k, [v]]),
      );
      const filters = compileFilters(table, query);
      const scan = matchRows(table, filters.predicates, `scan ${q}`, caches);
      const sel = selectRows(table, filters.predicates, q, filters.bounds, [], caches);
      expect(Array.from(sel.rows), q).toEqual(Array.from(scan));
      expect(Array.from(sel.rows).every((i) => values[i] !== null)).toBe(true);
    }
    const ordered = selectRows(table, [], 'all', [], parseSort(table, ['created_at__desc', 'id__asc']).keys, caches);
    expect(ordered.ordered).toBe(true);
    expect(Array.from(ordered.rows, (i) => i + 1)).toEqual([2, 5, 9, 6, 10, 1, 3, 4, 8, 7]);
    const up = selectRows(table, [], 'all', [], parseSort(table, ['created_at__asc', 'id__asc']).keys, caches);
    expect(Array.from(up.rows, (i) => i + 1)).toEqual([7, 3, 4, 8, 1, 10, 6, 2, 5, 9]);
  });
});
