// The client proper: config → transport → generated APIs → resource namespaces. Loaded on the
// first call (src/client.ts), because axios and the generated layer cost most of the import time.
import type { ResolvedConfig } from './config.js';
import { toId, toIdOrIdentifier } from './ids.js';
import { createWireApis } from './internal/generated.js';
import type { GenericFile } from './internal/generated.js';
import { alertSpec } from './resources/alerts.js';
import { checksumSpec } from './resources/checksums.js';
import { checkCallOptions, defineList } from './resources/define.js';
import { checkRecord } from './resources/read-path.js';
import type { CallOptions } from './resources/types.js';
import type { RegistryResources } from './client.js';
import { deletionRequestSpec } from './resources/deletion-requests.js';
import { genericFileSpec } from './resources/generic-files.js';
import { intellectualObjectSpec } from './resources/intellectual-objects.js';
import { premisEventSpec } from './resources/premis-events.js';
import { workItemSpec } from './resources/work-items.js';
import { createTransport } from './transport/transport.js';
import type { WireCall } from './transport/transport.js';

/**
 * files/show sends a file's empty checksums and PREMIS events as `null` (Go nil slices; recorded
 * for a file with no checksums), and storage records likewise; our type promises arrays.
 */
function withRelations(file: GenericFile): GenericFile {
  return {
    ...file,
    checksums: file.checksums ?? [],
    premis_events: file.premis_events ?? [],
    storage_records: file.storage_records ?? [],
  };
}

export function createWireClient(config: ResolvedConfig): RegistryResources {
  const transport = createTransport(config);
  const apis = createWireApis(transport.axios, { user: config.user, apiKey: config.apiKey() });
  // One record: options checked (an aborted signal sends nothing), the body must be a JSON object.
  const run = async <T>(what: string, call: WireCall<T>, options: CallOptions | undefined): Promise<T> =>
    checkRecord(what, await transport.execute(call, checkCallOptions(`${what} get`, options)));

  return {
    alerts: {
      ...defineList(alertSpec(apis), transport),
      get: async (alertId, userId, o) => {
        const id = toId('alert id', alertId, 'bigint');
        const user = toId('user id', userId);
        return run('alert', (ax) => apis.alerts.getAlert({ id, user_id: user }, ax), o);
      },
    },
    checksums: {
      ...defineList(checksumSpec(apis), transport),
      get: async (id, o) => {
        const n = toId('checksum id', id);
        return run('checksum', (ax) => apis.checksums.getChecksum({ id: n }, ax), o);
      },
    },
    deletionRequests: {
      ...defineList(deletionRequestSpec(apis), transport),
      get: async (id, o) => {
        const n = toId('deletion request id', id, 'bigint');
        return run('deletion request', (ax) => apis.deletionRequests.getDeletionRequest({ id: n }, ax), o);
      },
    },
    files: {
      ...defineList(genericFileSpec(apis), transport),
      get: async (id, o) => {
        const k = toIdOrIdentifier('file id or identifier', id);
        return withRelations(await run('file', (ax) => apis.files.getGenericFile({ id: k }, ax), o));
      },
    },
    objects: {
      ...defineList(intellectualObjectSpec(apis), transport),
      get: async (id, o) => {
        const k = toIdOrIdentifier('object id or identifier', id);
        return run('object', (ax) => apis.objects.getIntellectualObject({ id: k }, ax), o);
      },
    },
    events: {
      ...defineList(premisEventSpec(apis), transport),
      get: async (id, o) => {
        const k = toIdOrIdentifier('event id or identifier', id);
        return run('event', (ax) => apis.events.getPremisEvent({ id: k }, ax), o);
      },
    },
    workItems: {
      ...defineList(workItemSpec(apis), transport),
      get: async (id, o) => {
        const n = toId('work item id', id);
        return run('work item', (ax) => apis.workItems.getWorkItem({ id: n }, ax), o);
      },
    },
    close: () => transport.close(),
  };
}
