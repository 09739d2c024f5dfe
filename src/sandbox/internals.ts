// What tests may inspect inside a running sandbox without it being public API.
import type { Dataset } from './data/dataset.js';
import type { CostModel } from './cost.js';
import type { QueryCaches } from './query/execute.js';
import type { IndexStats } from './query/time-index.js';
import type { Sandbox } from './types.js';

export interface SandboxInternals {
  readonly ds: Dataset;
  readonly caches: QueryCaches;
  readonly cost: CostModel;
  /** How queries were answered: index builds, range lookups, ordered reads, full scans. */
  readonly indexStats: IndexStats;
}

const registry = new WeakMap<Sandbox, SandboxInternals>();

export function registerInternals(sandbox: Sandbox, internals: SandboxInternals): void {
  registry.set(sandbox, internals);
}

export function internalsOf(sandbox: Sandbox): SandboxInternals {
  const found = registry.get(sandbox);
  if (!found) throw new Error('not a sandbox started by startSandbox()');
  return found;
}
