import { buildDataset } from './data/dataset.js';
import { dataView } from './data/data-view.js';
import { DEFAULT_USER_ID } from './data/people.js';
import type { DispatchState } from './http/dispatch.js';
import { FaultSchedule } from './http/faults.js';
import { createSandboxHttp, type ServerDeps } from './http/server.js';
import { simulateIngest } from './ingest.js';
import { createQueryCaches } from './query/execute.js';
import { TimerSet } from './timers.js';
import type { RecordedRequest, Sandbox, SandboxOptions } from './types.js';

/** Start a registry test double on loopback with the real server's manners (errata). */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const ds = buildDataset(options);
  const timers = new TimerSet();
  const faults = new FaultSchedule();
  faults.set(options.faults ?? []);
  const requests: RecordedRequest[] = [];
  const state: DispatchState = {
    ds,
    caches: createQueryCaches(),
    maintenance: options.maintenance ?? false,
    staleCounts: options.staleCounts ?? 0,
    onInternalError: (err) => process.stderr.write(`sandbox: internal error: ${err instanceof Error ? err.stack : String(err)}\n`),
  };
  let url = '';
  const deps: ServerDeps = {
    state,
    faults,
    timers,
    requests,
    latencyMs: options.latencyMs ?? 0,
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
  return {
    url,
    host,
    port,
    user,
    users: ds.users,
    requests,
    data: dataView(ds),
    setFaults: (rules) => faults.set(rules),
    simulateIngest: (opts) => simulateIngest(ds, timers, opts),
    stop() {
      stopped ??= (timers.clearAll(), http.close());
      return stopped;
    },
  };
}
