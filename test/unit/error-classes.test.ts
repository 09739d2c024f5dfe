// The error classes: each class with one code sets it itself; ServerError and NetworkError, which
// have several, take it; a 429 is a RateLimitError (a ServerError) carrying Retry-After in ms,
// also after its retries; an abort in a retry wait says which request and how many attempts.
import { afterEach, describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import type { RegistryError } from '../../src/index.js';
import {
  AbortedError,
  AuthenticationError,
  NotFoundError,
  PermissionError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { registry, setupNock, testClient } from '../helpers/nock-client.js';

const net = setupNock();
afterEach(() => expect(net.after()).toEqual([]));

const path = '/member-api/v3/items/show/1';

/** What a call that must fail rejects with. */
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e as RegistryError,
  );

describe('constructors', () => {
  it.each([
    [AuthenticationError, 'authentication'],
    [PermissionError, 'permission'],
    [NotFoundError, 'not_found'],
    [TimeoutError, 'timeout'],
    [AbortedError, 'aborted'],
  ] as const)('%o takes (message, details) and sets its own code %s', (Class, code) => {
    const error = new Class('it went wrong', { status: 401, attempts: 2 });
    expect(error.code).toBe(code);
    expect(error.message).toBe('it went wrong');
    expect(error).toMatchObject({ status: 401, attempts: 2 });
  });

  it('a RateLimitError is a ServerError with code rate_limited and retryAfter, also in its JSON', () => {
    const error = new RateLimitError('slow down', { status: 429, retryAfter: 2_000 });
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', retryAfter: 2_000, status: 429 });
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'RateLimitError', code: 'rate_limited', retryAfter: 2_000 });
    expect(api.RateLimitError).toBe(RateLimitError);
  });
});

describe('a 429 is a RateLimitError', () => {
  it('with Retry-After in seconds as milliseconds', async () => {
    registry().get(path).reply(429, '', { 'Retry-After': '7' });
    const error = await failure(testClient({ maxAttempts: 1 }).workItems.get(1));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ code: 'rate_limited', status: 429, retryAfter: 7_000, attempts: 1 });
  });

  it('with an HTTP-date Retry-After as the milliseconds until then', async () => {
    registry()
      .get(path)
      .reply(429, '', { 'Retry-After': new Date(Date.now() + 60_000).toUTCString() });
    const error = (await failure(testClient({ maxAttempts: 1 }).workItems.get(1))) as RateLimitError;
    expect(error.retryAfter).toBeGreaterThan(50_000);
    expect(error.retryAfter).toBeLessThanOrEqual(60_000);
  });

  it('without Retry-After: retryAfter is undefined', async () => {
    registry().get(path).reply(429, { error: 'too many' });
    const error = (await failure(testClient({ maxAttempts: 1 }).workItems.get(1))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfter).toBeUndefined();
    expect(error.serverMessage).toBe('too many');
  });

  it('and still one after its retries, with the retry note', async () => {
    registry().get(path).times(2).reply(429, '', { 'Retry-After': '0' });
    const error = await failure(testClient({ maxAttempts: 2 }).workItems.get(1));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ attempts: 2, retryAfter: 0 });
    expect(error.message).toBe(`GET ${path}: HTTP 429 Too Many Requests (gave up after 2 attempts; last status 429)`);
  });
});

describe('an abort in a retry wait says which request and how many attempts', () => {
  it('AbortedError with method, path and attempts', async () => {
    registry().get(path).reply(503, '', { 'Retry-After': '100' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failure(testClient().workItems.get(1, { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(error).toMatchObject({ method: 'GET', path, attempts: 1 });
  });
});
