import type { Column, Value } from './table.js';

/**
 * The changes made to a generated table after start: per-row patches over the generated values
 * (a Map, so memory grows with the rows changed, never with the table) and the table's version,
 * bumped on every change so cached query results are dropped.
 */
export class Overlay {
  readonly patches = new Map<number, Record<string, Value>>();
  private v = 0;

  version(): number {
    return this.v;
  }

  bump(): void {
    this.v++;
  }

  /** Merges `patch` into row `i`'s patch. Does not bump the version. */
  set(i: number, patch: Readonly<Record<string, Value>>): void {
    const p = this.patches.get(i);
    if (p) Object.assign(p, patch);
    else this.patches.set(i, { ...patch });
  }
}

/** The columns with the overlay's patches on top (a patched value wins, NULL included). */
export function withOverlay(columns: readonly Column[], overlay: Overlay): Column[] {
  const patches = overlay.patches;
  return columns.map((c) => {
    const base = c.get;
    const name = c.name;
    return {
      ...c,
      get(i: number): Value {
        if (patches.size !== 0) {
          const p = patches.get(i);
          if (p !== undefined && name in p) return p[name];
        }
        return base(i);
      },
    };
  });
}

/** A growable array of doubles (appended rows' facts): no per-row objects. */
export class Growable {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 64) {
    this.data = new Float64Array(capacity);
  }

  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }

  get(i: number): number {
    return this.data[i];
  }
}
