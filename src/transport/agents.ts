// The sockets of a client: keep-alive agents, direct or through a proxy's CONNECT tunnel (for
// https and http targets alike, so the proxy sees host:port and never a request header: the API
// key stays out of what it parses and logs). agent-base (TooTallNate's proxy-agents) does the
// pooling of sockets that are made asynchronously; the tunnel is ours, so that a refused CONNECT
// is an error naming the proxy, not a reply replayed as if the Registry had sent it (what
// https-proxy-agent does), and so that no debug output of a dependency can print proxy credentials.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { Agent as AgentBase } from 'agent-base';
import type { AgentConnectOpts } from 'agent-base';
import { ProxyFailure } from './proxy.js';
import type { ProxyRoute } from './proxy.js';

/**
 * Sockets per client (per agent, so per origin). Enough for a crawl at 4–8 pages in parallel with
 * room to spare; the Registry checks the key with bcrypt on every request, so more connections
 * than this only queue on the server, and 1000 parallel get() would otherwise open a connection
 * (and a TLS handshake) each. Requests beyond it wait in the agent, inside their timeoutMs.
 */
export const MAX_SOCKETS = 16;

const AGENT_OPTIONS: http.AgentOptions = { keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS };

/** The agents a transport gives axios, and how to close them. */
export interface Agents {
  readonly httpAgent: http.Agent;
  readonly httpsAgent: http.Agent;
  /** Closes idle sockets of the agents made here; an agent the caller passed is theirs to close. */
  destroy(): void;
}

/** The agents for a client: the caller's own `agent` for every request, else ours, through `proxy` if one was chosen. */
export function createAgents(proxy: ProxyRoute | undefined, agent?: http.Agent): Agents {
  if (agent) return { httpAgent: agent, httpsAgent: agent, destroy() {} };
  const httpAgent = proxy ? new TunnelAgent(proxy) : new http.Agent(AGENT_OPTIONS);
  const httpsAgent = proxy ? new TunnelAgent(proxy) : new https.Agent(AGENT_OPTIONS);
  return {
    httpAgent,
    httpsAgent,
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

/** host:port as a CONNECT request names it (an IPv6 address in brackets). */
function authority(host: string, port: number): string {
  return `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
}

/** Opens a tunnel to `target` through the proxy; rejects with a ProxyFailure naming the proxy. */
function openTunnel(proxy: ProxyRoute, target: string, request: http.ClientRequest): Promise<Duplex> {
  const headers: Record<string, string> = { Host: target };
  const authorization = proxy.authorization();
  if (authorization !== undefined) headers['Proxy-Authorization'] = authorization;
  const send = proxy.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const connect = send({
      host: proxy.hostname,
      port: proxy.port,
      method: 'CONNECT',
      path: target,
      headers,
      // A socket of its own: after CONNECT it is the tunnel, no longer an HTTP connection.
      agent: false,
      servername: net.isIP(proxy.hostname) === 0 ? proxy.hostname : undefined,
    });
    // The request that wanted this tunnel is aborted (its deadline, the caller's signal): so is the
    // CONNECT. A request destroyed before it has a socket emits nothing until it gets one, so its
    // destroy() is where to hear of it (an own property for the wait, the class's method after).
    const own = request as http.ClientRequest & { destroy: http.ClientRequest['destroy'] };
    const abandon: http.ClientRequest['destroy'] = function (this: http.ClientRequest, error) {
      connect.destroy();
      return http.ClientRequest.prototype.destroy.call(this, error);
    };
    own.destroy = abandon;
    const settle = () => {
      if (own.destroy === abandon) delete (own as { destroy?: unknown }).destroy;
    };
    if (request.destroyed) connect.destroy();
    connect.once('connect', (response, socket, head) => {
      settle();
      if (response.statusCode === 200) {
        if (head.length > 0) socket.unshift(head);
        resolve(socket);
        return;
      }
      socket.destroy();
      reject(ProxyFailure.refused(proxy, target, response.statusCode ?? 0, response.statusMessage ?? ''));
    });
    connect.once('error', (error: NodeJS.ErrnoException) => {
      settle();
      reject(ProxyFailure.unreachable(proxy, error));
    });
    connect.end();
  });
}

/** An agent whose every connection is a CONNECT tunnel through one proxy, TLS inside it for https targets. */
class TunnelAgent extends AgentBase {
  readonly #proxy: ProxyRoute;

  constructor(proxy: ProxyRoute) {
    super(AGENT_OPTIONS);
    this.#proxy = proxy;
  }

  /**
   * A tunnel that failed frees its place, but Node's agent only hands a waiting request a socket
   * when one is freed or closed: without this, the requests beyond MAX_SOCKETS would wait for
   * their deadline while the proxy is down, instead of failing (or succeeding) at once.
   */
  override createSocket(
    request: http.ClientRequest,
    options: AgentConnectOpts,
    callback: (error: Error | null, socket?: Duplex) => void,
  ): void {
    super.createSocket(request, options, (error, socket) => {
      callback(error, socket);
      if (error) this.#serveWaiting(options);
    });
  }

  #serveWaiting(options: AgentConnectOpts): void {
    const name = this.getName(options);
    const waiting = (this.requests as unknown as Record<string, http.ClientRequest[] | undefined>)[name];
    let next = waiting?.shift();
    while (next?.destroyed) next = waiting?.shift();
    if (waiting?.length === 0) delete (this.requests as unknown as Record<string, unknown>)[name];
    if (!next) return;
    const request = next as http.ClientRequest & { onSocket(socket: Duplex | undefined, error?: Error): void };
    this.createSocket(request, options, (error, socket) => (error ? request.onSocket(socket, error) : request.onSocket(socket)));
  }

  async connect(request: http.ClientRequest, options: AgentConnectOpts): Promise<Duplex> {
    const host = String(options.host ?? 'localhost');
    const socket = await openTunnel(this.#proxy, authority(host, Number(options.port)), request);
    if (!options.secureEndpoint) return socket;
    // TLS end to end, inside the tunnel: the proxy relays bytes it cannot read. The certificate is
    // checked against the Registry's name, as without a proxy.
    const { host: _host, path: _path, port: _port, ...tlsOptions } = options as tls.ConnectionOptions & { host?: string; path?: string };
    return tls.connect({ ...tlsOptions, socket, servername: options.servername ?? (net.isIP(host) === 0 ? host : undefined) });
  }
}
