// Which proxy a client goes through, if any: the `proxy` option, else the environment variables
// as curl reads them (https_proxy/HTTPS_PROXY, http_proxy, no_proxy/NO_PROXY). No socket here:
// src/transport/agents.ts makes the tunnels. A client talks to one origin, so this is decided once.
import net from 'node:net';
import { ConfigurationError } from '../errors.js';

/** A proxy chosen for the client's Registry. Its credentials only behind functions: never an enumerable value. */
export interface ProxyRoute {
  /** Where it was set, for messages: `HTTPS_PROXY`, `http_proxy`, `the proxy option`. */
  readonly source: string;
  /** The proxy without credentials, e.g. `http://proxy.example.edu:3128`: safe in any message. */
  readonly label: string;
  readonly protocol: 'http:' | 'https:';
  /** Host name or IP address, without the brackets of an IPv6 address. */
  readonly hostname: string;
  readonly port: number;
  /** The Proxy-Authorization value (`Basic …`) when the URL carried credentials. */
  readonly authorization: () => string | undefined;
  /** The credentials in the forms they could be shown in (password, user:password, Basic token), to be masked. */
  readonly secrets: () => string[];
}

/**
 * The variables for a target's scheme, lowercase first as curl reads them. http_proxy is read in
 * lowercase only (curl's rule since 2001, the "httpoxy" one): a CGI-style server turns a request's
 * `Proxy:` header into HTTP_PROXY, so the uppercase name can be set by whoever sends a request.
 */
export function proxyVariables(protocol: string): readonly string[] {
  return protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : ['http_proxy'];
}

const NO_PROXY_VARIABLES = ['no_proxy', 'NO_PROXY'];

function firstSet(env: Record<string, string | undefined>, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name];
    if (typeof value === 'string' && value.trim() !== '') return { name, value: value.trim() };
  }
  return undefined;
}

/**
 * The proxy for `target`: none with `option` false; the `option` URL when given (NO_PROXY is
 * not consulted: a proxy named for this client is meant); else the environment's, unless
 * NO_PROXY lists the target. Throws ConfigurationError for a proxy URL it cannot use.
 */
export function chooseProxy(
  target: URL,
  option: string | false | undefined,
  env: Record<string, string | undefined>,
): ProxyRoute | undefined {
  if (option === false) return undefined;
  if (option !== undefined) {
    if (typeof option !== 'string' || option.trim() === '') {
      throw new ConfigurationError(
        `proxy must be a proxy URL such as http://proxy.example.edu:3128, or false for none; got ${typeof option === 'string' ? 'an empty string' : typeof option}.`,
      );
    }
    return parseProxy(option, 'the proxy option');
  }
  const found = firstSet(env, proxyVariables(target.protocol));
  if (!found) return undefined;
  const noProxy = firstSet(env, NO_PROXY_VARIABLES);
  if (noProxy && bypassesProxy(target, noProxy.value)) return undefined;
  return parseProxy(found.value, found.name);
}

function decoded(text: string, source: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConfigurationError(`${source}: the proxy's user name or password is not valid URL encoding (percent-encode it).`);
  }
}

/** A proxy URL as curl takes it: the scheme is optional (http://); the port defaults to 80 or 443. */
export function parseProxy(raw: string, source: string): ProxyRoute {
  const value = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // The value is not repeated: it may hold a password.
    throw new ConfigurationError(`${source} is not a proxy URL (expected e.g. http://proxy.example.edu:3128).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(
      `${source} is a ${url.protocol}// proxy: only http:// and https:// proxies are supported (no SOCKS). Use proxy: false (CLI: --no-proxy) to connect directly.`,
    );
  }
  const protocol = url.protocol;
  const port = url.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(url.port);
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  const label = `${protocol}//${net.isIPv6(hostname) ? `[${hostname}]` : hostname}:${port}`;
  const user = decoded(url.username, source);
  const password = decoded(url.password, source);
  const token = user !== '' || password !== '' ? Buffer.from(`${user}:${password}`).toString('base64') : undefined;
  const secrets = [password, url.password, `${user}:${password}`, token ?? ''].filter((s) => s !== '' && s !== ':');
  return Object.freeze({
    source,
    label,
    protocol,
    hostname,
    port,
    authorization: () => (token === undefined ? undefined : `Basic ${token}`),
    secrets: () => [...secrets],
  });
}

