import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type IngestOutcome, type Sandbox, type SandboxWorkItem } from '../../src/sandbox/index.js';
import { list } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll the generated data until the item reaches a final state; return every distinct state seen. */
async function watch(sb: Sandbox, name: string, done: (w: SandboxWorkItem) => boolean): Promise<SandboxWorkItem[]> {
  const seen: SandboxWorkItem[] = [];
  for (let t = 0; t < 400; t++) {
    const w = sb.data.workItems.find((x) => x.name === name);
    const last = seen.at(-1);
    if (w && (!last || last.stage !== w.stage || last.status !== w.status || last.retry !== w.retry)) seen.push(w);
    if (w && done(w)) return seen;
    await sleep(4);
  }
  throw new Error(`work item ${name} never finished: ${JSON.stringify(seen.at(-1))}`);
}

describe('sandbox simulateIngest', () => {
  let sb: Sandbox;
  beforeAll(async () => {
    sb = await startSandbox({ files: 200 });
  });
  afterAll(() => sb.stop());

  it('appears after appearAfterMs with a new highest id, then walks Receive → … → Cleanup/Success', async () => {
    const maxId = Math.max(...sb.data.workItems.filter(() => true).map((w) => w.id));
    sb.simulateIngest({ name: 'new_bag.tar', etag: 'abc123', stepMs: 15, appearAfterMs: 60 });
    expect((await list(sb, '/member-api/v3/items?name=new_bag.tar')).count).toBe(0);
    const states = await watch(sb, 'new_bag.tar', (w) => w.status === 'Success');
    expect(states[0]).toMatchObject({
      stage: 'Receive',
      status: 'Pending',
      etag: 'abc123',
      action: 'Ingest',
      id: maxId + 1,
      institution_id: 2,
    });
    const stages = states.map((s) => s.stage);
    expect(stages).toContain('Validate');
    expect(stages).toContain('Record');
    expect(states.at(-1)).toMatchObject({ stage: 'Cleanup', status: 'Success', node: '', pid: 0 });
    const api = await list<SandboxWorkItem>(sb, '/member-api/v3/items?name=new_bag.tar');
    expect(api.results[0]).toMatchObject({ stage: 'Cleanup', status: 'Success', queued_at: expect.stringMatching(/Z$/) });
    expect(api.results[0].updated_at >= api.results[0].created_at).toBe(true);
  });

  const finals: [IngestOutcome, Partial<SandboxWorkItem>][] = [
    ['failed', { status: 'Failed', retry: false }],
    ['cancelled', { status: 'Cancelled', retry: false }],
    ['suspended', { status: 'Suspended', needs_admin_review: true }],
  ];
  for (const [outcome, final] of finals) {
    it(`ends ${outcome}`, async () => {
      sb.simulateIngest({ name: `${outcome}.tar`, outcome, stepMs: 10 });
      const states = await watch(sb, `${outcome}.tar`, (w) => w.status === final.status);
      expect(states.at(-1)).toMatchObject(final);
    });
  }

  it('fails with retry=true, then succeeds (failed-retry)', async () => {
    sb.simulateIngest({ name: 'retry.tar', outcome: 'failed-retry', stepMs: 25 });
    const states = await watch(sb, 'retry.tar', (w) => w.status === 'Success');
    expect(states.some((s) => s.status === 'Failed' && s.retry === true)).toBe(true);
    expect(states.at(-1)).toMatchObject({ stage: 'Cleanup', status: 'Success' });
  });
});
