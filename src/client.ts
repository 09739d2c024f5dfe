// createClient: options → transport → resource namespaces.
import { inspect } from 'node:util';
import { resolveConfig } from './config.js';
import type { ClientOptions } from './config.js';
import { toId, toIdOrIdentifier } from './ids.js';
import { createWireApis } from './internal/generated.js';
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
import { alertSpec } from './resources/alerts.js';
import type { AlertListParams } from './resources/alerts.js';
import { checksumSpec } from './resources/checksums.js';
import type { ChecksumListParams } from './resources/checksums.js';
import { defineList } from './resources/define.js';
import type { ListOperations } from './resources/define.js';
import { deletionRequestSpec } from './resources/deletion-requests.js';
import type { DeletionRequestListParams } from './resources/deletion-requests.js';
import { genericFileSpec } from './resources/generic-files.js';
import type { GenericFileListParams } from './resources/generic-files.js';
import { intellectualObjectSpec } from './resources/intellectual-objects.js';
import type { IntellectualObjectListParams } from './resources/intellectual-objects.js';
import { premisEventSpec } from './resources/premis-events.js';
import type { PremisEventListParams } from './resources/premis-events.js';
import type { CallOptions } from './resources/types.js';
import { workItemSpec } from './resources/work-items.js';
import type { WorkItemListParams } from './resources/work-items.js';
import { createTransport } from './transport/transport.js';

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

/**
 * Creates a client for the APTrust Registry Member API v3.
 * @example
 * const client = createClient({ environment: 'demo', user: 'me@example.edu', apiKey: process.env.KEY });
 * for await (const item of client.workItems.all({ status: 'Failed' })) console.log(item.name);
 */
export function createClient(options: ClientOptions = {}): RegistryClient {
  const config = resolveConfig(options);
  const transport = createTransport(config);
  const apis = createWireApis(transport.axios, { user: config.user, apiKey: config.apiKey() });
  const run = transport.execute;

  const client: RegistryClient = {
    baseUrl: config.baseUrl,
    alerts: {
      ...defineList(alertSpec(apis), transport),
      get: async (alertId, userId, o) => {
        const id = toId('alert id', alertId);
        const user = toId('user id', userId);
        return run((ax) => apis.alerts.getAlert({ id, user_id: user }, ax), o);
      },
    },
    checksums: {
      ...defineList(checksumSpec(apis), transport),
      get: async (id, o) => {
        const n = toId('checksum id', id);
        return run((ax) => apis.checksums.getChecksum({ id: n }, ax), o);
      },
    },
    deletionRequests: {
      ...defineList(deletionRequestSpec(apis), transport),
      get: async (id, o) => {
        const n = toId('deletion request id', id);
        return run((ax) => apis.deletionRequests.getDeletionRequest({ id: n }, ax), o);
      },
    },
    files: {
      ...defineList(genericFileSpec(apis), transport),
      get: async (id, o) => {
        const k = toIdOrIdentifier('file id or identifier', id);
        return run((ax) => apis.files.getGenericFile({ id: k }, ax), o);
      },
    },
    objects: {
      ...defineList(intellectualObjectSpec(apis), transport),
      get: async (id, o) => {
        const k = toIdOrIdentifier('object id or identifier', id);
        return run((ax) => apis.objects.getIntellectualObject({ id: k }, ax), o);
      },
    },
    events: {
      ...defineList(premisEventSpec(apis), transport),
      get: async (id, o) => {
        const k = toIdOrIdentifier('event id or identifier', id);
        return run((ax) => apis.events.getPremisEvent({ id: k }, ax), o);
      },
    },
    workItems: {
      ...defineList(workItemSpec(apis), transport),
      get: async (id, o) => {
        const n = toId('work item id', id);
        return run((ax) => apis.workItems.getWorkItem({ id: n }, ax), o);
      },
    },
    close: () => transport.close(),
  };
  // Printing the client shows where it points and who it is, never the key.
  Object.defineProperty(client, inspect.custom, {
    value: () => `RegistryClient { baseUrl: '${config.baseUrl}', user: '${config.user}', apiKey: '***' }`,
  });
  Object.defineProperty(client, 'toJSON', { value: () => ({ baseUrl: config.baseUrl, user: config.user, apiKey: '***' }) });
  return Object.freeze(client);
}
