import { request, type IncomingHttpHeaders } from 'node:http';
import type { Sandbox, SandboxUser } from '../../src/sandbox/index.js';

export interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected loosely
  json: any;
}

export interface ListBody<T = Record<string, unknown>> {
  count: number;
  next: string;
  previous: string;
  /** null, not [], when the page has no rows (the server's Go nil slice). */
  results: T[];
}

export interface CallOptions {
  /** Whose credentials to send; null sends none. Default: the sandbox's default user. */
  user?: SandboxUser | null;
  headers?: Record<string, string>;
  method?: string;
}

export function authHeaders(user: SandboxUser): Record<string, string> {
  return { 'X-Pharos-API-User': user.email, 'X-Pharos-API-Key': user.apiKey };
}

/**
 * GET a raw path (sent byte for byte — no URL normalisation as fetch would do) on a fresh
 * connection, so tests control exactly what the server parses.
 */
export function call(sb: Sandbox, path: string, opts: CallOptions = {}): Promise<Reply> {
  const user = opts.user === undefined ? sb.user : opts.user;
  const headers = { ...(user ? authHeaders(user) : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = request({ host: sb.host, port: sb.port, path, method: opts.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = undefined;
        try {
          json = JSON.parse(text);
        } catch {
          // not JSON: leave undefined
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** GET a list route and return its envelope, failing loudly on a non-200. */
export async function list<T = Record<string, unknown>>(sb: Sandbox, path: string, user?: SandboxUser): Promise<ListBody<T>> {
  const r = await call(sb, path, { user });
  if (r.status !== 200) throw new Error(`GET ${path} → ${r.status} ${r.text}`);
  return r.json as ListBody<T>;
}

export const ids = (rows: readonly { id?: unknown }[]): number[] => rows.map((r) => Number(r.id));

export function userWith(sb: Sandbox, pred: (u: SandboxUser) => boolean): SandboxUser {
  const u = sb.users.find(pred);
  if (!u) throw new Error('no such sandbox user');
  return u;
}

export const sysadmin = (sb: Sandbox): SandboxUser => userWith(sb, (u) => u.role === 'admin');
