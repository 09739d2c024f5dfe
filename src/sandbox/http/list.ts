import type { ResourceName, Table } from '../data/table.js';
import { allowedFilters, COUNT_FILTER_COLUMNS } from '../query/allow-lists.js';
import { pageOfRows, selectRows } from '../query/execute.js';
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

/**
 * The institution (and, for alerts, user) scope of a member's list (request.go:117-123), as
 * predicates over `table` and the text that keys cached results.
 */
function scopeOf(ctx: ApiContext, table: Table): { predicates: Predicate[]; key: string } {
  const predicates: Predicate[] = [];
  if (isSysAdmin(ctx.user)) return { predicates, key: 'all' };
  const inst = ctx.user.institutionId;
  predicates.push((i) => table.institutionOf(i) === inst);
  let key = `inst=${inst}`;
  if (table.resource === 'alerts') {
    const userId = table.byName.get('user_id');
    const uid = ctx.user.id;
    if (userId) predicates.push((i) => userId.get(i) === uid);
    key += `,user=${uid}`;
  }
  return { predicates, key };
}

/** The count a materialised view frozen at start gives: the pristine table's (errata §2.3). */
function frozenCount(ctx: ApiContext, resource: ResourceName, setKey: string): number {
  const key = `${resource}|${setKey}`;
  const hit = ctx.caches.frozen.get(key);
  if (hit !== undefined) return hit;
  const table = ctx.ds.pristine[resource];
  const predicates = [...scopeOf(ctx, table).predicates, ...compileFilters(table, ctx.query).predicates];
  let n = 0;
  outer: for (let i = 0; i < table.size(); i++) {
    for (const p of predicates) if (!p(i)) continue outer;
    n++;
  }
  ctx.caches.frozen.set(key, n);
  return n;
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

  const scope = scopeOf(ctx, table);
  const setKey = `${scope.key}|${filters.signature}`;
  const selection = selectRows(table, [...scope.predicates, ...filters.predicates], setKey, filters.bounds, sort.keys, ctx.caches);
  const rows = selection.rows;

  let count = rows.length;
  const countColumns = COUNT_FILTER_COLUMNS[resource];
  if (countColumns && !filters.usesIn && [...filters.whereColumns].every((c) => countColumns.has(c))) {
    // Read from an hourly materialised view (errata §2.3): stale, or frozen while rows are added.
    if (ctx.frozenCounts === 'start') count = frozenCount(ctx, resource, setKey);
    else if (ctx.frozenCounts !== null) count = ctx.frozenCounts;
    if (ctx.staleCounts !== 0) count = Math.max(0, count + ctx.staleCounts);
  }
  let page: number[];
  if (selection.ordered) {
    const end = Math.min(rows.length, pager.limit === null ? rows.length : pager.offset + pager.limit);
    page = pager.offset >= end ? [] : Array.from(rows.subarray(pager.offset, end));
  } else {
    page = pageOfRows(table, rows, sort.keys, `${setKey}|${sort.signature}`, pager.offset, pager.limit, ctx.caches);
  }
  const results = page.map((i) => rowString(table, i));
  const { next, previous } = pageLinks(ctx.path, ctx.query, pager, count, results.length);
  return {
    ...jsonBodyResponse(200, envelopeBody(count, next, previous, results)),
    list: { offset: pager.offset, returned: results.length },
  };
}
