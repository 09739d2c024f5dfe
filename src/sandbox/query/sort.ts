import type { Column, Table } from '../data/table.js';
import { pgFailure } from '../http/respond.js';
import { CURRENT_USER_COLUMN, DEFAULT_SORT } from './allow-lists.js';

/** One ORDER BY term; `column` null is a no-op term (items `user` = CURRENT_USER, errata §4). */
export interface SortKey {
  column: Column | null;
  desc: boolean;
}

/**
 * `sort=col__dir`, repeatable. Split on `__` like strings.Split: the first part is the column,
 * the second the direction (anything but desc is asc). The column is not validated against a
 * list: any view column sorts, anything else is PG error 42703 (errata §4).
 */
export function parseSort(table: Table, values: readonly string[]): { keys: SortKey[]; signature: string } {
  const raw = values.filter((v) => v !== '');
  const terms = raw.length ? raw : [DEFAULT_SORT[table.resource]];
  const keys = terms.map((term) => {
    const [colPart, dir = ''] = term.split('__');
    const sanitized = (colPart ?? '').replace(/[^A-Za-z0-9_."]/g, ''); // SanitizeIdentifier
    const desc = dir === 'desc';
    if (sanitized === '') throw pgFailure('42601', `syntax error at or near "${desc ? 'desc' : 'asc'}"`);
    const dot = sanitized.indexOf('.');
    if (dot >= 0) throw pgFailure('42P01', `missing FROM-clause entry for table "${sanitized.slice(0, dot).replace(/"/g, '')}"`);
    // Unquoted identifiers fold to lower case in Postgres; quoted ones keep their case.
    const name = sanitized.includes('"') ? sanitized.replace(/"/g, '') : sanitized.toLowerCase();
    if (table.resource === 'items' && name === CURRENT_USER_COLUMN) return { column: null, desc };
    const column = table.byName.get(name);
    if (!column) throw pgFailure('42703', `column "${name}" does not exist`);
    return { column, desc };
  });
  return { keys, signature: keys.map((k) => `${k.column?.name ?? 'CURRENT_USER'} ${k.desc ? 'desc' : 'asc'}`).join(',') };
}

/** True when the first term is a unique id: index order already is the answer, no sort needed. */
export function isIdOrder(table: Table, keys: readonly SortKey[]): boolean {
  return table.uniqueIds && keys.length > 0 && keys[0].column?.name === 'id';
}

/** An ascending comparator over positions 0..n-1 of `rows`, with Postgres NULL placement. */
export function comparatorFor(keys: readonly SortKey[], rows: Uint32Array): (a: number, b: number) => number {
  const parts = keys
    .filter((k) => k.column !== null)
    .map((k) => {
      const c = k.column as Column;
      const sign = k.desc ? -1 : 1;
      if (c.type === 'text') {
        const vals = Array.from(rows, (i) => c.get(i) as string | null);
        // NULLs sort as the largest value: last ascending, first descending.
        return (a: number, b: number) => {
          const x = vals[a];
          const y = vals[b];
          if (x === y) return 0;
          if (x === null) return sign;
          if (y === null) return -sign;
          return x < y ? -sign : sign;
        };
      }
      const vals = new Float64Array(rows.length);
      for (let p = 0; p < rows.length; p++) {
        const v = c.get(rows[p]);
        vals[p] = v === null ? Infinity : Number(v);
      }
      return (a: number, b: number) => {
        const d = vals[a] - vals[b];
        return d === 0 || Number.isNaN(d) ? 0 : d < 0 ? -sign : sign;
      };
    });
  return (a, b) => {
    for (const cmp of parts) {
      const r = cmp(a, b);
      if (r !== 0) return r;
    }
    return 0;
  };
}
