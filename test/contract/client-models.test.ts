// The model types against the records the real server sent: every field a recorded record has is in
// the spec as we fix it, and required there; no field is promised that never arrives; each value's
// JSON type is the type the model declares (nested files/show relations included).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain ESM script without types
import { applyOverlay } from '../../scripts/lib/spec.mjs';
import { haveRecordings, recordings } from './recordings.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPEC = path.resolve(root, '..', 'shared', 'upstream', 'registry', 'member_api_v3.yml');

interface Schema {
  $ref?: string;
  type?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
}
interface Spec {
  paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: Schema } } } } } }>;
  components: { schemas: Record<string, Schema> };
}

const available = haveRecordings('model contract tests') && existsSync(SPEC);

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

describe.skipIf(!available)('model types against recorded records', () => {
  it('every recorded record has exactly the fields its schema requires, each of its declared type', async () => {
    const spec = YAML.parse(await applyOverlay(readFileSync(SPEC, 'utf8'))) as Spec;
    const deref = (s: Schema): Schema => (s.$ref ? spec.components.schemas[s.$ref.split('/').pop() as string] : s);
    const problems: string[] = [];
    let records = 0;

    const check = (where: string, name: string, schema: Schema, record: Record<string, unknown>) => {
      records += 1;
      const declared = Object.keys(schema.properties ?? {}).sort();
      const sent = Object.keys(record).sort();
      const extra = sent.filter((k) => !declared.includes(k));
      const never = declared.filter((k) => !sent.includes(k));
      const notRequired = sent.filter((k) => !(schema.required ?? []).includes(k));
      if (extra.length) problems.push(`${where}: ${name} lacks ${extra.join(', ')}`);
      if (never.length) problems.push(`${where}: ${name} promises ${never.join(', ')}, never sent`);
      if (notRequired.length) problems.push(`${where}: ${name} does not require ${notRequired.join(', ')}`);
      for (const [field, value] of Object.entries(record)) {
        const prop = schema.properties?.[field];
        if (!prop) continue;
        const type = jsonType(value);
        const want = prop.type ?? (prop.$ref ? 'object' : undefined);
        // Empty relations arrive as null; the client turns them into the arrays the model promises.
        if (type === 'null' && want === 'array') continue;
        const fits = want === type || (want === 'number' && type === 'integer');
        if (!fits) problems.push(`${where}: ${name}.${field} is ${type}, declared ${want}`);
        if (type === 'array' && prop.items) {
          const item = deref(prop.items);
          for (const element of value as Record<string, unknown>[]) check(where, `${name}.${field}[]`, item, element);
        }
      }
    };

    for (const exchange of recordings!.exchanges) {
      if (exchange.response.status !== 200 || exchange.request.method !== 'GET') continue;
      const route = Object.keys(spec.paths).find((p) => new RegExp(`^${p.replace(/\{[^}]+\}/g, '.+')}$`).test(exchange.request.path));
      if (!route) continue;
      const top = spec.paths[route].get.responses[200].content['application/json'].schema;
      const schema = deref(top);
      const body = exchange.response.body as Record<string, unknown>;
      const name = top.$ref?.split('/').pop() as string;
      if (schema.properties?.results) {
        const item = deref(schema.properties.results.items as Schema);
        for (const record of (body.results as Record<string, unknown>[] | null) ?? []) check(exchange.id, name, item, record);
      } else {
        check(exchange.id, name, schema, body);
      }
    }
    expect(problems).toEqual([]);
    expect(records).toBeGreaterThan(3000);
  });
});
