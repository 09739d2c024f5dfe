// The health report's aggregators on hand-made records, each expected number worked out by hand
// (never by running our own crawl): bucket edges at the microsecond, months, weeks from Monday,
// exact byte sums past 2^53, and the cap on distinct keys a hostile server could send.
import { describe, expect, it } from 'vitest';
import {
  FixityTally,
  MAX_KEYS,
  microsOf,
  MonthTally,
  OTHER,
  RowKeeper,
  StorageTally,
  WorkQueueTally,
} from '../../src/cli/health/aggregate.js';
import { healthJson } from '../../src/cli/health/json.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1, 12); // Tuesday 2026-12-01T12:00:00Z
const iso = (ms: number) => new Date(ms).toISOString();
/** `days` whole days before NOW, then `laterUs` microseconds later (0 to 999). */
const at = (days: number, laterUs = 0) => `${new Date(NOW - days * DAY).toISOString().slice(0, 19)}.${String(laterUs).padStart(6, '0')}Z`;

describe('microsOf: Registry timestamps at microsecond resolution', () => {
  it('keeps the six digits the server sends, and reads other forms by Date.parse', () => {
    expect(microsOf('2026-12-01T12:00:00Z')).toBe(NOW * 1000);
    expect(microsOf('2026-12-01T12:00:00.000001Z')).toBe(NOW * 1000 + 1);
    expect(microsOf('2026-12-01T12:00:00.5Z')).toBe(NOW * 1000 + 500_000);
    expect(microsOf('2026-12-01T12:00:00.123456789Z')).toBe(NOW * 1000 + 123_456);
    expect(microsOf('2026-12-01T07:00:00-05:00')).toBe(NOW * 1000);
    expect(microsOf('not a date')).toBeUndefined();
    expect(microsOf(17)).toBeUndefined();
  });
});

describe('StorageTally', () => {
  it('counts files and sums bytes per storage option, most bytes first', () => {
    const t = new StorageTally();
    for (const f of [
      { storage_option: 'Standard', size: 100 },
      { storage_option: 'Glacier-OH', size: 5000 },
      { storage_option: 'Standard', size: 250 },
      { storage_option: 'Wasabi-VA', size: 350 },
      { storage_option: '', size: 1 },
      { storage_option: 'Standard', size: -5 }, // a broken size counts as 0 bytes, the file still counts
    ]) {
      t.add(f);
    }
    expect(t.files).toBe(6);
    expect(t.bytes).toBe(5701n);
    expect(t.rows()).toEqual([
      { storage_option: 'Glacier-OH', files: 1, bytes: 5000n },
      // 350 bytes each: more files first
      { storage_option: 'Standard', files: 3, bytes: 350n },
      { storage_option: 'Wasabi-VA', files: 1, bytes: 350n },
      { storage_option: '(none)', files: 1, bytes: 1n },
    ]);
  });

  it('sums exactly past 2^53 bytes, and JSON writes the integer digit for digit', () => {
    const t = new StorageTally();
    const big = Number.MAX_SAFE_INTEGER; // 9007199254740991
    t.add({ storage_option: 'Standard', size: big });
    t.add({ storage_option: 'Standard', size: big });
    t.add({ storage_option: 'Standard', size: 3 });
    expect(t.bytes).toBe(18014398509481985n);
    expect(healthJson({ bytes: t.bytes })).toBe('{\n  "bytes": 18014398509481985\n}');
  });

  it('keeps at most MAX_KEYS storage options; the rest are counted under (other)', () => {
    const t = new StorageTally();
    for (let i = 0; i < MAX_KEYS + 50; i++) t.add({ storage_option: `opt-${i}`, size: 1 });
    const rows = t.rows();
    expect(rows).toHaveLength(MAX_KEYS + 1);
    expect(rows.find((r) => r.storage_option === OTHER)).toEqual({ storage_option: OTHER, files: 50, bytes: 50n });
    expect(t.files).toBe(MAX_KEYS + 50);
  });
});

describe('MonthTally', () => {
  it('counts objects and bytes by UTC month of created_at, oldest first, months without objects left out', () => {
    const t = new MonthTally();
    t.add({ created_at: '2024-01-31T23:59:59.999999Z', size: 10 });
    t.add({ created_at: '2024-02-01T00:00:00Z', size: 20 });
    t.add({ created_at: '2023-12-15T10:00:00Z', size: 5 });
    t.add({ created_at: '2024-02-29T12:00:00Z', size: 1 });
    t.add({ created_at: '2024-05-01T00:00:00-05:00', size: 2 }); // 05:00Z on May 1st
    expect(t.rows()).toEqual([
      { month: '2023-12', objects: 1, bytes: 5n },
      { month: '2024-01', objects: 1, bytes: 10n },
      { month: '2024-02', objects: 2, bytes: 21n },
      { month: '2024-05', objects: 1, bytes: 2n },
    ]);
    expect([t.objects, t.bytes]).toEqual([5, 38n]);
  });
});

