// An AbortSignal that is already aborted when a call starts: the call rejects at once with an
// AbortedError and sends nothing (list, get, and the first next() of all()).
import { afterEach, describe, expect, it } from 'vitest';
import { AbortedError } from '../../src/index.js';
import { envelope, registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => net.after());

/** Answers every request to any resource with one record, and counts them. */
function countingRegistry() {
  const hits: string[] = [];
  registry()
    .get(/\/member-api\/v3\//)
    .times(100)
    .reply((uri) => {
      hits.push(uri);
      return [200, /\/show\//.test(uri) ? { id: 1, user_id: 1 } : envelope([{ id: 1, user_id: 1 }])];
    });
  return hits;
}

describe('an already-aborted signal', () => {
  it('list() rejects with AbortedError and sends nothing', async () => {
    const hits = countingRegistry();
    const client = testClient();
    await expect(client.workItems.list({}, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortedError);
    await expect(client.alerts.list(undefined, { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'aborted' });
    expect(hits).toEqual([]);
  });

  it('get() rejects with AbortedError and sends nothing, for every resource', async () => {
    const hits = countingRegistry();
    const client = testClient();
    const signal = AbortSignal.abort();
    const calls = [
      client.workItems.get(1, { signal }),
      client.checksums.get(1, { signal }),
      client.deletionRequests.get(1, { signal }),
      client.files.get('inst/bag/data/f.txt', { signal }),
      client.objects.get(1, { signal }),
      client.events.get(1, { signal }),
      client.alerts.get(1, 1, { signal }),
    ];
    for (const call of calls) await expect(call).rejects.toBeInstanceOf(AbortedError);
    expect(hits).toEqual([]);
  });

  it('all(): the first next() rejects with AbortedError and sends nothing', async () => {
    const hits = countingRegistry();
    const iterator = testClient().workItems.all({}, { signal: AbortSignal.abort() })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortedError);
    expect(hits).toEqual([]);
  });

  it('a signal aborted after the call: still an AbortedError (unchanged)', async () => {
    const hits = countingRegistry();
    const controller = new AbortController();
    const iterator = testClient().workItems.all({}, { signal: controller.signal })[Symbol.asyncIterator]();
    controller.abort();
    await expect(iterator.next()).rejects.toBeInstanceOf(AbortedError);
    expect(hits).toEqual([]);
  });

  it('a signal that is not an AbortSignal is refused as invalid input, nothing sent', async () => {
    const hits = countingRegistry();
    const client = testClient();
    const bad = { signal: 'stop' } as unknown as { signal: AbortSignal };
    await expect(client.workItems.list({}, bad)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(client.workItems.get(1, bad)).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(client.workItems.list({}, null as unknown as undefined)).resolves.toMatchObject({ count: 1 });
    expect(hits).toHaveLength(1);
  });
});
