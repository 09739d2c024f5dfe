// A broken or hostile server answering a verification: a typed error (ServerError, bad_response),
// never a TypeError from deep inside, and the key in no message.
import { join } from 'node:path';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServerError, verifyObject } from '../../src/index.js';
import { API_KEY, envelope, registry, testClient } from '../helpers/nock-client.js';
import { tempDir, writeBag } from './helpers.js';

describe('verify against a broken server', () => {
  let manifest: string;
  beforeAll(() => {
    nock.disableNetConnect();
    manifest = join(writeBag(tempDir(), 'h_bag', { payload: { 'a.txt': 'a' }, algorithms: ['md5'] }), 'manifest-md5.txt');
  });
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  const object = { id: 9, identifier: 'inst1.edu/h_bag', institution_identifier: 'inst1.edu' };

  it.each([
    ['files', { id: 1, identifier: 5, created_at: '2024-01-01T00:00:00Z', state: 'A', size: 1 }],
    ['checksums', { id: 1, algorithm: 'md5', digest: null, generic_file_id: 1, datetime: '2024-01-01T00:00:00Z' }],
  ])('a %s record without its fields is a ServerError', async (which, bad) => {
    registry().get('/member-api/v3/objects/show/inst1.edu%2Fh_bag').reply(200, object);
    const file = { id: 1, identifier: 'inst1.edu/h_bag/data/a.txt', created_at: '2024-01-01T00:00:00Z', state: 'A', size: 1 };
    registry()
      .get('/member-api/v3/files')
      .query(true)
      .reply(200, envelope([which === 'files' ? bad : file]));
    if (which === 'checksums')
      registry()
        .get('/member-api/v3/checksums')
        .query(true)
        .reply(200, envelope([bad]));
    const client = testClient();
    const err = await verifyObject(client, 'inst1.edu/h_bag', manifest).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ServerError);
    expect((err as ServerError).code).toBe('bad_response');
    expect(String((err as Error).message)).not.toContain(API_KEY);
    client.close();
  });
});
