// A recorded request turned into the request the sandbox gets: the adapted path and query values,
// the cast's credentials, every other header and byte as recorded.
import type { Adaptation } from './sandbox-adapt.js';
import type { Cast } from './sandbox-fixtures.js';
import type { RecordedExchange } from './recordings.js';
import type { SandboxUser } from '../../src/sandbox/index.js';

export interface SandboxRequest {
  method: string;
  /** The request target, byte for byte. */
  target: string;
  headers: Record<string, string>;
}

const USER = 'X-Pharos-API-User';
const KEY = 'X-Pharos-API-Key';

/** Recorded fixture emails → the sandbox user of the same kind. */
function castMember(cast: Cast, email: string): SandboxUser | undefined {
  const byEmail: Record<string, SandboxUser> = {
    'user@inst1.edu': cast.member,
    'admin@inst1.edu': cast.admin,
    'user@inst2.edu': cast.otherMember,
    'inactive@inst1.edu': cast.inactive,
    'system@aptrust.org': cast.sysadmin,
  };
  return byEmail[email];
}

/**
 * The recording's headers with credentials swapped: a known email becomes its sandbox user's, an
 * upper-cased one stays upper-cased, an unknown one stays as sent; the fixture key `password`
 * becomes that user's key (the member's when the email is unknown or absent: a key that is valid
 * for someone); wrong or empty keys stay wrong or empty.
 */
export function sandboxHeaders(ex: RecordedExchange, cast: Cast): Record<string, string> {
  const out: Record<string, string> = {};
  const email = ex.request.headers[USER];
  const user = email === undefined ? undefined : (castMember(cast, email) ?? castMember(cast, email.toLowerCase()));
  for (const [name, v] of Object.entries(ex.request.headers)) {
    if (name === USER) {
      out[name] = user ? (email === email.toLowerCase() ? user.email : user.email.toUpperCase()) : v;
    } else if (name === KEY) {
      out[name] = v === 'password' ? (user ?? cast.member).apiKey : v;
    } else {
      out[name] = v;
    }
  }
  return out;
}

/** Go's query unescape of one key or value ('+' is a space). */
function unescape(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Encodes a replacement the way the recorded value was: spaces as `+` if it used them, else %20. */
function encodeLike(recordedRaw: string, value: string): string {
  const e = encodeURIComponent(value);
  return recordedRaw.includes('+') && !recordedRaw.includes('%20') ? e.replace(/%20/g, '+') : e;
}

export function sandboxTarget(ex: RecordedExchange, a: Adaptation): string {
  const raw = ex.request.raw_target;
  const q = raw.indexOf('?');
  const path = a.path ?? (q < 0 ? raw : raw.slice(0, q));
  if (q < 0) return path;
  const left = new Map(Object.entries(a.query ?? {}).map(([k, v]) => [k, [...v]]));
  const pairs = raw
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      const next = left.get(unescape(rawKey))?.shift();
      return next === undefined ? pair : `${rawKey}=${encodeLike(pair.slice(eq + 1), next)}`;
    });
  return `${path}?${pairs.join('&')}`;
}

/** Text substitutions for error messages: adapted decoded paths and query values. */
export function messageSubs(ex: RecordedExchange, a: Adaptation, target: string): [string, string][] {
  const subs: [string, string][] = [...(a.subs ?? [])];
  const decodedPath = (t: string): string => unescapePath(t.split('?')[0]);
  if (a.path) subs.push([decodedPath(ex.request.raw_target), decodedPath(target)]);
  for (const [k, values] of Object.entries(a.query ?? {})) {
    const recorded = ex.request.query.filter(([rk]) => rk === k).map(([, v]) => v);
    values.forEach((v, i) => {
      if (recorded[i] !== undefined) subs.push([recorded[i], v]);
    });
  }
  return subs;
}

function unescapePath(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function sandboxRequest(ex: RecordedExchange, a: Adaptation, cast: Cast): SandboxRequest {
  return { method: ex.request.method, target: sandboxTarget(ex, a), headers: sandboxHeaders(ex, cast) };
}
