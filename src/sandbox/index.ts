// Public surface of the local sandbox registry.
export { startSandbox } from './start.js';
export { runSandboxCommand, parseChange, parseFault, SANDBOX_USAGE } from './cli.js';
export type {
  ChangeBatch,
  ChangeKind,
  ChangeResource,
  ChangeRule,
  ChangeSpec,
  FaultKind,
  FaultRule,
  IngestOutcome,
  RecordedRequest,
  Sandbox,
  SandboxCost,
  SandboxOptions,
  SandboxQuery,
  SandboxResource,
  SandboxRole,
  SandboxUser,
  ServerCostOptions,
  SimulateIngestOptions,
} from './types.js';
export type {
  SandboxAlert,
  SandboxChecksum,
  SandboxData,
  SandboxDeletion,
  SandboxEvent,
  SandboxFile,
  SandboxFileDetail,
  SandboxInstitution,
  SandboxNestedChecksum,
  SandboxObject,
  SandboxPremisEvent,
  SandboxStorageRecord,
  SandboxTable,
  SandboxWorkItem,
} from './views.js';
