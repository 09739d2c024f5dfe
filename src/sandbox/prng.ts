// Deterministic, stateless randomness: every generated value is a pure function of
// (seed, salt, index), so a 1,000,000-row table never has to be materialised to be
// reproducible — a row can be rebuilt on demand from its index alone.

/** A well-mixed 32-bit integer finaliser (lowbias32). */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** FNV-1a of a string; used once per call site to turn a field name into a salt. */
export function saltOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Rng {
  readonly seed: number;
  /** uint32 for (salt, i, j). */
  u32(salt: number, i: number, j?: number): number;
  /** Uniform in [0, 1). */
  float(salt: number, i: number, j?: number): number;
  /** Integer in [min, max]. */
  int(min: number, max: number, salt: number, i: number, j?: number): number;
  pick<T>(items: readonly T[], salt: number, i: number, j?: number): T;
  /** `len` lowercase hex characters. */
  hex(len: number, salt: number, i: number): string;
  /** A v4-shaped UUID that is unique per (salt, i): the low 32 bits encode i. */
  uuid(salt: number, i: number): string;
}

/** Two hex digits per byte value: hex8 by table lookup, the hot path of generated digests. */
const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function createRng(seed: number): Rng {
  const s = mix32((seed >>> 0) ^ 0x5bd1e995);
  const u32 = (salt: number, i: number, j = 0): number => mix32(mix32(mix32(s ^ salt) ^ i) + Math.imul(j, 0x9e3779b9));
  const float = (salt: number, i: number, j = 0): number => u32(salt, i, j) / 4294967296;
  const hex8 = (salt: number, i: number, j: number): string => {
    const x = u32(salt, i, j);
    return HEX[x >>> 24] + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
  };
  return {
    seed,
    u32,
    float,
    int: (min, max, salt, i, j = 0) => min + Math.floor(float(salt, i, j) * (max - min + 1)),
    pick: (items, salt, i, j = 0) => items[Math.floor(float(salt, i, j) * items.length)],
    hex(len, salt, i) {
      let out = '';
      for (let k = 0; out.length < len; k++) out += hex8(salt, i, k);
      return out.slice(0, len);
    },
    uuid(salt, i) {
      const a = hex8(salt, i, 1);
      const b = hex8(salt, i, 2);
      const c = hex8(salt, i, 3);
      // The low 32 bits are a bijection of i (xor, then multiply by an odd constant): unique without a set.
      const low = (Math.imul(i ^ u32(salt, 0x7fffffff, 4), 0x2c1b3c6d) >>> 0).toString(16).padStart(8, '0');
      const variant = '89ab'[u32(salt, i, 5) & 3];
      return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${variant}${c.slice(0, 3)}-${c.slice(4, 8)}${low}`;
    },
  };
}

/** Fisher–Yates over [from, to) of `arr` using Math.random: deliberately NOT seeded, so tie order differs per request. */
export function shuffleRange(arr: Uint32Array | number[], from: number, to: number): void {
  for (let k = to - 1; k > from; k--) {
    const r = from + Math.floor(Math.random() * (k - from + 1));
    const t = arr[k];
    arr[k] = arr[r];
    arr[r] = t;
  }
}
