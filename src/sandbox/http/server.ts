import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Changes } from '../changes.js';
import type { CostModel } from '../cost.js';
import { goUnescape } from '../gojson.js';
import type { TimerSet } from '../timers.js';
import type { RecordedRequest } from '../types.js';
import { dispatch, type DispatchState } from './dispatch.js';
import { faultResponse, type FaultSchedule } from './faults.js';
import type { SandboxResponse } from './respond.js';
import { receive, RECEIVING_PREFIX, type ReceivingDeps } from './receiving.js';
import { matchRoute } from './router.js';

export interface ServerDeps {
  readonly state: DispatchState;
  readonly faults: FaultSchedule;
  readonly timers: TimerSet;
  readonly requests: RecordedRequest[];
  readonly cost: CostModel;
  readonly changes: Changes;
  readonly receiving: ReceivingDeps;
  latencyMs: number;
  /** Origin for 'redirect' faults; read per request because the port is known only after listen. */
  redirectOrigin(): string;
}

/** A GET of a list route: what the cost model makes wait for a core. */
function isListRequest(method: string, url: string): boolean {
  if (method !== 'GET') return false;
  const q = url.indexOf('?');
  const path = goUnescape(q < 0 ? url : url.slice(0, q), false);
  return path !== null && matchRoute(path)?.kind === 'list';
}

/** Go buffers 2 KB before it has to switch a response to chunked encoding; mirror that. */
const GO_BUFFER = 2048;

function send(res: ServerResponse, r: SandboxResponse, rec: RecordedRequest): void {
  rec.status = r.status;
  const body = Buffer.from(r.body, 'utf8');
  res.statusCode = r.status;
  for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v);
  if (body.length <= GO_BUFFER) {
    res.setHeader('Content-Length', body.length);
    res.end(body);
  } else {
    res.write(body); // writing before end() leaves no Content-Length: chunked, like Go
    res.end();
  }
}

/** Headers by lower-case name as received; repeats joined with ", ". */
function recordHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (let k = 0; k + 1 < req.rawHeaders.length; k += 2) {
    const name = req.rawHeaders[k].toLowerCase();
    out[name] = name in out ? `${out[name]}, ${req.rawHeaders[k + 1]}` : req.rawHeaders[k + 1];
  }
  return out;
}

/** Go's Header.Get: the first value of a header, trimmed. */
function firstHeader(req: IncomingMessage): (name: string) => string {
  return (name) => {
    for (let k = 0; k + 1 < req.rawHeaders.length; k += 2) {
      if (req.rawHeaders[k].toLowerCase() === name) return req.rawHeaders[k + 1].trim();
    }
    return '';
  };
}

export interface SandboxHttp {
  readonly server: Server;
  close(): Promise<void>;
}

export function createSandboxHttp(deps: ServerDeps): SandboxHttp {
  const hung = new Set<ServerResponse>();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const rec: RecordedRequest = { method: req.method ?? 'GET', url, headers: recordHeaders(req), status: 0 };
    deps.requests.push(rec);
    if (url.startsWith(RECEIVING_PREFIX)) {
      send(res, await receive(req, url, firstHeader(req), deps.receiving), rec);
      return;
    }
    // Faults act like a proxy in front of the registry: chosen on arrival, over /member-api/ only.
    const fault = url.startsWith('/member-api/') ? deps.faults.next(url) : null;
    if (deps.latencyMs > 0) await deps.timers.sleep(deps.latencyMs);
    if (fault?.kind === 'hang') {
      hung.add(res);
      res.on('close', () => hung.delete(res));
      return;
    }
    if (fault?.kind === 'reset') {
      req.socket.resetAndDestroy(); // TCP RST, no response at all
      return;
    }
    if (fault && fault.kind !== 'truncate') {
      send(res, faultResponse(fault, url, deps.redirectOrigin()), rec);
      return;
    }
    // The query runs, and sees the data, once it holds a core; a list answered 200 is accounted,
    // then the change rules due after it are applied before anything else is answered.
    const answer = (): SandboxResponse => {
      const out = dispatch(deps.state, rec.method, url, firstHeader(req));
      if (out.list) {
        deps.cost.account(out.list);
        deps.changes.afterList();
      }
      return out;
    };
    const r =
      deps.cost.waits && isListRequest(rec.method, url)
        ? await deps.cost.run(answer, (out) => (out.list ? deps.cost.modelledMs(out.list) : undefined))
        : answer();
    if (fault?.kind === 'truncate') {
      // Full Content-Length promised, half the body sent, then the connection dies.
      const body = Buffer.from(r.body, 'utf8');
      rec.status = r.status;
      res.statusCode = r.status;
      for (const [k, v] of Object.entries(r.headers)) res.setHeader(k, v);
      res.setHeader('Content-Length', body.length);
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    send(res, r, rec);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      deps.state.onInternalError(err);
      if (!res.headersSent) send(res, { status: 500, headers: {}, body: '' }, { method: '', url: '', headers: {}, status: 0 });
    });
  });
  return {
    server,
    async close() {
      for (const res of hung) res.socket?.destroy();
      hung.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // 'close' fires before libuv has released the handles; let the loop's close phase run
      // so that, once stop() resolves, nothing of ours is left in getActiveResourcesInfo().
      for (let k = 0; k < 2; k++) await new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
}
