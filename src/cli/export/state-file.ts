// The export's state: what was run, where a stopped run had got to, the last run that completed,
// and the ledger of what was handed out. One JSON file, replaced whole and atomically (written
// beside, fsynced, renamed), so a kill at any moment leaves the old state or the new, never half.
import { open, readFile, rename, rm } from 'node:fs/promises';
import type { CrawlCheckpoint } from '../../index.js';
import type { LedgerJSON } from '../../sync/index.js';
import { UsageError } from '../usage-error.js';
import type { ExportFormat } from './formats.js';

export interface ExportIdentity {
  resource: string;
  /** The filters and sort as given, canonical. */
  query: string;
  format: ExportFormat;
  fields?: readonly string[];
  /** --excel (csv for a spreadsheet); absent otherwise, so older states still match. */
  excel?: true;
  /** The output file, absolute. */
  output: string;
}

export interface RunCounts {
  new: number;
  changed: number;
  left: number;
  unchanged: number;
}

/** Ids of records that left the export, kept for the summary and for scripts (`jq .last.left`). */
export const LEFT_IDS_KEPT = 100_000;

export interface RunState {
  kind: 'full' | 'changes';
  startedAt: string;
  /** The params the run crawls (for a changes run, from the last run's mark on). */
  params: Record<string, unknown>;
  /** The newest value of the change column when this run began: the next run starts there. */
  mark?: string;
  /** The mark this run started from (a changes run). */
  since?: string;
  checkpoint?: CrawlCheckpoint;
  /** Bytes of the partial file on disk at the checkpoint, and records written in them. */
  bytes: number;
  records: number;
  counts: RunCounts;
  left: number[];
  /** Set just before the partial file is renamed: the run is whole. */
  finished?: true;
}

export interface LastRun {
  kind: 'full' | 'changes';
  startedAt: string;
  completedAt: string;
  mark?: string;
  since?: string;
  records: number;
  counts: RunCounts;
  left: number[];
}

export interface ExportState {
  version: 1;
  export: ExportIdentity;
  run?: RunState;
  last?: LastRun;
  ledger?: LedgerJSON;
}

/** The state in `file`, or undefined when there is none. */
export async function readState(file: string): Promise<ExportState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw new UsageError(`cannot read the state file ${file}: ${(error as Error).message}`);
  }
  let state: ExportState;
  try {
    state = JSON.parse(text) as ExportState;
  } catch {
    throw new UsageError(`the state file ${file} is not JSON`, 'it is written whole or not at all; was it edited? Remove it to start over');
  }
  if (state === null || typeof state !== 'object' || state.version !== 1 || typeof state.export !== 'object') {
    throw new UsageError(`the state file ${file} is not an export state this version writes`, 'remove it to start over');
  }
  return state;
}

export async function writeState(file: string, state: ExportState): Promise<void> {
  const temporary = `${file}.writing`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(JSON.stringify(state));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

export async function removeState(file: string): Promise<void> {
  await rm(file, { force: true });
}

export function sameExport(a: ExportIdentity, b: ExportIdentity): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function describeExport(identity: ExportIdentity): string {
  const query = identity.query === '{}' ? '' : ` ${identity.query}`;
  return `${identity.resource}${query} as ${identity.format}${identity.excel ? ' --excel' : ''} to ${identity.output}`;
}
