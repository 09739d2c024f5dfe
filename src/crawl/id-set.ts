// Which integer ids a crawl has yielded, in a bit per id: a crawl that can meet a record twice
// (sorted by updated_at, it re-reads what changed meanwhile) remembers 1,000,000 dense ids in
// about 125 KB, where a Set of numbers takes tens of megabytes.
import { registryError } from '../transport/normalize.js';

const CHUNK_BITS = 4096; // ids per chunk: 512 bytes each
const WORDS = CHUNK_BITS / 32;
/** Chunks kept at most: 32 MiB, room for any real id space (up to 268 million ids). */
const MAX_CHUNKS = 65_536;

export interface IdSet {
  /** Adds the id; false when it was already there. */
  add(id: number): boolean;
}

export function createIdSet(resource: string): IdSet {
  const chunks = new Map<number, Uint32Array>();
  return {
    add(id) {
      if (!Number.isSafeInteger(id) || id < 0) {
        throw registryError({
          kind: 'not-registry',
          problem: `the ${resource} crawl received a record whose id is not a whole number: ${String(id)}`,
        });
      }
      const key = Math.floor(id / CHUNK_BITS);
      let chunk = chunks.get(key);
      if (!chunk) {
        // Ids so sparse that their bits would pass the bound: not a Registry's serial ids.
        if (chunks.size >= MAX_CHUNKS) {
          throw registryError({
            kind: 'not-registry',
            problem: `the ${resource} crawl received ids too sparse to track (more than ${MAX_CHUNKS * CHUNK_BITS} apart in total)`,
          });
        }
        chunk = new Uint32Array(WORDS);
        chunks.set(key, chunk);
      }
      const bit = id % CHUNK_BITS;
      const word = bit >>> 5;
      const mask = 1 << (bit & 31);
      if ((chunk[word] & mask) !== 0) return false;
      chunk[word] |= mask;
      return true;
    },
  };
}
