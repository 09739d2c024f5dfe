import type { ResourceName } from '../data/table.js';
import { goEscapePath } from '../gojson.js';

export const API_PREFIX = '/member-api/v3/';

// URL segment → resource (app/application.go:317-349, errata §1.1).
const LIST_SEGMENTS: readonly ResourceName[] = ['alerts', 'checksums', 'deletions', 'files', 'objects', 'events', 'items'];
const CATCH_ALL = new Set<string>(['files', 'objects', 'events']);
const NUMERIC = new Set<string>(['checksums', 'deletions', 'items']);

export type Route =
  | { kind: 'list'; resource: ResourceName; pattern: string }
  /** `*id` routes take an id or an identifier; numeric ones only an id (errata §5.1). */
  | { kind: 'show'; resource: ResourceName; pattern: string; id: string; catchAll: boolean }
  | { kind: 'alert'; resource: 'alerts'; pattern: string; id: string; userId: string };

/** Match a decoded path against the 14 GET routes. */
export function matchRoute(path: string): Route | null {
  if (!path.startsWith(API_PREFIX)) return null;
  const rest = path.slice(API_PREFIX.length);
  if ((LIST_SEGMENTS as readonly string[]).includes(rest)) {
    return { kind: 'list', resource: rest as ResourceName, pattern: `${API_PREFIX}${rest}` };
  }
  const slash = rest.indexOf('/show/');
  if (slash < 0) return null;
  const seg = rest.slice(0, slash);
  const tail = rest.slice(slash + '/show/'.length);
  if (CATCH_ALL.has(seg)) {
    return { kind: 'show', resource: seg as ResourceName, pattern: `${API_PREFIX}${seg}/show/*id`, id: tail, catchAll: true };
  }
  if (NUMERIC.has(seg) && /^[^/]+$/.test(tail)) {
    return { kind: 'show', resource: seg as ResourceName, pattern: `${API_PREFIX}${seg}/show/:id`, id: tail, catchAll: false };
  }
  const alert = seg === 'alerts' ? /^([^/]+)\/([^/]+)$/.exec(tail) : null;
  if (alert) return { kind: 'alert', resource: 'alerts', pattern: `${API_PREFIX}alerts/show/:id/:user_id`, id: alert[1], userId: alert[2] };
  return null;
}

/** gin's cleanPath: collapse `//`, resolve `.` and `..`, keep a trailing slash. */
function cleanPath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const cleaned = `/${out.join('/')}`;
  return p.endsWith('/') && cleaned !== '/' ? `${cleaned}/` : cleaned;
}

/** Lower-case the static segments (member-api, v3, resource, show) of an API path. */
function fixCase(p: string): string {
  const segs = p.split('/');
  const lowerStatic = (k: number) => {
    if (segs[k] !== undefined) segs[k] = segs[k].toLowerCase();
  };
  [1, 2, 3].forEach(lowerStatic);
  if (segs[4]?.toLowerCase() === 'show') lowerStatic(4);
  return segs.join('/');
}

/**
 * gin's RedirectTrailingSlash and RedirectFixedPath (errata §1.1): a GET whose path matches a
 * route only after adding/removing a trailing slash, cleaning, or fixing the case of static
 * segments gets a 301 to that path with the query kept. Runs before any middleware.
 */
export function redirectFor(path: string, rawQuery: string): string | null {
  const candidates: string[] = [];
  if (path.length > 1 && path.endsWith('/')) candidates.push(path.slice(0, -1));
  else candidates.push(`${path}/`);
  const fixed = fixCase(cleanPath(path));
  candidates.push(fixed, fixed.endsWith('/') ? fixed.slice(0, -1) : `${fixed}/`);
  const target = candidates.find((c) => c !== path && matchRoute(c) !== null);
  if (target === undefined) return null;
  return goEscapePath(target) + (rawQuery ? `?${rawQuery}` : '');
}
