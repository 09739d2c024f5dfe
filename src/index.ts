// The public surface: our client, our errors and the model and param types. Never AxiosError,
// Configuration or the generated API classes (only src/internal/generated.ts touches those).
export { createClient } from './client.js';
export type { RegistryClient, NumericResource, IdentifiedResource, AlertResource } from './client.js';
export { ENVIRONMENTS } from './config.js';
export type { ClientOptions, Environment } from './config.js';
export type { DebugEvent, DebugListener } from './debug.js';
export {
  RegistryError,
  InvalidInputError,
  ConfigurationError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ServerError,
  TimeoutError,
  AbortedError,
  NetworkError,
} from './errors.js';
export type { RegistryErrorCode, RegistryErrorDetails } from './errors.js';
export type { ListPage, AllOptions, CallOptions, ListParams } from './resources/types.js';
export type { ListOperations } from './resources/define.js';
export type { AlertListParams } from './resources/alerts.js';
export type { ChecksumListParams } from './resources/checksums.js';
export type { DeletionRequestListParams } from './resources/deletion-requests.js';
export type { GenericFileListParams } from './resources/generic-files.js';
export type { IntellectualObjectListParams } from './resources/intellectual-objects.js';
export type { PremisEventListParams } from './resources/premis-events.js';
export type { WorkItemListParams } from './resources/work-items.js';
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
} from './internal/generated.js';
export { VERSION } from './version.js';
