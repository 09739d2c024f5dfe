import { saltOf } from '../prng.js';

/**
 * Exact-match identifier → row index, for the `*id` show routes (errata §5.1). Built lazily
 * on first use as an open-addressing table of row indices (4 bytes/slot), so a million
 * generated identifiers never sit in memory as strings.
 */
export interface IdentifierIndex {
  find(identifier: string): number;
}

export function identifierIndex(size: number, key: (i: number) => string): IdentifierIndex {
  let slots: Int32Array | null = null;
  let mask = 0;
  const build = (): Int32Array => {
    let cap = 16;
    while (cap < size * 2) cap *= 2;
    mask = cap - 1;
    const table = new Int32Array(cap).fill(-1);
    for (let i = 0; i < size; i++) {
      let h = saltOf(key(i)) & mask;
      while (table[h] !== -1) h = (h + 1) & mask;
      table[h] = i;
    }
    return table;
  };
  return {
    find(identifier) {
      slots ??= build();
      for (let h = saltOf(identifier) & mask; slots[h] !== -1; h = (h + 1) & mask) {
        if (key(slots[h]) === identifier) return slots[h];
      }
      return -1;
    },
  };
}
