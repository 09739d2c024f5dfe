/**
 * A typed client for the APTrust Registry Member API v3 that follows the real server, not just the
 * published spec. Start with {@link createClient}; every failure is a {@link RegistryError}.
 * The package also installs the `aptrust-registry` command (see the README).
 *
 * @example
 * ```ts
 * import { createClient } from 'aptrust-registry-client';
 *
 * const client = createClient({ environment: 'demo', user: 'me@example.edu', apiKey: process.env.KEY });
 * for await (const item of client.workItems.all({ status: 'Failed' })) console.log(item.id, item.name, item.note);
 * ```
 * @packageDocumentation
 */
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
  RateLimitError,
  TimeoutError,
  AbortedError,
  NetworkError,
  BagError,
} from './errors.js';
export type {
  BagErrorDetails,
  RegistryErrorCode,
  RegistryErrorDetails,
  ServerErrorCode,
  NetworkErrorCode,
  RateLimitErrorDetails,
} from './errors.js';
export type { ListPage, AllOptions, CallOptions, ListParams } from './resources/types.js';
export type { ListOperations } from './resources/define.js';
export type { Crawl } from './paginate.js';
export type { CrawlStats } from './crawl/stats.js';
export type { Paging } from './crawl/plan.js';
export type { CrawlCheckpoint } from './crawl/checkpoint.js';
export type { ChangeSpec } from './sync/spec.js';
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
export { registryDate, registryInstant } from './params.js';
export { secretScrubber } from './secrets.js';
export { RESOURCE_CATALOGUE } from './resources/catalogue.js';
export type { IdKind, ResourceName, ResourceSummary } from './resources/catalogue.js';
export { bagName, verifyObject } from './verify/verify.js';
export type { VerifyOptions, VerifyResult, VerifySummary } from './verify/verify.js';
export { VERDICTS } from './verify/compare.js';
export type { FileVerdict, FileVerdictKind } from './verify/compare.js';
export type { LocalScope } from './verify/local.js';
export { VERIFY_ALGORITHMS } from './verify/algorithms.js';
export type { VerifyAlgorithm } from './verify/algorithms.js';
