// What an incremental run asks for: the caller's stable filters sent, the others applied to the
// records (so a record that moved out of them is seen leaving), from the mark less the overlap.
import { describe, expect, it } from 'vitest';
import { RESOURCE_CATALOGUE } from '../../src/index.js';
import { markQuery, planDelta } from '../../src/sync/delta.js';
import { recordTest } from '../../src/sync/match.js';

const files = RESOURCE_CATALOGUE.files.changes;
const events = RESOURCE_CATALOGUE.events.changes;

describe('planDelta', () => {
  it('files: the moving filters are not sent but tested; the run starts 5 minutes before the mark', () => {
    const delta = planDelta(files, { state: 'A', institution_id: 2, size__gteq: 100, sort: 'created_at__asc' }, '2026-01-01T00:00:00Z');
    expect(delta.params).toEqual({ institution_id: 2, sort: 'created_at__asc', updated_at__gteq: '2025-12-31T23:55:00.000000Z' });
    expect(delta.matches({ state: 'A', size: 100 })).toBe(true);
    expect(delta.matches({ state: 'D', size: 100 })).toBe(false);
    expect(delta.matches({ state: 'A', size: 99 })).toBe(false);
  });

  it('events: every filter sent, from a week before the mark, or the caller’s later bound', () => {
    expect(planDelta(events, { outcome: 'Failure' }, '2026-01-08T00:00:00Z').params).toEqual({
      outcome: 'Failure',
      date_time__gteq: '2026-01-01T00:00:00.000000Z',
    });
    expect(planDelta(events, { date_time__gteq: '2026-01-05' }, '2026-01-08T00:00:00Z').params.date_time__gteq).toBe('2026-01-05');
  });

  it('without a mark (a first run, or an empty list) everything is read', () => {
    expect(planDelta(files, { state: 'A' }, undefined).params).toEqual({ state: 'A' });
    expect(planDelta(RESOURCE_CATALOGUE.workItems.changes, { status: 'Failed' }, '2026-01-01T00:00:00Z').params).toEqual({
      status: 'Failed',
    });
  });

  it('the mark is read with the stable filters only, newest first, one record', () => {
    expect(markQuery(files, { state: 'A', institution_id: 2, per_page: 50 })).toEqual({
      params: { institution_id: 2, sort: 'updated_at__desc', per_page: 1 },
      column: 'updated_at',
    });
    expect(markQuery(RESOURCE_CATALOGUE.alerts.changes, {})).toBeUndefined();
  });
});

describe('recordTest: the Registry’s meaning of each filter', () => {
  it('ranges are inclusive at both ends and read dates at microseconds; a date alone is midnight', () => {
    const test = recordTest({ last_fixity_check__lteq: '2024-05-01', size__gteq: 10 }, ['last_fixity_check__lteq', 'size__gteq']);
    expect(test({ last_fixity_check: '2024-05-01T00:00:00Z', size: 10 })).toBe(true);
    expect(test({ last_fixity_check: '2024-05-01T00:00:00.000001Z', size: 10 })).toBe(false);
    expect(test({ last_fixity_check: '2024-04-30T23:59:59Z', size: 9 })).toBe(false);
  });

  it('__in, __starts_with and equality', () => {
    expect(recordTest({ storage_option__in: ['Standard', 'Glacier-OH'] }, ['storage_option__in'])({ storage_option: 'Glacier-OH' })).toBe(
      true,
    );
    expect(recordTest({ storage_option__in: ['Standard'] }, ['storage_option__in'])({ storage_option: 'Wasabi-VA' })).toBe(false);
    expect(recordTest({ identifier__starts_with: 'inst.edu/a' }, ['identifier__starts_with'])({ identifier: 'inst.edu/abc' })).toBe(true);
    expect(recordTest({ file_count__gteq: 3 }, ['file_count__gteq'])({ file_count: null })).toBe(false);
  });
});
