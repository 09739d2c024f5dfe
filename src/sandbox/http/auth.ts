import { createHash, timingSafeEqual } from 'node:crypto';
import type { SandboxUser } from '../types.js';
import { handlerError, redirectResponse, DEFAULT_HEADERS, type SandboxResponse } from './respond.js';

export const SESSION_COOKIE = 'aptrust_session';
const UNAUTHORIZED = 'API credentials are missing or invalid.';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Keys are compared as fixed-length hashes so neither length nor content leaks through timing. */
function keyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && expected !== '';
}

export type AuthResult = { user: SandboxUser } | { response: SandboxResponse };

/**
 * middleware/authenticate.go for API paths (errata §1.2). Both headers must be non-empty, the
 * email matches case-sensitively, and any failure is the same 401 JSON. After a successful
 * key check: maintenance mode → 302 /maintenance?format=json; a pending web 2FA step → 302.
 */
export function authenticate(first: (name: string) => string, users: readonly SandboxUser[], maintenance: boolean): AuthResult {
  const email = first('x-pharos-api-user');
  const key = first('x-pharos-api-key');
  if (email === '' || key === '') return { response: handlerError(401, UNAUTHORIZED) };
  const user = users.find((u) => u.email === email);
  if (!keyMatches(key, user?.apiKey ?? '\u0000no-such-user')) {
    // A wrong key for a real user also drops the session cookie (authenticate.go:121), with the
    // attributes of helpers.DeleteCookie and the test config's cookie domain (errors.auth.wrong_key).
    const extra: Record<string, string> = user
      ? { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; Domain=localhost; Max-Age=0; HttpOnly; SameSite=Strict` }
      : {};
    const r = handlerError(401, UNAUTHORIZED);
    return { response: { ...r, headers: { ...r.headers, ...extra } } };
  }
  if (!user) return { response: handlerError(401, UNAUTHORIZED) };
  if (maintenance) return { response: redirectResponse(302, '/maintenance?format=json', DEFAULT_HEADERS) };
  if (user.twoFactorPending) return { response: redirectResponse(302, '/users/2fa_choose/', DEFAULT_HEADERS) };
  return { user };
}
