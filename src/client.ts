// createClient: resolve the options now, build the namespaces from the resource table, load the
// wire layer on the first request.
//
// Importing the package stays cheap (no axios, no generated layer until a request is made): a CLI's
// --help or a script that only builds a client for later pays nothing for the HTTP stack.
import { inspect } from 'node:util';
import { resolveConfig } from './config.js';
import type { ClientOptions } from './config.js';
import { buildNamespace } from './resources/define.js';
import type { Wire } from './resources/define.js';
import type { NamespaceOf } from './resources/namespaces.js';
import type { IdKind, ResourceDefinition } from './resources/resource.js';
import { RESOURCE_NAMES, RESOURCES } from './resources/table.js';
import type { ResourceName } from './resources/table.js';

export type { AlertResource, IdentifiedResource, NumericResource } from './resources/namespaces.js';

type AnyResource = ResourceDefinition<Record<string, unknown>, unknown, unknown, IdKind>;

/** The namespace type of one resource of the table, e.g. `Namespace<'workItems'>`. */
type Namespace<K extends ResourceName> = NamespaceOf<(typeof RESOURCES)[K]>;

/**
 * A client for the APTrust Registry Member API v3, made by {@link createClient}. One namespace per
 * resource, each with `list()` (one page), `all()` (every record, exactly once) and `get()`.
 * The API is read-only: nothing here changes data on the Registry. Where the server and the published
 * spec disagree the client follows the server: the README's section "Where we differ from the
 * published spec, and why" lists each difference.
 * @example
 * ```ts
 * const client = createClient({ environment: 'demo', user: 'me@example.edu', apiKey: process.env.KEY });
 * const page = await client.objects.list({ per_page: 10 });
 * console.log(page.count, page.results.map((o) => o.identifier));
 * ```
 */
export interface RegistryClient {
  /** The Registry this client talks to, e.g. https://demo.aptrust.org. */
  readonly baseUrl: string;
  /** Alerts sent to you (/member-api/v3/alerts). */
  readonly alerts: Namespace<'alerts'>;
  /** Checksums calculated at ingest and at fixity checks (/member-api/v3/checksums). */
  readonly checksums: Namespace<'checksums'>;
  /** Deletion requests (/member-api/v3/deletions); they can be read, not made, through this API. */
  readonly deletionRequests: Namespace<'deletionRequests'>;
  /** Generic files, one per preserved file (/member-api/v3/files). `get()` returns the full {@link GenericFile}, with its events, checksums and storage records. */
  readonly files: Namespace<'files'>;
  /** Intellectual objects, one per preserved bag (/member-api/v3/objects). */
  readonly objects: Namespace<'objects'>;
  /** PREMIS events: ingestion, fixity checks, deletions… (/member-api/v3/events); `get()` also takes an event UUID. */
  readonly events: Namespace<'events'>;
  /** The work queue: ingest, restore and delete items (/member-api/v3/items). */
  readonly workItems: Namespace<'workItems'>;
  /** Closes idle keep-alive connections (a process exits without it, too). */
  close(): void;
}

// Every resource of the table is a namespace of the client, and nothing else is: a compile error
// here names a resource the interface above lacks, or a namespace the table does not have.
type Namespaces = Omit<RegistryClient, 'baseUrl' | 'close'>;
const tableMatchesInterface: [Exclude<ResourceName, keyof Namespaces>, Exclude<keyof Namespaces, ResourceName>] extends [never, never]
  ? true
  : never = true;
void tableMatchesInterface;

/**
 * Creates a client for the APTrust Registry Member API v3. Options are checked now (a missing
 * URL or key throws a {@link ConfigurationError} here); nothing is sent until you call a method.
 * With no options, everything comes from `APTRUST_REGISTRY_URL`, `APTRUST_REGISTRY_EMAIL` and
 * `APTRUST_REGISTRY_API_KEY` (see {@link ClientOptions}).
 * @param options - the server, the credentials, timeouts and retries; all optional
 * @returns a frozen client; printing or JSON-serialising it never shows the key
 * @throws {@link ConfigurationError} when no server is chosen, a credential is missing, or
 *   credentials would go over plain http to a host other than this machine
 * @example
 * ```ts
 * const client = createClient({ environment: 'demo', user: 'me@example.edu', apiKey: process.env.KEY });
 * for await (const item of client.workItems.all({ status: 'Failed' })) console.log(item.name);
 * ```
 */
export function createClient(options: ClientOptions = {}): RegistryClient {
  const config = resolveConfig(options);
  let wire: Promise<Wire> | undefined;
  let loaded: Wire | undefined;
  const connect = () =>
    (wire ??= import('./wire.js').then(async (m) => {
      loaded = await m.connect(config);
      return loaded;
    }));
  const client: Record<string, unknown> = { baseUrl: config.baseUrl, close: () => loaded?.transport.close() };
  // The table's entries differ in type; the namespace types are tied to them by Namespace<K> above.
  for (const name of RESOURCE_NAMES) client[name] = buildNamespace(RESOURCES[name] as unknown as AnyResource, connect);
  // Printing the client shows where it points and who it is, never the key.
  Object.defineProperty(client, inspect.custom, {
    value: () => `RegistryClient { baseUrl: '${config.baseUrl}', user: '${config.user}', apiKey: '***' }`,
  });
  Object.defineProperty(client, 'toJSON', { value: () => ({ baseUrl: config.baseUrl, user: config.user, apiKey: '***' }) });
  return Object.freeze(client) as unknown as RegistryClient;
}
