import { isSysAdmin, permissionDenied } from './context.js';
import { middlewareError, type SandboxResponse } from './respond.js';
import { API_PREFIX, matchRoute } from './router.js';
import { missingAuthorization } from './show.js';
import type { SandboxUser } from '../types.js';

export const ADMIN_PREFIX = '/admin-api/';

/**
 * /admin-api/… after authentication. The server's Authorize refuses every non-admin before it
 * looks at the route, naming the matched route pattern (gin's FullPath, "" when none matched)
 * and institution 0, plus the reason (errors.path.admin_api_as_member). The sandbox serves only
 * the member API, so a sysadmin gets the "no check" 404 an unserved route gives.
 */
export function handleAdminApi(user: SandboxUser, path: string): SandboxResponse {
  if (isSysAdmin(user)) return missingAuthorization(path);
  const member = matchRoute(API_PREFIX + path.slice(`${ADMIN_PREFIX}v3/`.length));
  const pattern = path.startsWith(`${ADMIN_PREFIX}v3/`) && member ? member.pattern.replace(API_PREFIX, `${ADMIN_PREFIX}v3/`) : '';
  return middlewareError(403, `${permissionDenied(pattern, 0)} non-admins must use the member api`);
}
