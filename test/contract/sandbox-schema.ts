// Record shapes as the real server sends them, learned from every recorded record of a route:
// field name → the JSON types seen. A sandbox record must have exactly those fields, each of a
// type seen for it.
import type { RecordedExchange } from './recordings.js';

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';
export type Shape = Map<string, Set<JsonType>>;

export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonType;
}

/** `files:list`, `files:show`, `files:show.checksums`, …, or null when the path is not an API route. */
export function routeKey(decodedPath: string): string | null {
  const m = /^\/member-api\/v3\/([a-z]+)(\/show\/.+)?$/.exec(decodedPath);
  return m ? `${m[1]}:${m[2] ? 'show' : 'list'}` : null;
}

/** files/show relations: arrays of records, or null when empty. */
export const NESTED = ['checksums', 'premis_events', 'storage_records'] as const;

function learn(shapes: Map<string, Shape>, key: string, record: Record<string, unknown>): void {
  let shape = shapes.get(key);
  if (!shape) shapes.set(key, (shape = new Map()));
  for (const [field, v] of Object.entries(record)) {
    const types = shape.get(field) ?? new Set<JsonType>();
    types.add(jsonType(v));
    shape.set(field, types);
  }
}

export function recordedShapes(exchanges: readonly RecordedExchange[]): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const ex of exchanges) {
    const key = routeKey(ex.request.path);
    const body = ex.response.body as Record<string, unknown> | null;
    if (!key || ex.response.status !== 200 || !body) continue;
    const records = key.endsWith(':list') ? ((body.results as Record<string, unknown>[] | null) ?? []) : [body];
    for (const r of records) {
      learn(shapes, key, r);
      if (key !== 'files:show') continue;
      for (const rel of NESTED) for (const n of (r[rel] as Record<string, unknown>[] | null) ?? []) learn(shapes, `${key}.${rel}`, n);
    }
  }
  return shapes;
}

/** Differences between one sandbox record and a route's recorded shape. */
export function shapeDiffs(shape: Shape | undefined, key: string, record: unknown): string[] {
  if (!shape) return [`no recorded records of ${key} to compare with`];
  if (jsonType(record) !== 'object') return [`${key} record is ${jsonType(record)}, not an object`];
  const r = record as Record<string, unknown>;
  const out: string[] = [];
  const missing = [...shape.keys()].filter((f) => !(f in r));
  const extra = Object.keys(r).filter((f) => !shape.has(f));
  if (missing.length) out.push(`${key} record lacks ${missing.join(', ')}`);
  if (extra.length) out.push(`${key} record has extra ${extra.join(', ')}`);
  for (const [f, types] of shape) {
    if (f in r && !types.has(jsonType(r[f]))) out.push(`${key}.${f} is ${jsonType(r[f])}, recorded ${[...types].join('|')}`);
  }
  return out;
}
