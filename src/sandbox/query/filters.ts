import type { Column, Table, Value } from '../data/table.js';
import { handlerError, HttpFailure, pgFailure } from '../http/respond.js';
import { CURRENT_USER_COLUMN, PAGING_KEYS } from './allow-lists.js';
import { pgNumberType } from './pg-types.js';
import { parseBool, parseInteger, parseNumeric, parseTimestamp } from './values.js';

export type Predicate = (i: number) => boolean;

/** A condition `column op value` on a timestamp column (µs; ±Infinity for 'infinity'). */
export interface TimeBound {
  column: Column;
  op: 'eq' | 'gt' | 'gteq' | 'lt' | 'lteq';
  value: number;
}

const BOUND_OPS: ReadonlySet<string> = new Set(['eq', 'gt', 'gteq', 'lt', 'lteq']);

export interface CompiledFilters {
  predicates: Predicate[];
  /** Columns that produced a WHERE condition — decides whether `count` may be stale (errata §2.3). */
  whereColumns: Set<string>;
  usesIn: boolean;
  /** Comparisons on timestamp columns, which an index can answer (the predicates still check them). */
  bounds: TimeBound[];
  /** Canonical text of the conditions, for caching matched rows. */
  signature: string;
}

const OPS = new Set(['eq', 'ne', 'gt', 'gteq', 'lt', 'lteq', 'starts_with', 'contains', 'in', 'not_in', 'is_null', 'not_null']);
const PG_TYPE: Record<string, string> = { text: 'text', time: 'timestamp without time zone', bool: 'boolean' };

/** errata §3.1: an unknown key — even with an empty value — is a 500 naming every offender. */
export function rejectUnknownParams(query: ReadonlyMap<string, readonly string[]>, allowed: ReadonlySet<string>): void {
  const bad = [...query.keys()].filter((k) => !allowed.has(k) && !PAGING_KEYS.has(k));
  if (bad.length) throw new HttpFailure(handlerError(500, `Invalid query params: ${bad.join(', ')}`));
}

function parseValue(table: Table, c: Column, raw: string): Value {
  if (c.type === 'int') {
    const type = pgNumberType(table.resource, c.name);
    return type === 'numeric' ? parseNumeric(raw) : parseInteger(raw, type);
  }
  if (c.type === 'time') return parseTimestamp(raw);
  if (c.type === 'bool') return parseBool(raw);
  return raw;
}

/** ILIKE: `%` and `_` are wildcards, backslash escapes; case-insensitive (errata §3.1). */
function likeRegExp(pattern: string): RegExp {
  let src = '';
  for (let k = 0; k < pattern.length; k++) {
    const ch = pattern[k];
    if (ch === '\\' && k + 1 < pattern.length) src += pattern[++k].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${src}$`, 'iu');
}

function comparison(c: Column, op: string, v: Value): Predicate {
  const get = c.get;
  switch (op) {
    case 'eq':
      return (i) => get(i) === v;
    case 'ne':
      return (i) => {
        const x = get(i);
        return x !== null && x !== v;
      };
    case 'gt':
      return (i) => {
        const x = get(i);
        return x !== null && (x as number) > (v as number);
      };
    case 'gteq':
      return (i) => {
        const x = get(i);
        return x !== null && (x as number) >= (v as number);
      };
    case 'lt':
      return (i) => {
        const x = get(i);
        return x !== null && (x as number) < (v as number);
      };
    default:
      return (i) => {
        const x = get(i);
        return x !== null && (x as number) <= (v as number);
      };
  }
}

/**
 * Turn allow-listed query keys into row predicates the way filter_collection.go does: `__in`
 * takes every repeated value, other ops only the first; a comma list is one literal; empty
 * values are ignored (errata §3.1).
 */
export function compileFilters(table: Table, query: ReadonlyMap<string, readonly string[]>): CompiledFilters {
  const out: CompiledFilters = { predicates: [], whereColumns: new Set(), usesIn: false, bounds: [], signature: '' };
  const sig: unknown[] = [];
  for (const [key, all] of query) {
    if (PAGING_KEYS.has(key)) continue;
    const values = all.filter((v) => v !== '');
    if (values.length === 0) continue;
    const cut = key.lastIndexOf('__');
    const hasOp = cut > 0 && OPS.has(key.slice(cut + 2));
    const name = hasOp ? key.slice(0, cut) : key;
    const op = hasOp ? key.slice(cut + 2) : 'eq';
    if (op === 'is_null' || op === 'not_null') {
      if (values[0] !== 'true' && values[0] !== 'false') continue; // anything else adds no condition
    }
    if (table.resource === 'items' && name === CURRENT_USER_COLUMN) {
      // `(user = '…')` compares Postgres CURRENT_USER: accepted, never matches (errata §3.2).
      out.predicates.push(() => false);
      out.whereColumns.add(name);
      sig.push([name, op, 'CURRENT_USER']);
      continue;
    }
    const c = table.byName.get(name);
    if (!c) throw pgFailure('42703', `column "${name}" does not exist`);
    out.whereColumns.add(name);
    if (op === 'is_null' || op === 'not_null') {
      const wantNull = (values[0] === 'true') === (op === 'is_null');
      out.predicates.push(wantNull ? (i) => c.get(i) === null : (i) => c.get(i) !== null);
      sig.push([name, wantNull ? 'null' : 'notnull']);
    } else if (op === 'in' || op === 'not_in') {
      const set = new Set(values.map((v) => parseValue(table, c, v)));
      out.usesIn = true;
      out.predicates.push(op === 'in' ? (i) => set.has(c.get(i)) : (i) => c.get(i) !== null && !set.has(c.get(i)));
      sig.push([name, op, [...set].map(String)]);
    } else if (op === 'starts_with' || op === 'contains') {
      if (c.type !== 'text')
        throw pgFailure('42883', `operator does not exist: ${PG_TYPE[c.type] ?? pgNumberType(table.resource, c.name)} ~~* unknown`);
      const re = likeRegExp(op === 'contains' ? `%${values[0]}%` : `${values[0]}%`);
      out.predicates.push((i) => {
        const x = c.get(i);
        return x !== null && re.test(x as string);
      });
      sig.push([name, op, values[0]]);
    } else {
      const v = parseValue(table, c, values[0]);
      out.predicates.push(comparison(c, op, v));
      if (c.type === 'time' && BOUND_OPS.has(op)) out.bounds.push({ column: c, op: op as TimeBound['op'], value: v as number });
      sig.push([name, op, String(v)]);
    }
  }
  out.signature = JSON.stringify(sig);
  return out;
}
