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
