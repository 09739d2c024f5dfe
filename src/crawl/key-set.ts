// Records by their tie-break key (id; alerts id and user_id): the order it makes, one string for
// it, and the set of those a crawl has yielded.
import { createIdSet } from './id-set.js';

/** The tie-break order: keys ascending, compared in turn. */
export function compareKeys<T>(a: T, b: T, keys: readonly (keyof T & string)[]): number {
  for (const key of keys) {
    const x = a[key] as unknown as number;
    const y = b[key] as unknown as number;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** The key as one string, for a set. */
export function keyOf(record: unknown, keys: readonly string[]): string {
  return keys.map((k) => String((record as Record<string, unknown>)[k])).join('\u0000');
}

/**
 * The records of one instant a crawl has yielded: a bitmap of ids for one integer key, a set of
 * joined keys for alerts, whose lists are small.
 */
export interface KeySet {
  /** Adds the record's key; false when it was already there. */
  add(record: unknown): boolean;
}

export function keySet(keys: readonly string[], resource: string): KeySet {
  if (keys.length === 1) {
    const ids = createIdSet(resource);
    const [key] = keys;
    return { add: (record) => ids.add((record as Record<string, number>)[key]) };
  }
  const seen = new Set<string>();
  return {
    add(record) {
      const key = keyOf(record, keys);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}
