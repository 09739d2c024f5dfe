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
  has(id: number): boolean;
  /** Removes the id; false when it was not there. */
  delete(id: number): boolean;
  /** Every id, ascending. */
  ids(): Generator<number>;
  /** The set as JSON: chunk number to its bits in base64 (a million dense ids take some 170 KB). */
  toJSON(): Record<string, string>;
}

/** A set, empty or as toJSON() gave it. */
export function createIdSet(resource: string, saved?: Record<string, string>): IdSet {
  const chunks = new Map<number, Uint32Array>();
  for (const [key, bits] of Object.entries(saved ?? {})) {
    const bytes = Buffer.from(bits, 'base64');
    if (!/^\d+$/.test(key) || bytes.length !== WORDS * 4) throw new Error(`a saved id set is damaged (chunk ${key})`);
    const chunk = new Uint32Array(WORDS);
    new Uint8Array(chunk.buffer).set(bytes);
    chunks.set(Number(key), chunk);
  }
  const locate = (id: number) => {
    const chunk = Number.isSafeInteger(id) && id >= 0 ? chunks.get(Math.floor(id / CHUNK_BITS)) : undefined;
    const bit = id % CHUNK_BITS;
    return { chunk, word: bit >>> 5, mask: 1 << (bit & 31) };
  };
  return {
    has(id) {
      const { chunk, word, mask } = locate(id);
      return chunk !== undefined && (chunk[word] & mask) !== 0;
    },
    delete(id) {
      const { chunk, word, mask } = locate(id);
      if (chunk === undefined || (chunk[word] & mask) === 0) return false;
      chunk[word] &= ~mask;
      return true;
    },
    *ids() {
      for (const key of [...chunks.keys()].sort((a, b) => a - b)) {
        const chunk = chunks.get(key) as Uint32Array;
        for (let w = 0; w < WORDS; w++) {
          const bits = chunk[w];
          if (bits === 0) continue;
          for (let b = 0; b < 32; b++) if ((bits & (1 << b)) !== 0) yield key * CHUNK_BITS + w * 32 + b;
        }
      }
    },
    toJSON() {
      const out: Record<string, string> = {};
      for (const [key, chunk] of chunks) {
        if (chunk.some((w) => w !== 0)) out[String(key)] = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64');
      }
      return out;
    },
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
