// createClient: resolve the options now, load the client proper on the first call.
//
// Importing the package stays cheap (no axios, no generated layer until a request is made): a CLI's
// --help or a script that only builds a client for later pays nothing for the HTTP stack.
import { inspect } from 'node:util';
import { resolveConfig } from './config.js';
import type { ClientOptions, ResolvedConfig } from './config.js';
import type {
  AlertView,
  ChecksumView,
  DeletionRequestView,
  GenericFile,
  GenericFileView,
  IntellectualObjectView,
  PremisEventView,
  WorkItemView,
} from './internal/generated.js';
import type { AlertListParams } from './resources/alerts.js';
import type { ChecksumListParams } from './resources/checksums.js';
import type { ListOperations } from './resources/define.js';
import type { DeletionRequestListParams } from './resources/deletion-requests.js';
import type { GenericFileListParams } from './resources/generic-files.js';
import type { IntellectualObjectListParams } from './resources/intellectual-objects.js';
import type { PremisEventListParams } from './resources/premis-events.js';
import type { CallOptions } from './resources/types.js';
import type { WorkItemListParams } from './resources/work-items.js';

/** Resources whose show route is numeric only (errata §5.1). */
export interface NumericResource<T, P> extends ListOperations<T, P> {
  /** One record by its numeric id. */
  get(id: number, options?: CallOptions): Promise<T>;
}

/** Resources whose show route takes an id or an identifier (errata §5.1). */
export interface IdentifiedResource<T, P, D = T> extends ListOperations<T, P> {
  /** One record by numeric id, or by identifier (any characters; encoded for you). */
  get(idOrIdentifier: number | string, options?: CallOptions): Promise<D>;
}

export interface AlertResource extends ListOperations<AlertView, AlertListParams> {
  /** One alert; `userId` must be your own user id (errata §5.3). */
  get(alertId: number, userId: number, options?: CallOptions): Promise<AlertView>;
}

export interface RegistryClient {
  /** The Registry this client talks to, e.g. https://demo.aptrust.org. */
  readonly baseUrl: string;
  readonly alerts: AlertResource;
  readonly checksums: NumericResource<ChecksumView, ChecksumListParams>;
  readonly deletionRequests: NumericResource<DeletionRequestView, DeletionRequestListParams>;
  /** files/show returns the full GenericFile, with its events, checksums and storage records. */
  readonly files: IdentifiedResource<GenericFileView, GenericFileListParams, GenericFile>;
  readonly objects: IdentifiedResource<IntellectualObjectView, IntellectualObjectListParams>;
  readonly events: IdentifiedResource<PremisEventView, PremisEventListParams>;
  readonly workItems: NumericResource<WorkItemView, WorkItemListParams>;
  /** Closes idle keep-alive connections (a process exits without it, too). */
  close(): void;
}

/** The resource namespaces, as the client proper (src/wire-client.ts) builds them. */
export interface RegistryResources {
  readonly alerts: AlertResource;
  readonly checksums: NumericResource<ChecksumView, ChecksumListParams>;
  readonly deletionRequests: NumericResource<DeletionRequestView, DeletionRequestListParams>;
  /** files/show returns the full GenericFile, with its events, checksums and storage records. */
  readonly files: IdentifiedResource<GenericFileView, GenericFileListParams, GenericFile>;
  readonly objects: IdentifiedResource<IntellectualObjectView, IntellectualObjectListParams>;
  readonly events: IdentifiedResource<PremisEventView, PremisEventListParams>;
  readonly workItems: NumericResource<WorkItemView, WorkItemListParams>;
  /** Closes idle keep-alive connections (a process exits without it, too). */
  close(): void;
}

export interface RegistryClient extends RegistryResources {
  /** The Registry this client talks to, e.g. https://demo.aptrust.org. */
  readonly baseUrl: string;
}

const RESOURCES = ['alerts', 'checksums', 'deletionRequests', 'files', 'objects', 'events', 'workItems'] as const;

type Loader = () => Promise<RegistryResources>;

/** An AsyncIterable that loads its source on the first next(); break and return() reach the source. */
function deferred<T>(load: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return {
    async *[Symbol.asyncIterator]() {
      yield* await load();
    },
  };
}

function namespace(load: Loader, name: (typeof RESOURCES)[number]) {
  return Object.freeze({
    list: (...args: unknown[]) => load().then((r) => (r[name].list as (...a: unknown[]) => unknown)(...args)),
    all: (...args: unknown[]) => deferred(() => load().then((r) => (r[name].all as (...a: unknown[]) => AsyncIterable<unknown>)(...args))),
    get: (...args: unknown[]) => load().then((r) => (r[name].get as (...a: unknown[]) => unknown)(...args)),
  });
}

function lazyResources(config: ResolvedConfig): { load: Loader; loaded: () => RegistryResources | undefined } {
  let promise: Promise<RegistryResources> | undefined;
  let resources: RegistryResources | undefined;
  const load = () =>
    (promise ??= import('./wire-client.js').then((m) => {
      resources = m.createWireClient(config);
      return resources;
    }));
  return { load, loaded: () => resources };
}

/**
 * Creates a client for the APTrust Registry Member API v3. Options are checked now (a missing
 * URL or key throws a ConfigurationError here); nothing is sent until you call a method.
 * @example
 * const client = createClient({ environment: 'demo', user: 'me@example.edu', apiKey: process.env.KEY });
 * for await (const item of client.workItems.all({ status: 'Failed' })) console.log(item.name);
 */
export function createClient(options: ClientOptions = {}): RegistryClient {
  const config = resolveConfig(options);
  const { load, loaded } = lazyResources(config);
  const client = { baseUrl: config.baseUrl, close: () => loaded()?.close() } as Record<string, unknown>;
  for (const name of RESOURCES) client[name] = namespace(load, name);
  // Printing the client shows where it points and who it is, never the key.
  Object.defineProperty(client, inspect.custom, {
    value: () => `RegistryClient { baseUrl: '${config.baseUrl}', user: '${config.user}', apiKey: '***' }`,
  });
  Object.defineProperty(client, 'toJSON', { value: () => ({ baseUrl: config.baseUrl, user: config.user, apiKey: '***' }) });
  return Object.freeze(client) as unknown as RegistryClient;
}
