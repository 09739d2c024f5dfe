// A real CONNECT proxy on loopback, in a process of its own (connect-proxy-child.mjs), and what it
// saw: every CONNECT with its headers, any request not tunnelled, and the bytes sent into each
// tunnel. Call seen() after the requests: it waits until the proxy has reported everything so far.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'connect-proxy-child.mjs');

export interface ProxyChildOptions {
  /** Require Basic credentials, `user:password`; without them (or with others) CONNECT gets 407. */
  auth?: string;
  /** Never answer a CONNECT (the client's deadline must end it); `closed` lists the ones the client gave up. */
  hang?: boolean;
  /** Answer every CONNECT with this status instead of tunnelling. */
  status?: number;
  /** Tunnel CONNECT `key` (host:port) to `value` instead: a name that only the proxy can reach. */
  routes?: Record<string, string>;
}

export interface ProxyConnect {
  id: number;
  /** host:port, as the client asked. */
  target: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface ProxySeen {
  connects: ProxyConnect[];
  /** Requests that were not CONNECT (absolute-form): a client that does not tunnel. */
  requests: { method: string; url: string; headers: Record<string, string | string[] | undefined> }[];
  /** Everything clients sent into the tunnels, as one latin1 string. */
  tunnelled: string;
  /** The CONNECTs (ids) a client closed while a hanging proxy held them. */
  closed: number[];
}

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** What the proxy has seen so far, once it has reported all of it. */
  seen(): Promise<ProxySeen>;
  stop(): Promise<void>;
}

type Event =
  | { type: 'listening'; port: number }
  | { type: 'synced' }
  | ({ type: 'connect' } & ProxyConnect)
  | ({ type: 'request' } & ProxySeen['requests'][number])
  | { type: 'data'; id: number; base64: string }
  | { type: 'closed'; id: number };

export async function startConnectProxy(options: ProxyChildOptions = {}): Promise<ConnectProxy> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify(options)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const seen: ProxySeen = { connects: [], requests: [], tunnelled: '', closed: [] };
  const waiting: (() => void)[] = [];
  let listening: ((port: number) => void) | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const event = JSON.parse(line) as Event;
    if (event.type === 'listening') listening?.(event.port);
    else if (event.type === 'synced') waiting.shift()?.();
    else if (event.type === 'connect') seen.connects.push({ id: event.id, target: event.target, headers: event.headers });
    else if (event.type === 'request') seen.requests.push({ method: event.method, url: event.url, headers: event.headers });
    else if (event.type === 'closed') seen.closed.push(event.id);
    else seen.tunnelled += Buffer.from(event.base64, 'base64').toString('latin1');
  });
  const port = await new Promise<number>((resolve, reject) => {
    listening = resolve;
    child.once('error', reject);
    void exited.then(() => reject(new Error('the proxy process exited before listening')));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async seen() {
      await new Promise<void>((resolve) => {
        waiting.push(resolve);
        child.stdin.write('sync\n');
      });
      return { connects: [...seen.connects], requests: [...seen.requests], tunnelled: seen.tunnelled, closed: [...seen.closed] };
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
      await exited;
    },
  };
}
