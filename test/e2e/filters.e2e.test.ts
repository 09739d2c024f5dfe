// Every filter kind, through the client, over HTTP: what the client crawls is what the server
// holds for the same query (asked raw, in one request), and every record satisfies the filter.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryClient } from '../../src/index.js';
import type { Sandbox } from '../../src/sandbox/index.js';
import { clientFor, collect, sandboxFor, truth } from './helpers.js';

let sandbox: Sandbox;
let client: RegistryClient;
beforeAll(async () => {
  sandbox = await sandboxFor();
  client = clientFor(sandbox);
});
afterAll(async () => {
  client.close();
  await sandbox.stop();
});

const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

type Row = { id: number };
type Case = {
  what: string;
  route: string;
  crawl: () => AsyncIterable<Row>;
  raw: Record<string, string | string[]>;
  holds: (r: Record<string, unknown>) => boolean;
};

const cases: Case[] = [
  {
    what: 'enum equality (items status)',
    route: 'items',
    crawl: () => client.workItems.all({ status: 'Failed' }),
    raw: { status: 'Failed' },
    holds: (r) => r.status === 'Failed',
  },
  {
    what: '__in with repeated keys (items status__in)',
    route: 'items',
    crawl: () => client.workItems.all({ status__in: ['Failed', 'Cancelled'] }),
    raw: { status__in: ['Failed', 'Cancelled'] },
    holds: (r) => r.status === 'Failed' || r.status === 'Cancelled',
  },
  {
    what: '__in on files (storage_option__in)',
    route: 'files',
    crawl: () => client.files.all({ storage_option__in: ['Standard', 'Glacier-OH'] }),
    raw: { storage_option__in: ['Standard', 'Glacier-OH'] },
    holds: (r) => r.storage_option === 'Standard' || r.storage_option === 'Glacier-OH',
  },
  {
    what: 'integer (files intellectual_object_id)',
    route: 'files',
    crawl: () => client.files.all({ intellectual_object_id: 3 }),
    raw: { intellectual_object_id: '3' },
    holds: (r) => r.intellectual_object_id === 3,
  },
  {
    what: 'integer range (files size__gteq)',
    route: 'files',
    crawl: () => client.files.all({ size__gteq: 500_000 }),
    raw: { size__gteq: '500000' },
    holds: (r) => (r.size as number) >= 500_000,
  },
  {
    what: 'date range with a Date (files updated_at__gteq)',
    route: 'files',
    crawl: () => client.files.all({ updated_at__gteq: new Date('2023-01-01T00:00:00Z') }),
    raw: { updated_at__gteq: '2023-01-01T00:00:00Z' },
    holds: (r) => String(r.updated_at) >= '2023-01-01',
  },
  {
    what: 'boolean (items retry=false)',
    route: 'items',
    crawl: () => client.workItems.all({ retry: false }),
    raw: { retry: 'false' },
    holds: (r) => r.retry === false,
  },
  {
    what: 'is_null (events generic_file_id__is_null)',
    route: 'events',
    crawl: () => client.events.all({ generic_file_id__is_null: true }),
    raw: { generic_file_id__is_null: 'true' },
    holds: (r) => r.generic_file_id === 0,
  },
  {
    what: "not_null, the server's name (items queued_at__not_null)",
    route: 'items',
    crawl: () => client.workItems.all({ queued_at__not_null: true }),
    raw: { queued_at__not_null: 'true' },
    holds: (r) => r.queued_at !== '0001-01-01T00:00:00Z',
  },
  {
    what: 'starts_with (objects identifier__starts_with)',
    route: 'objects',
    crawl: () => client.objects.all({ identifier__starts_with: 'institution1.edu/' }),
    raw: { identifier__starts_with: 'institution1.edu/' },
    holds: (r) => String(r.identifier).toLowerCase().startsWith('institution1.edu'),
  },
  {
    what: 'event type and outcome (failed fixity checks)',
    route: 'events',
    crawl: () => client.events.all({ event_type: 'fixity check', outcome: 'Failure' }),
    raw: { event_type: 'fixity check', outcome: 'Failure' },
    holds: (r) => r.event_type === 'fixity check' && r.outcome === 'Failure',
  },
  {
    what: "a caller's sort (items name__desc) plus the id tie-break",
    route: 'items',
    crawl: () => client.workItems.all({ sort: 'name__desc' }),
    raw: { sort: ['name__desc', 'id__asc'] },
    holds: () => true,
  },
];

describe('filters', () => {
  for (const c of cases) {
    it(c.what, async () => {
      const expected = await truth<Row>(sandbox, c.route, c.raw);
      const got = (await collect(c.crawl())) as unknown as (Row & Record<string, unknown>)[];
      expect(got.length).toBeGreaterThan(0);
      if (c.raw.sort) expect(ids(got)).toEqual(ids(expected));
      else expect(ids(got).sort((a, b) => a - b)).toEqual(ids(expected));
      expect(got.every(c.holds)).toBe(true);
    });
  }

  it('an identifier filter with awkward characters matches exactly one file', async () => {
    const files = await truth<{ id: number; identifier: string }>(sandbox, 'files');
    const awkward = files.find((f) => /[&?# %]/.test(f.identifier))!;
    const page = await client.files.list({ identifier: awkward.identifier });
    expect(ids(page.results)).toEqual([awkward.id]);
  });
});
