// A hand-made HealthReport whose every server-sent string is hostile: markup, attribute breakouts,
// a javascript: URL, control characters. For the renderer's tests (health-html.test.ts) and the
// browser's (test/browser). The numbers are small and chosen by hand, so the expected bar counts
// are plain to read: 3 months with objects (one month empty between them), 2 weeks with work,
// 4 non-zero status segments, 7 histogram buckets.
import { HEALTH_SCHEMA } from '../../src/cli/health/model.js';
import type { HealthReport } from '../../src/cli/health/model.js';

export const HOSTILE_NAME = '<script>document.title="pwned";window.pwned=1</script>.tar';
export const HOSTILE_OPTION = '"><img src=x onerror="window.pwned=2">';
export const HOSTILE_NOTE = "</td></tr></table><iframe src='https://example.com/'></iframe>";

export function hostileReport(): HealthReport {
  const window = { column: 'date_processed', days: 90, from: '2026-09-02T12:00:00Z' };
  return {
    schema: HEALTH_SCHEMA,
    generated_at: '2026-12-01T12:00:00.000Z',
    registry: 'https://repo.aptrust.org',
    storage: {
      files: 5,
      bytes: 18014398509481985n,
      options: [
        { storage_option: 'Standard', files: 3, bytes: 18014398509481000n },
        { storage_option: HOSTILE_OPTION, files: 2, bytes: 985n },
      ],
    },
    ingests: {
      objects: 6,
      bytes: 3_500_000_000n,
      months: [
        { month: '2026-01', objects: 1, bytes: 500_000_000n },
        { month: '2026-03', objects: 3, bytes: 1_000_000_000n },
        { month: '2026-04', objects: 2, bytes: 2_000_000_000n },
      ],
    },
    work_queue: {
      window,
      period: 'week',
      statuses: ['Success', 'Failed', '<b>Odd</b>'],
      totals: { Success: 3, Failed: 1, '<b>Odd</b>': 1 },
      total: 5,
      periods: [
        { start: '2026-08-31', end: '2026-09-06', statuses: { Success: 2, Failed: 1 }, total: 3 },
        { start: '2026-09-07', end: '2026-09-13', statuses: {}, total: 0 },
        { start: '2026-09-14', end: '2026-09-20', statuses: { Success: 1, '<b>Odd</b>': 1 }, total: 2 },
      ],
    },
    fixity: {
      files: 5,
      buckets: [
        { label: 'under 30 days', min_days: 0, max_days: 29, files: 2 },
        { label: '30–59 days', min_days: 30, max_days: 59, files: 0 },
        { label: '60–89 days', min_days: 60, max_days: 89, files: 1 },
        { label: '90–179 days', min_days: 90, max_days: 179, files: 0 },
        { label: '180–364 days', min_days: 180, max_days: 364, files: 0 },
        { label: '365 days or more', min_days: 365, max_days: null, files: 1 },
        { label: 'never checked', min_days: null, max_days: null, files: 1 },
      ],
      failed_events: {
        window: { column: 'date_time', days: 30, from: '2026-11-01T12:00:00Z' },
        total: 1,
        truncated: false,
        rows: [
          {
            id: 77,
            date_time: '2026-11-20T10:00:00Z',
            intellectual_object_identifier: 'inst.edu/<bag>',
            generic_file_identifier: 'inst.edu/<bag>/data/"quoted" & <file>.txt',
            outcome_detail: HOSTILE_NOTE,
            intellectual_object_id: 5,
            generic_file_id: 'javascript:alert(1)',
          },
        ],
      },
    },
    problems: {
      window: { column: 'date_processed', days: 30, from: '2026-11-01T12:00:00Z' },
      total: 3,
      truncated: true,
      rows: [
        {
          id: 101,
          name: HOSTILE_NAME,
          action: 'Ingest',
          stage: 'Receive',
          status: 'Failed',
          outcome: 'bad\u0007bell',
          note: HOSTILE_NOTE,
          retry: false,
          needs_admin_review: false,
          date_processed: '2026-11-30T08:00:00Z',
          intellectual_object_id: 0,
          generic_file_id: 0,
        },
        {
          id: 102,
          name: 'photos.tar',
          action: 'Restore Object',
          stage: 'Resolve',
          status: 'Cancelled',
          outcome: '',
          note: '',
          retry: false,
          needs_admin_review: true,
          date_processed: '2026-11-29T08:00:00Z',
          intellectual_object_id: 9,
          generic_file_id: 0,
        },
      ],
    },
  };
}