function defaultPort(url: URL): number {
  return url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
}

/** An entry's host and port: `host`, `host:port`, `[v6]`, `[v6]:port`, a bare IPv6 address, a CIDR range. */
function splitEntry(entry: string): { host: string; port?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1], port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  const withPort = /^([^:]+):(\d+)$/.exec(entry);
  if (withPort) return { host: withPort[1], port: Number(withPort[2]) };
  return { host: entry };
}

function ipMatches(host: string, entry: string): boolean {
  const [address, bits] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || net.isIP(host) !== family) return false;
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const list = new net.BlockList();
  if (bits === undefined) list.addAddress(address, type);
  else {
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (family === 6 ? 128 : 32)) return false;
    list.addSubnet(address, prefix, type);
  }
  return list.check(host, type);
}

/**
 * Whether NO_PROXY lists `target`, matched as curl does: comma- (or space-) separated entries,
 * case-insensitive; `*` alone matches every host; a name matches itself and every host under it
 * (`example.edu` and `.example.edu` both match `example.edu` and `repo.example.edu`, not
 * `notexample.edu`); an IP address matches itself, and `10.0.0.0/8`-style ranges (CIDR) their
 * addresses. Beyond curl, which ignores ports here, `host:port` matches that port only.
 * Nothing is excluded implicitly, not even localhost (as curl).
 */
export function bypassesProxy(target: URL, noProxy: string): boolean {
  const host = target.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  const port = defaultPort(target);
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const { host: name, port: only } = splitEntry(entry);
    if (only !== undefined && only !== port) continue;
    const bare = name.replace(/^\*?\./, '').replace(/\.$/, '');
    if (bare === '') continue;
    if (net.isIP(bare.split('/')[0]) !== 0) {
      if (ipMatches(host, bare)) return true;
    } else if (host === bare || host.endsWith(`.${bare}`)) return true;
  }
  return false;
}

/**
 * A proxy that could not give us a tunnel: unreachable, or answering CONNECT with something
 * other than 200. Thrown by the agents (src/transport/agents.ts) and told apart in
 * src/transport/normalize.ts, which names the proxy (never its credentials) and hints.
 */
export class ProxyFailure extends Error {
  static {
    this.prototype.name = 'ProxyFailure';
  }
  /** A stable code: `ERR_PROXY_AUTH` (407), `ERR_PROXY_REFUSED` (any other status), or the socket's (ECONNREFUSED…). */
  readonly code: string;
  /** The proxy's status for CONNECT, when it answered. */
  readonly status: number | undefined;
  /** The proxy, without credentials. */
  readonly proxy: string;
  /** Where the proxy was set. */
  readonly source: string;
  /** Whether the proxy URL carried credentials. */
  readonly withCredentials: boolean;

  private constructor(message: string, route: ProxyRoute, code: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status;
    this.proxy = route.label;
    this.source = route.source;
    this.withCredentials = route.authorization() !== undefined;
  }

  static refused(route: ProxyRoute, target: string, status: number, reason: string): ProxyFailure {
    const code = status === 407 ? 'ERR_PROXY_AUTH' : 'ERR_PROXY_REFUSED';
    const said = reason.trim() === '' ? '' : ` ${reason.trim()}`;
    return new ProxyFailure(
      `proxy ${route.label} (from ${route.source}) answered CONNECT ${target} with HTTP ${status}${said}`,
      route,
      code,
      status,
    );
  }

  static unreachable(route: ProxyRoute, cause: NodeJS.ErrnoException): ProxyFailure {
    const code = typeof cause.code === 'string' ? cause.code : 'ERR_PROXY_UNREACHABLE';
    return new ProxyFailure(`could not reach proxy ${route.label} (from ${route.source}): ${cause.message}`, route, code);
  }
}

/** The ProxyFailure behind a thrown value (axios keeps the agent's error as `cause`), if any. */
export function proxyFailureOf(thrown: unknown): ProxyFailure | undefined {
  for (let value = thrown, depth = 0; value !== null && typeof value === 'object' && depth < 4; depth += 1) {
    if (value instanceof ProxyFailure) return value;
    value = (value as { cause?: unknown }).cause;
  }
  return undefined;
}
