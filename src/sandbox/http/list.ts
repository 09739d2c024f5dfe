import type { ResourceName } from '../data/table.js';
import { allowedFilters, COUNT_FILTER_COLUMNS } from '../query/allow-lists.js';
import { matchRows, pageOfRows } from '../query/execute.js';
import { compileFilters, rejectUnknownParams, type Predicate } from '../query/filters.js';
import { pageLinks, parsePager } from '../query/pager.js';
import { parseSort } from '../query/sort.js';
import { isSysAdmin, mayRead, permissionDenied, type ApiContext } from './context.js';
import { jsonBodyResponse, middlewareError, type SandboxResponse } from './respond.js';
import { envelopeBody, rowString } from './row-cache.js';

/**
 * Authorize (resource_authorization.go:110-130): `institution_id` from the query is the
 * institution checked; a non-numeric one counts as the caller's own (errata §1.3, §3.2).
 */
function authorizeIndex(ctx: ApiContext, pattern: string): SandboxResponse | null {
  const raw = ctx.query.get('institution_id')?.[0] ?? '';
  const asked = /^[+-]?\d+$/.test(raw) ? Number(raw) : ctx.user.institutionId;
  return mayRead(ctx.user, asked) ? null : middlewareError(403, permissionDenied(pattern, asked));
}

/** GET /member-api/v3/<resource>: filters, sort, pager, envelope (errata §2–§4). */
export function handleList(ctx: ApiContext, resource: ResourceName, pattern: string): SandboxResponse {
  const denied = authorizeIndex(ctx, pattern);
  if (denied) return denied;
  const table = ctx.ds.tables[resource];
  rejectUnknownParams(ctx.query, allowedFilters(resource));
  const filters = compileFilters(table, ctx.query);
  const sort = parseSort(table, ctx.query.get('sort') ?? []);
  const pager = parsePager(ctx.query);

  // request.go:117-123: members are always scoped to their institution; alerts to their own rows.
  const scope: Predicate[] = [];
  let scopeKey = 'all';
  if (!isSysAdmin(ctx.user)) {
    const inst = ctx.user.institutionId;
    scope.push((i) => table.institutionOf(i) === inst);
    scopeKey = `inst=${inst}`;
    if (resource === 'alerts') {
      const userId = table.byName.get('user_id');
      const uid = ctx.user.id;
      if (userId) scope.push((i) => userId.get(i) === uid);
      scopeKey += `,user=${uid}`;
    }
  }
  const setKey = `${scopeKey}|${filters.signature}`;
  const rows = matchRows(table, [...scope, ...filters.predicates], setKey, ctx.caches);

  let count = rows.length;
  const countColumns = COUNT_FILTER_COLUMNS[resource];
  if (ctx.staleCounts !== 0 && countColumns && !filters.usesIn && [...filters.whereColumns].every((c) => countColumns.has(c))) {
    count = Math.max(0, count + ctx.staleCounts); // read from an hourly materialised view (errata §2.3)
  }
  const page = pageOfRows(table, rows, sort.keys, `${setKey}|${sort.signature}`, pager.offset, pager.limit, ctx.caches);
  const results = page.map((i) => rowString(table, i));
  const { next, previous } = pageLinks(ctx.path, ctx.query, pager, count, results.length);
  return jsonBodyResponse(200, envelopeBody(count, next, previous, results));
}
