// The filters an incremental run does not send, applied to records here (see spec.ts): only
// filters on columns a change can move, each by the Registry's meaning (equal, one of, a range
// inclusive at both ends, a prefix, a substring).
import { parseInstant } from '../crawl/instant.js';

export type RecordTest = (record: Record<string, unknown>) => boolean;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A range bound: an instant when both sides are timestamps, else a number. */
function compare(value: unknown, bound: unknown): number | undefined {
  const boundText = typeof bound === 'string' && DATE_ONLY.test(bound) ? `${bound}T00:00:00Z` : bound;
  const a = parseInstant(value);
  const b = parseInstant(boundText);
  if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  const x = Number(value);
  const y = Number(bound);
  if (value === null || value === undefined || Number.isNaN(x) || Number.isNaN(y)) return undefined;
  return x < y ? -1 : x > y ? 1 : 0;
}

function test(name: string, wanted: unknown): RecordTest {
  const m = /^(.*?)__(in|gteq|lteq|starts_with|contains|is_null|not_null)$/.exec(name);
  const column = m ? m[1] : name;
  const op = m ? m[2] : 'eq';
  const text = (record: Record<string, unknown>) => {
    const v = record[column];
    return v === null || v === undefined ? undefined : String(v);
  };
  switch (op) {
    case 'in': {
      const set = new Set((Array.isArray(wanted) ? wanted : [wanted]).map(String));
      return (r) => set.has(text(r) ?? '\u0000');
    }
    case 'gteq':
      return (r) => (compare(r[column], wanted) ?? -1) >= 0;
    case 'lteq':
      return (r) => (compare(r[column], wanted) ?? 1) <= 0;
    case 'starts_with':
      return (r) => (text(r) ?? '').startsWith(String(wanted));
    case 'contains':
      return (r) => (text(r) ?? '').includes(String(wanted));
    case 'is_null':
      return (r) => (r[column] === null || r[column] === undefined) === (String(wanted) !== 'false');
    case 'not_null':
      return (r) => (r[column] !== null && r[column] !== undefined) === (String(wanted) !== 'false');
    default:
      return (r) => text(r) === String(wanted);
  }
}

/** A test that a record passes when it meets every one of `names` in `query`. */
export function recordTest(query: Record<string, unknown>, names: readonly string[]): RecordTest {
  const tests = names.filter((n) => query[n] !== undefined).map((n) => test(n, query[n]));
  if (tests.length === 0) return () => true;
  return (record) => tests.every((t) => t(record));
}
