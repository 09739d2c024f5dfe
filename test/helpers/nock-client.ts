// A client pointed at a nock-intercepted origin. nock replaces the network; everything from
// createClient down to axios is the real code.
import nock from 'nock';
import { createClient } from '../../src/index.js';
import type { ClientOptions, RegistryClient } from '../../src/index.js';

export const ORIGIN = 'https://registry.test';
export const USER = 'user@inst1.edu';
export const API_KEY = 'k3y-Th4t-Must-N3ver-Leak-0123456789';

export function testClient(options: ClientOptions = {}): RegistryClient {
  return createClient({ baseUrl: ORIGIN, user: USER, apiKey: API_KEY, retryBaseDelayMs: 1, env: {}, ...options });
}

/** A nock scope that also requires both auth headers, exactly. */
export function registry() {
  return nock(ORIGIN, { reqheaders: { 'x-pharos-api-user': USER, 'x-pharos-api-key': API_KEY } });
}

/** The interceptor for page `n` of the work-item list (a crawl's offset pages). */
export function itemsPage(n: number) {
  return registry()
    .get('/member-api/v3/items')
    .query((query) => query.page === String(n));
}

/** Work items `from`..`to`, each with an id and a name. */
export function itemRows(from: number, to: number): { id: number; name: string }[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i, name: `item ${from + i}` }));
}

export function envelope<T>(results: T[], count = results.length, next = '', previous = '') {
  return { count, next, previous, results };
}

export function setupNock() {
  nock.disableNetConnect();
  return {
    after: () => {
      const pending = nock.pendingMocks();
      nock.cleanAll();
      return pending;
    },
  };
}
