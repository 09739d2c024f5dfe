// Public surface of the local sandbox registry.
export { startSandbox } from './start.js';
export { runSandboxCommand, parseFault, SANDBOX_USAGE } from './cli.js';
export type {
  FaultKind,
  FaultRule,
  IngestOutcome,
  RecordedRequest,
  Sandbox,
  SandboxOptions,
  SandboxRole,
  SandboxUser,
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
