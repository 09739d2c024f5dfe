// aptrust-registry-client/sync: incremental exports and syncs, a separate entry so that users of
// the client never load any of it. The CLI's `list --output --state` and `sync` are built on it;
// better-sqlite3 (an optional dependency) is loaded only when openInventory() is called.
export { canonicalQuery } from '../crawl/checkpoint.js';
export { markQuery, overlapStart, planDelta, readMark } from './delta.js';
export type { Delta } from './delta.js';
export { syncResource } from './engine.js';
export type { SyncOptions, SyncOutcome, SyncState, SyncTarget } from './engine.js';
export { openLedger } from './ledger.js';
export type { Ledger, LedgerJSON, Verdict } from './ledger.js';
export { recordTest } from './match.js';
export type { RecordTest } from './match.js';
export { COMMIT_LAG_MS, LATE_ARRIVAL_MS } from './spec.js';
export type { ChangeSpec } from './spec.js';
export { InventoryRecordError, InventorySchemaError, openInventory, SqliteUnavailableError, SYNC_RESOURCES } from './sqlite/store.js';
export type { BatchCounts, InventoryStore, SyncResource } from './sqlite/store.js';
