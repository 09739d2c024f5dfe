// sandbox.matchingIds: what a query matches right now, by the same filter engine the list routes use.
import type { Dataset } from './data/dataset.js';
import type { Column } from './data/table.js';
import { goParseQuery } from './gojson.js';
import { HttpFailure } from './http/respond.js';
import { allowedFilters } from './query/allow-lists.js';
import { selectRows, type QueryCaches } from './query/execute.js';
import { compileFilters, rejectUnknownParams } from './query/filters.js';
import type { SandboxQuery, SandboxResource } from './types.js';

const RESOURCES: readonly SandboxResource[] = ['alerts', 'checksums', 'deletions', 'files', 'objects', 'events', 'items'];

export function queryMap(query: SandboxQuery | undefined): Map<string, string[]> {
  if (query === undefined) return new Map();
  if (typeof query === 'string') return goParseQuery(query.startsWith('?') ? query.slice(1) : query);
  const out = new Map<string, string[]>();
  if (query instanceof URLSearchParams) {
    for (const [k, v] of query) out.set(k, [...(out.get(k) ?? []), v]);
    return out;
  }
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    out.set(k, (Array.isArray(v) ? v : [v]).map(String));
  }
  return out;
}

function serverMessage(err: HttpFailure): string {
  try {
    const body = JSON.parse(err.response.body) as { Error?: string; error?: string };
    return body.Error ?? body.error ?? err.response.body;
  } catch {
    return err.response.body;
  }
}

export function matchingIds(ds: Dataset, caches: QueryCaches, resource: SandboxResource, query?: SandboxQuery): (number | string)[] {
  if (!RESOURCES.includes(resource)) throw new TypeError(`sandbox.matchingIds: unknown resource ${JSON.stringify(resource)}`);
  const table = ds.tables[resource];
  const q = queryMap(query);
  try {
    rejectUnknownParams(q, allowedFilters(resource));
    const filters = compileFilters(table, q);
    const { rows } = selectRows(table, filters.predicates, `all|${filters.signature}`, filters.bounds, [], caches);
    const id = table.byName.get('id') as Column;
    if (resource !== 'alerts') return Array.from(rows, (i) => id.get(i) as number);
    const user = table.byName.get('user_id') as Column;
    return Array.from(rows, (i) => `${id.get(i) as number}:${(user.get(i) as number | null) ?? 0}`);
  } catch (err) {
    if (err instanceof HttpFailure)
      throw new Error(`sandbox.matchingIds(${resource}): the server would answer ${err.response.status}: ${serverMessage(err)}`, {
        cause: err,
      });
    throw err;
  }
}
