// The seam: the only module in src/ that imports generated/. Everything the rest of the
// package needs from the wire layer (operations, request types, enum values, models) passes
// through here, so a regeneration that renames something breaks in one place.
import type { AxiosInstance } from 'axios';
import listValues from '../../generated/list-values.json' with { type: 'json' };

/**
 * The values each list's enumerated parameters take (filters and sorts), by operationId: what the
 * generated enums hold, as data, so that params are checked without loading the generated API
 * classes, whose import (axios) is most of the package's load time. test/unit/seam.test.ts keeps
 * the two equal.
 */
export const LIST_VALUES = listValues;

export type {
  AlertsApiListAlertsRequest,
  ChecksumsApiListChecksumsRequest,
  DeletionRequestsApiListDeletionRequestsRequest,
  GenericFilesApiListGenericFilesRequest,
  IntellectualObjectsApiListIntellectualObjectsRequest,
  PremisEventsApiListPremisEventsRequest,
  WorkItemsApiListWorkItemsRequest,
} from '../../generated/api.js';

export type {
  AlertView,
  Checksum,
  ChecksumView,
  DeletionRequestView,
  GenericFile,
  GenericFileView,
  IntellectualObjectView,
  PremisEvent,
  PremisEventView,
  StorageRecord,
  WorkItemView,
} from '../../generated/models/index.js';

export interface Credentials {
  user: string;
  apiKey: string;
}

/**
 * Builds the generated API classes on our axios instance, loading them first. The credentials
 * reach the generated layer through Configuration.apiKey (the security requirement the overlay
 * adds) as a function, so no object holding the key is ever enumerable or printed.
 */
export async function createWireApis(axios: AxiosInstance, credentials: Credentials) {
  const [{ Configuration }, api] = await Promise.all([import('../../generated/configuration.js'), import('../../generated/api.js')]);
  const configuration = new Configuration({
    apiKey: (name: string) => (name === 'X-Pharos-API-User' ? credentials.user : credentials.apiKey),
  });
  // basePath '' : the axios instance carries baseURL, so the generated layer sends relative paths
  // and axios (allowAbsoluteUrls: false) can never be pointed at another host.
  return {
    alerts: new api.AlertsApi(configuration, '', axios),
    checksums: new api.ChecksumsApi(configuration, '', axios),
    deletionRequests: new api.DeletionRequestsApi(configuration, '', axios),
    files: new api.GenericFilesApi(configuration, '', axios),
    objects: new api.IntellectualObjectsApi(configuration, '', axios),
    events: new api.PremisEventsApi(configuration, '', axios),
    workItems: new api.WorkItemsApi(configuration, '', axios),
  };
}

export type WireApis = Awaited<ReturnType<typeof createWireApis>>;
