// The records of one instant a crawl has yielded, by their tie-break key: a bitmap of ids for one
// integer key, a set of joined keys for alerts (id and user_id), whose lists are small.
import { createIdSet } from './id-set.js';

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
      const key = keys.map((k) => String((record as Record<string, unknown>)[k])).join('\u0000');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    },
  };
}
