import type { Dataset } from '../data/dataset.js';
import { goJSON, goParseQuery, goUnescape } from '../gojson.js';
import type { QueryCaches } from '../query/execute.js';
import { ADMIN_PREFIX, handleAdminApi } from './admin-api.js';
import { handleAlertShow } from './alert-show.js';
import { authenticate } from './auth.js';
import type { ApiContext } from './context.js';
import { handleList } from './list.js';
import { HttpFailure, DEFAULT_HEADERS, redirectResponse, textResponse, type SandboxResponse } from './respond.js';
import { matchRoute, redirectFor } from './router.js';
import { handleShow, missingAuthorization } from './show.js';

export interface DispatchState {
  readonly ds: Dataset;
  readonly caches: QueryCaches;
  maintenance: boolean;
  staleCounts: number;
  /** View-based counts: null live, 'start' frozen at their value at start, or this number. */
  frozenCounts: 'start' | number | null;
  /** Called with unexpected handler errors (sandbox bugs), which the client sees as gin's empty 500. */
  onInternalError(err: unknown): void;
}

/** Routes outside /member-api/ that the API's redirects point at (errata §1.2). */
function nonApi(method: string, path: string): SandboxResponse {
  if (method === 'GET' && path === '/maintenance') {
    // StatusCode is a string here (maintenance_controller.go).
    return {
      status: 503,
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...DEFAULT_HEADERS },
      body: goJSON({ Error: 'APTrust Registry is currently undergoing maintenance.', Message: '', StatusCode: '503' }),
    };
  }
  if (method === 'GET' && path === '/users/2fa_choose/') {
    return textResponse(
      200,
      '<!DOCTYPE html>\n<html><head><title>Choose a two-factor method</title></head><body><h1>Two-Factor Authentication</h1></body></html>\n',
      'text/html; charset=utf-8',
      DEFAULT_HEADERS,
    );
  }
  return textResponse(404, '404 page not found');
}

/**
 * One request through the registry's layers in their real order: net/http URL parsing (400),
 * gin routing and its 301s (before middleware), Authenticate (401/302), Authorize and the
 * handler (403/404/500/200) — errata §1 and §7.
 */
export function dispatch(state: DispatchState, method: string, rawUrl: string, header: (name: string) => string): SandboxResponse {
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  const path = goUnescape(rawPath, false);
  if (path === null) return textResponse(400, '400 Bad Request', 'text/plain; charset=utf-8', { Connection: 'close' });
  if (path.startsWith(ADMIN_PREFIX)) {
    const admin = authenticate(header, state.ds.users, state.maintenance);
    return 'response' in admin ? admin.response : handleAdminApi(admin.user, path);
  }
  if (!path.startsWith('/member-api/')) return nonApi(method, path);

  const route = method === 'GET' ? matchRoute(path) : null;
  if (!route && method === 'GET') {
    const location = redirectFor(path, rawQuery);
    if (location !== null) return redirectResponse(301, location);
  }
  const auth = authenticate(header, state.ds.users, state.maintenance);
  if ('response' in auth) return auth.response;
  if (!route) return missingAuthorization(path);

  const ctx: ApiContext = {
    ds: state.ds,
    user: auth.user,
    path,
    query: goParseQuery(rawQuery),
    staleCounts: state.staleCounts,
    frozenCounts: state.frozenCounts,
    caches: state.caches,
  };
  try {
    if (route.kind === 'list') return handleList(ctx, route.resource, route.pattern);
    if (route.kind === 'show') return handleShow(ctx, route.resource, route.pattern, route.id, route.catchAll);
    return handleAlertShow(ctx, route.pattern, route.id, route.userId);
  } catch (err) {
    if (err instanceof HttpFailure) return err.response;
    // gin Recovery: a panic is a 500 with an empty body.
    state.onInternalError(err);
    return { status: 500, headers: {}, body: '' };
  }
}
