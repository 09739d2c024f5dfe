import { readBag } from './bag.js';
import { Changes } from './changes.js';
import { CostModel } from './cost.js';
import { buildDataset } from './data/dataset.js';
import { dataView } from './data/data-view.js';
import { DEFAULT_USER_ID } from './data/people.js';
import type { DispatchState } from './http/dispatch.js';
import { FaultSchedule } from './http/faults.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from './http/receiving.js';
import { createSandboxHttp, type ServerDeps } from './http/server.js';
import { simulateIngest } from './ingest.js';
import { registerInternals } from './internals.js';
import { matchingIds } from './oracle.js';
import { createQueryCaches } from './query/execute.js';
import { TimerSet } from './timers.js';
import type { RecordedRequest, Sandbox, SandboxOptions } from './types.js';

function frozenCounts(v: SandboxOptions['frozenCounts']): 'start' | number | null {
  if (v === undefined || v === false) return null;
  if (v === true) return 'start';
  if (!Number.isSafeInteger(v) || v < 0)
    throw new RangeError(`sandbox: frozenCounts must be true, false or an integer >= 0, got ${String(v)}`);
  return v;
}

/** Start a registry test double on loopback with the real server's manners (errata). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const frozen = frozenCounts(options.frozenCounts);
  const ds = buildDataset(options);
  const timers = new TimerSet();
  const cost = new CostModel(options.serverCost, timers);
  const faults = new FaultSchedule();
  faults.set(options.faults ?? []);
  const requests: RecordedRequest[] = [];
  const onInternalError = (err: unknown): void => {
    process.stderr.write(`sandbox: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
  };
  const caches = createQueryCaches();
  const changes = new Changes(ds, caches, onInternalError);
  changes.set(options.changes ?? []);
  const state: DispatchState = {
    ds,
    caches,
    maintenance: options.maintenance ?? false,
    staleCounts: options.staleCounts ?? 0,
    frozenCounts: frozen,
    onInternalError,
  };
  let url = '';
  const deps: ServerDeps = {
    state,
    faults,
    timers,
    requests,
    cost,
    changes,
    latencyMs: options.latencyMs ?? 0,
    receiving: {
      users: ds.users,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      received: (name, etag, bag, user) =>
        simulateIngest(
          ds,
          timers,
          { name, etag, bag, institutionId: user.institutionId, stepMs: options.ingestStepMs ?? 50 },
          (b, inst) => changes.ingestBag(b, inst),
          onInternalError,
        ),
    },
    redirectOrigin: () => options.redirectOrigin ?? url,
  };
  const http = createSandboxHttp(deps);
  await new Promise<void>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(options.port ?? 0, host, () => {
      http.server.off('error', reject);
      resolve();
    });
  });
  const address = http.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | null = null;
  const user = ds.users.find((u) => u.id === DEFAULT_USER_ID) ?? ds.users[0];
  const sandbox: Sandbox = {
    url,
    host,
    port,
    user,
    users: ds.users,
    requests,
    data: dataView(ds),
    setFaults: (rules) => faults.set(rules),
    simulateIngest: (opts) => simulateIngest(ds, timers, opts, (bag, inst) => changes.ingestBag(bag, inst), onInternalError),
    ingestBag: (bag, opts) => changes.ingestBag(bag, opts?.institutionId ?? 2),
    readBag: (path) => readBag(path),
    alterFile: (identifier, alteration) => changes.alterFile(identifier, alteration),
    cost: cost.totals,
    resetCost: () => cost.reset(),
    change: (spec) => changes.apply(spec),
    setChanges: (rules) => changes.set(rules),
    onChange: (listener) => changes.onChange(listener),
    matchingIds: ((resource: Parameters<Sandbox['matchingIds']>[0], query?: Parameters<Sandbox['matchingIds']>[1]) =>
      matchingIds(ds, caches, resource, query)) as Sandbox['matchingIds'],
    stop() {
      stopped ??= (timers.clearAll(), http.close());
      return stopped;
    },
  };
  registerInternals(sandbox, { ds, caches, cost, indexStats: caches.indexes.stats });
  return sandbox;
}
