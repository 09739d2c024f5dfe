// The exchanges recorded from the real Registry (../shared/registry-recordings/): the contract that
// both the client and the sandbox are tested against. Without ../shared (a plain clone) the suites
// that need them skip with one line; under CI=true a missing recording is a failure instead.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RECORDINGS_DIR = process.env.APTRUST_RECORDINGS_DIR ?? path.resolve(root, '..', 'shared', 'registry-recordings');

export interface RecordedExchange {
  id: string;
  group: string;
  /** The X-Pharos-API-User sent, or null when none was. */
  user: string | null;
  request: {
    method: string;
    path: string;
    /** Decoded pairs, in the order sent. */
    query: [string, string][];
    raw_target: string;
    headers: Record<string, string>;
  };
  response: {
    status: number;
    headers: Record<string, string | string[]>;
    /** Parsed JSON, or { _text } when the body was not JSON. */
    body: unknown;
  };
}

export interface Volatile {
  exchanges_containing_boot_created_records: string[];
  exchanges_with_tied_sort_keys: string[];
  boot_created_records: { route: string; id: number; fields_that_change_at_each_start: string[] }[];
}

export interface Recordings {
  exchanges: RecordedExchange[];
  volatile: Volatile;
  byId(id: string): RecordedExchange;
}

function load(): Recordings | undefined {
  const file = path.join(RECORDINGS_DIR, 'recordings.jsonl');
  if (!existsSync(file)) {
    // GitHub's CI has the upstream spec but not these recordings: its workflow says so explicitly.
    if (process.env.CI === 'true' && process.env.APTRUST_RECORDINGS !== 'optional') {
      throw new Error(`CI=true but the real-server recordings are missing: ${file}`);
    }
    return undefined;
  }
  const exchanges = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as RecordedExchange);
  const volatile = JSON.parse(readFileSync(path.join(RECORDINGS_DIR, 'volatile.json'), 'utf8')) as Volatile;
  const index = new Map(exchanges.map((e) => [e.id, e]));
  return {
    exchanges,
    volatile,
    byId(id) {
      const found = index.get(id);
      if (!found) throw new Error(`no recorded exchange ${id}`);
      return found;
    },
  };
}

/** The recordings, or undefined (after one line on stderr) when ../shared is not beside the clone. */
export const recordings: Recordings | undefined = load();

let said = false;
/** Call once per suite: true when the recordings are here; otherwise says why the suite skips. */
export function haveRecordings(suite: string): boolean {
  if (recordings) return true;
  if (!said) {
    said = true;
    process.stderr.write(`skipped: ${suite} (no real-server recordings at ${RECORDINGS_DIR})\n`);
  }
  return false;
}