describe('WorkQueueTally', () => {
  it('90 days: weeks from Monday (UTC), each item in the week of its date_processed, statuses in lifecycle order', () => {
    const from = NOW - 90 * DAY; // 2026-09-02T12:00Z, a Wednesday
    const t = new WorkQueueTally(from, NOW, 90);
    expect(t.period).toBe('week');
    t.add({ date_processed: iso(from), status: 'Success' }); // the window's first instant
    t.add({ date_processed: '2026-09-06T23:59:59.999999Z', status: 'Failed' }); // Sunday: still the first week
    t.add({ date_processed: '2026-09-07T00:00:00Z', status: 'Success' }); // Monday: the second
    t.add({ date_processed: '2026-12-01T11:00:00Z', status: 'Pending' });
    t.add({ date_processed: '2026-12-02T00:00:00Z', status: 'Started' }); // after "now": the last week
    t.add({ date_processed: '2026-10-14T00:00:00Z', status: 'Exotic' });
    const periods = t.periods();
    // 2026-08-31 (Monday of the window's first week) to 2026-11-30 (Monday of now's week): 14 weeks.
    expect(periods).toHaveLength(14);
    expect(periods[0]).toEqual({ start: '2026-08-31', end: '2026-09-06', statuses: { Success: 1, Failed: 1 }, total: 2 });
    expect(periods[1]).toEqual({ start: '2026-09-07', end: '2026-09-13', statuses: { Success: 1 }, total: 1 });
    expect(periods[13]).toEqual({ start: '2026-11-30', end: '2026-12-06', statuses: { Pending: 1, Started: 1 }, total: 2 });
    expect(periods[6]).toEqual({ start: '2026-10-12', end: '2026-10-18', statuses: { Exotic: 1 }, total: 1 });
    expect(t.statuses()).toEqual(['Pending', 'Started', 'Success', 'Failed', 'Exotic']);
    expect(t.totalsByStatus()).toEqual({ Pending: 1, Started: 1, Success: 2, Failed: 1, Exotic: 1 });
    expect(t.total).toBe(6);
  });

  it('up to 31 days: one period per UTC day', () => {
    const from = NOW - 7 * DAY;
    const t = new WorkQueueTally(from, NOW, 7);
    expect(t.period).toBe('day');
    t.add({ date_processed: '2026-11-24T12:00:00Z', status: 'Failed' });
    t.add({ date_processed: '2026-11-30T23:59:59Z', status: 'Cancelled' });
    const periods = t.periods();
    expect(periods.map((p) => p.start)).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
    ]);
    expect(periods[0]).toMatchObject({ end: '2026-11-24', statuses: { Failed: 1 }, total: 1 });
    expect(periods[6]).toMatchObject({ statuses: { Cancelled: 1 }, total: 1 });
  });
});

describe('FixityTally: days since the last check', () => {
  it('buckets under 30, 30–59, 60–89, 90–179, 180–364, 365 or more, never; exactly N days ago is N days', () => {
    const t = new FixityTally(NOW);
    const files = [
      at(0), // under 30
      at(-2), // a check "in the future" (clock ahead): 0 days
      at(30, 1), // 1 µs less than 30 days ago: 29 days, under 30
      at(30), // exactly 30 days: 30–59
      at(59),
      at(60),
      at(89),
      at(90), // exactly 90 days: 90–179 (as not-checked-since --days 90 counts it)
      at(90, 1), // 1 µs less than 90 days: 89 days
      at(179),
      at(180),
      at(364),
      at(365),
      at(4000),
      '2000-01-01T00:00:00Z', // the schema's default: never checked
      '0001-01-01T00:00:00Z', // a missing time
      'garbage',
    ];
    for (const last_fixity_check of files) t.add({ last_fixity_check });
    expect(t.buckets()).toEqual([
      { label: 'under 30 days', min_days: 0, max_days: 29, files: 3 },
      { label: '30–59 days', min_days: 30, max_days: 59, files: 2 },
      { label: '60–89 days', min_days: 60, max_days: 89, files: 3 },
      { label: '90–179 days', min_days: 90, max_days: 179, files: 2 },
      { label: '180–364 days', min_days: 180, max_days: 364, files: 2 },
      { label: '365 days or more', min_days: 365, max_days: null, files: 2 },
      { label: 'never checked', min_days: null, max_days: null, files: 3 },
    ]);
    expect(t.files).toBe(files.length);
  });
});

describe('RowKeeper', () => {
  it('keeps the first rows, projected to the fields, and counts all', () => {
    const k = new RowKeeper(['id', 'name'], 2);
    for (let id = 1; id <= 5; id++) k.add({ id, name: `bag_${id}`, secret: 'x' });
    expect(k.rows).toEqual([
      { id: 1, name: 'bag_1' },
      { id: 2, name: 'bag_2' },
    ]);
    expect([k.total, k.truncated]).toEqual([5, true]);
  });
});

describe('a million files', () => {
  it('stream through storage and fixity: exact totals, one row per key (records are never kept)', () => {
    const storage = new StorageTally();
    const fixity = new FixityTally(NOW);
    const options = ['Standard', 'Glacier-OH', 'Glacier-Deep-VA', 'Wasabi-OR'];
    const checked = [at(1), at(45), at(100), at(400), '2000-01-01T00:00:00Z'];
    const n = 1_000_000;
    for (let i = 0; i < n; i++) {
      const file = { storage_option: options[i % 4], size: 1_000_000_007, last_fixity_check: checked[i % 5] };
      storage.add(file);
      fixity.add(file);
    }
    expect(storage.files).toBe(n);
    expect(storage.bytes).toBe(1_000_000_007n * BigInt(n));
    expect(storage.rows().map((r) => r.files)).toEqual([250_000, 250_000, 250_000, 250_000]);
    expect(fixity.buckets().map((b) => b.files)).toEqual([200_000, 200_000, 0, 200_000, 0, 200_000, 200_000]);
  });
});
