// End-to-end helpers: a sandbox registry over real HTTP on loopback, clients for its users, and an
// oracle that asks the sandbox for every matching row in one raw request (per_page=0, errata §2.2)
// without going through our client.
import { createClient } from '../../src/index.js';
import type { ClientOptions, RegistryClient } from '../../src/index.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox, SandboxOptions, SandboxUser } from '../../src/sandbox/index.js';

export async function sandboxFor(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ port: 0, ...options });
}

export function clientFor(sandbox: Sandbox, user: SandboxUser = sandbox.user, options: ClientOptions = {}): RegistryClient {
  return createClient({ baseUrl: sandbox.url, user: user.email, apiKey: user.apiKey, env: {}, retryBaseDelayMs: 5, ...options });
}

/** Every row the server holds for this query, in id order, by one raw GET with no LIMIT. */
export async function truth<T = { id: number }>(
  sandbox: Sandbox,
  route: string,
  params: Record<string, string | string[]> = {},
  user: SandboxUser = sandbox.user,
): Promise<T[]> {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of Array.isArray(v) ? v : [v]) query.append(k, one);
  query.set('per_page', '0');
  if (!query.has('sort')) query.append('sort', 'id__asc');
  const response = await fetch(`${sandbox.url}/member-api/v3/${route}?${query}`, {
    headers: { 'X-Pharos-API-User': user.email, 'X-Pharos-API-Key': user.apiKey },
  });
  if (!response.ok) throw new Error(`oracle ${route}: HTTP ${response.status} ${await response.text()}`);
  // An empty answer is `results: null`, as on the real server.
  return ((await response.json()) as { results: T[] | null }).results ?? [];
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Lost and doubled records of a crawl, against the expected ids. */
export function tally(expected: readonly number[], got: readonly number[]): { lost: number; doubled: number } {
  const counts = new Map<number, number>();
  for (const id of got) counts.set(id, (counts.get(id) ?? 0) + 1);
  let doubled = 0;
  for (const n of counts.values()) if (n > 1) doubled += n - 1;
  const lost = expected.filter((id) => !counts.has(id)).length;
  return { lost, doubled };
}
