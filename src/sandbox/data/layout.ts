// Parent/child layouts stored as CSR offsets: children of parent j are the contiguous index
// range [start[j], start[j+1]). Child ids therefore follow parent order, like rows inserted
// by one ingest after another.

/**
 * Spread `total` children over `parents` parents in proportion to `weight(j)`; the first
 * `fixed.length` parents get exactly `fixed[j]` children (capped by what is available).
 */
export function distribute(parents: number, total: number, weight: (j: number) => number, fixed: readonly number[] = []): Int32Array {
  const start = new Int32Array(parents + 1);
  if (parents === 0) return start;
  let placed = 0;
  const nFixed = Math.min(fixed.length, parents);
  for (let j = 0; j < nFixed; j++) {
    placed += Math.min(fixed[j], total - placed);
    start[j + 1] = placed;
  }
  const rest = total - placed;
  let sum = 0;
  for (let j = nFixed; j < parents; j++) sum += weight(j);
  if (nFixed === parents || sum <= 0) {
    start[parents] = total; // nothing else can take them: give the remainder to the last parent
    for (let j = nFixed + 1; j < parents; j++) start[j] = placed;
    return start;
  }
  let cum = 0;
  for (let j = nFixed; j < parents; j++) {
    cum += weight(j);
    start[j + 1] = placed + Math.round((cum / sum) * rest);
  }
  start[parents] = total;
  return start;
}

/** child index → parent index for a CSR layout. */
export function ownerOf(start: Int32Array, total: number): Int32Array {
  const owner = new Int32Array(total);
  for (let j = 0; j + 1 < start.length; j++) owner.fill(j, start[j], start[j + 1]);
  return owner;
}
