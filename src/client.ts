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

/**
 * A resource whose show route takes a numeric id only (checksums, deletion requests, work items).
 * @typeParam T - the record type, e.g. {@link WorkItemView}
 * @typeParam P - the list parameters, e.g. {@link WorkItemListParams}
 */
export interface NumericResource<T, P> extends ListOperations<T, P> {
  /**
   * One record by its numeric id.
   * @throws {@link InvalidInputError} for an id that is not a positive integer (nothing is sent);
   *   {@link NotFoundError} when there is no such record; {@link PermissionError} when it belongs
   *   to another institution.
   * @example
   * ```ts
   * const item = await client.workItems.get(1234);
   * ```
   */
  get(id: number, options?: CallOptions): Promise<T>;
}

/**
 * A resource whose show route takes a numeric id or an identifier (files, objects, events).
 * @typeParam T - the record type of lists, e.g. {@link GenericFileView}
 * @typeParam P - the list parameters, e.g. {@link GenericFileListParams}
 * @typeParam D - the record type of `get()` (files: the full {@link GenericFile})
 */
export interface IdentifiedResource<T, P, D = T> extends ListOperations<T, P> {
  /**
   * One record by numeric id, or by identifier (any characters; encoded for you). An event's
   * identifier is its UUID; a file's is `institution/bag/path`; an object's is `institution/bag`.
   * @example
   * ```ts
   * const file = await client.files.get('example.edu/my bag/data/report & notes.pdf');
   * const object = await client.objects.get(42);
   * ```
   */
  get(idOrIdentifier: number | string, options?: CallOptions): Promise<D>;
}

/** `client.alerts`: the alerts sent to you. Its show route also needs your own user id. */
export interface AlertResource extends ListOperations<AlertView, AlertListParams> {
  /**
   * One alert. `userId` must be your own user id (the Registry answers 403 otherwise); it is the
   * `user_id` of the alerts in your own list, as there is no "who am I" call.
   */
  get(alertId: number, userId: number, options?: CallOptions): Promise<AlertView>;
}

/**
 * A client for the APTrust Registry Member API v3, made by {@link createClient}. One namespace per
 * resource, each with `list()` (one page), `all()` (every record, exactly once) and `get()`.
 * The API is read-only: nothing here changes data on the Registry.
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
  readonly alerts: AlertResource;
  /** Checksums calculated at ingest and at fixity checks (/member-api/v3/checksums). */
  readonly checksums: NumericResource<ChecksumView, ChecksumListParams>;
  /** Deletion requests (/member-api/v3/deletions); they can be read, not made, through this API. */
  readonly deletionRequests: NumericResource<DeletionRequestView, DeletionRequestListParams>;
  /** Generic files, one per preserved file (/member-api/v3/files). `get()` returns the full {@link GenericFile}, with its events, checksums and storage records. */
  readonly files: IdentifiedResource<GenericFileView, GenericFileListParams, GenericFile>;
  /** Intellectual objects, one per preserved bag (/member-api/v3/objects). */
  readonly objects: IdentifiedResource<IntellectualObjectView, IntellectualObjectListParams>;
  /** PREMIS events: ingestion, fixity checks, deletions… (/member-api/v3/events); `get()` also takes an event UUID. */
  readonly events: IdentifiedResource<PremisEventView, PremisEventListParams>;
  /** The work queue: ingest, restore and delete items (/member-api/v3/items). */
  readonly workItems: NumericResource<WorkItemView, WorkItemListParams>;
  /** Closes idle keep-alive connections (a process exits without it, too). */
  close(): void;
}

/** The resource namespaces, as the client proper (src/wire-client.ts) builds them. */
export type RegistryResources = Omit<RegistryClient, 'baseUrl'>;

const RESOURCES = ['alerts', 'checksums', 'deletionRequests', 'files', 'objects', 'events', 'workItems'] as const;

type Loader = () => Promise<RegistryResources>;

/**
 * An AsyncIterable that loads its source on the first next(), then hands every call straight to
 * the source's iterator (no extra promise per record); return() reaches the source.
 */
function deferred<T>(load: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<T> {
      let inner: AsyncIterator<T> | undefined;
      return {
        next: () => (inner ? inner.next() : load().then((source) => (inner = source[Symbol.asyncIterator]()).next())),
        return: (value?: unknown) => (inner?.return ? inner.return(value) : Promise.resolve({ done: true as const, value: value as T })),
      };
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
