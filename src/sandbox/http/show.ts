import { indexForId, rowJSON, type ResourceName } from '../data/table.js';
import { mayRead, permissionDenied, type ApiContext } from './context.js';
import { jsonResponse, middlewareError, type SandboxResponse } from './respond.js';

/** strconv.ParseInt(s, 10, 64); null on any error. */
export function parseInt64(s: string): number | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = BigInt(s);
  return n > 9223372036854775807n || n < -9223372036854775808n ? null : Number(n);
}

export const missingAuthorization = (path: string): SandboxResponse => middlewareError(404, `Missing authorization check for ${path}`);

/** Resolve a show route's id or identifier to a row index; -1 = not found, null = invalid id. */
function resolve(ctx: ApiContext, resource: ResourceName, rawId: string, catchAll: boolean): number | null {
  const table = ctx.ds.tables[resource];
  const id = parseInt64(rawId);
  if (!catchAll) return id === null || id === 0 ? null : indexForId(table, id);
  // `*id`: an integer is an id, anything else an exact, case-sensitive identifier (errata §5.1).
  if (id !== null && id !== 0) return indexForId(table, id);
  const lookup = resource === 'files' || resource === 'objects' || resource === 'events' ? ctx.ds.byIdentifier[resource] : null;
  return lookup ? lookup.find(rawId) : -1;
}

/**
 * files/objects/events/checksums/items/deletions show (errata §1.3, §5). Order matters:
 * invalid numeric id → 404 missing check; unknown → 404 not found; another institution or
 * role none → 403 naming the route pattern (existence leaks, as on the real server).
 */
export function handleShow(ctx: ApiContext, resource: ResourceName, pattern: string, rawId: string, catchAll: boolean): SandboxResponse {
  const index = resolve(ctx, resource, rawId, catchAll);
  if (index === null) return missingAuthorization(ctx.path);
  if (index < 0) return middlewareError(404, `Not found: ${ctx.path}`);
  const table = ctx.ds.tables[resource];
  const inst = table.institutionOf(index);
  if (!mayRead(ctx.user, inst)) return middlewareError(403, permissionDenied(pattern, inst));
  // files/show returns GenericFile with relations, not the view (errata §5.2).
  return jsonResponse(200, resource === 'files' ? ctx.ds.fileDetail(index) : rowJSON(table, index));
}
