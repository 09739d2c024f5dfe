// The seam: the only module in src/ that imports generated/. Everything the rest of the
// package needs from the wire layer (operations, request types, enum values, models) passes
// through here, so a regeneration that renames something breaks in one place.
import type { AxiosInstance } from 'axios';
import { Configuration } from '../../generated/configuration.js';
import {
  AlertsApi,
  ChecksumsApi,
  DeletionRequestsApi,
  GenericFilesApi,
  IntellectualObjectsApi,
  PremisEventsApi,
  WorkItemsApi,
} from '../../generated/api.js';

export {
  ListAlertsSortEnum,
  ListAlertsTypeEnum,
  ListChecksumsSortEnum,
  ListChecksumsAlgorithmEnum,
  ListChecksumsStateEnum,
  ListDeletionRequestsSortEnum,
  ListGenericFilesSortEnum,
  ListGenericFilesStateEnum,
  ListGenericFilesStorageOptionEnum,
  ListGenericFilesStorageOptionInEnum,
  ListIntellectualObjectsSortEnum,
  ListIntellectualObjectsAccessEnum,
  ListIntellectualObjectsStateEnum,
  ListIntellectualObjectsStorageOptionEnum,
  ListPremisEventsSortEnum,
  ListPremisEventsEventTypeEnum,
  ListPremisEventsOutcomeEnum,
  ListWorkItemsSortEnum,
  ListWorkItemsActionEnum,
  ListWorkItemsStageEnum,
  ListWorkItemsStatusEnum,
  ListWorkItemsStorageOptionEnum,
  ListWorkItemsActionInEnum,
  ListWorkItemsStageInEnum,
  ListWorkItemsStatusInEnum,
} from '../../generated/api.js';

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

/** A generated list envelope, as the overlay fixed it (errata §2.1). */
export interface WireList<T> {
  count: number;
  next: string;
  previous: string;
  results: T[];
}

export interface Credentials {
  user: string;
  apiKey: string;
}

/**
 * Builds the generated API classes on our axios instance. The credentials reach the generated
 * layer through Configuration.apiKey — the security requirement the overlay adds (errata §0 #2) —
 * as a function, so no object holding the key is ever enumerable or printed.
 */
export function createWireApis(axios: AxiosInstance, credentials: Credentials) {
  const configuration = new Configuration({
    apiKey: (name: string) => (name === 'X-Pharos-API-User' ? credentials.user : credentials.apiKey),
  });
  // basePath '' : the axios instance carries baseURL, so the generated layer sends relative paths
  // and axios (allowAbsoluteUrls: false) can never be pointed at another host.
  return {
    alerts: new AlertsApi(configuration, '', axios),
    checksums: new ChecksumsApi(configuration, '', axios),
    deletionRequests: new DeletionRequestsApi(configuration, '', axios),
    files: new GenericFilesApi(configuration, '', axios),
    objects: new IntellectualObjectsApi(configuration, '', axios),
    events: new PremisEventsApi(configuration, '', axios),
    workItems: new WorkItemsApi(configuration, '', axios),
  };
}

export type WireApis = ReturnType<typeof createWireApis>;
