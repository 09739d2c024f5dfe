import { rowJSON } from '../data/table.js';
import { isSysAdmin, mayRead, permissionDenied, type ApiContext } from './context.js';
import { handlerError, jsonResponse, middlewareError, type SandboxResponse } from './respond.js';
import { missingAuthorization, parseInt64 } from './show.js';

/** Go's strconv error text for a failed ParseInt of the user_id segment. */
function strconvError(s: string): string {
  const reason = /^[+-]?\d+$/.test(s) ? 'value out of range' : 'invalid syntax';
  return `strconv.ParseInt: parsing ${JSON.stringify(s)}: ${reason}`;
}

/** alerts/show/:id/:user_id — errata §5.3, step by step. */
export function handleAlertShow(ctx: ApiContext, pattern: string, rawId: string, rawUserId: string): SandboxResponse {
  const table = ctx.ds.tables.alerts;
  const id = parseInt64(rawId);
  if (id === null || id === 0) return missingAuthorization(ctx.path);
  const idCol = table.byName.get('id');
  const userCol = table.byName.get('user_id');
  if (!idCol || !userCol) throw new Error('alerts table lacks id/user_id');
  let first = -1;
  for (let r = 0; r < table.size() && first < 0; r++) if (idCol.get(r) === id) first = r;
  if (first < 0) return middlewareError(404, `Not found: ${ctx.path}`);
  // 1. The authorizer checks the alert's institution.
  const inst = table.institutionOf(first);
  if (!mayRead(ctx.user, inst)) return middlewareError(403, permissionDenied(pattern, inst));
  // 2. The handler parses user_id, then insists it is the caller's own unless sysadmin.
  const userId = parseInt64(rawUserId);
  if (userId === null) return handlerError(500, strconvError(rawUserId));
  if (!isSysAdmin(ctx.user) && userId !== ctx.user.id) return handlerError(403, 'permission denied');
  // 3. The (alert, user) row must exist; user_id is NULL for an alert nobody received.
  // Rows are grouped by alert id, so the scan can stop at the first other id.
  for (let r = first; r < table.size() && idCol.get(r) === id; r++) {
    if (userCol.get(r) === userId) return jsonResponse(200, rowJSON(table, r));
  }
  return handlerError(404, 'pg: no rows in result set');
}
