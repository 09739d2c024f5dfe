// The Registry's side of a verification: the object, its files and its checksums, read with the
// library's own crawls (every page, exactly once), reduced as they arrive to one small record per
// file: its path in the bag, state, and the latest digest per algorithm. Whole records are never
// kept, so memory follows the file count, not the Registry's record sizes.
import type { RegistryClient } from '../client.js';
import { parseInstant } from '../crawl/instant.js';
import { NotFoundError, ServerError } from '../errors.js';
import type { IntellectualObjectView } from '../internal/generated.js';
import { algorithmIndex, isVerifyAlgorithm, VERIFY_ALGORITHMS, type VerifyAlgorithm } from './algorithms.js';
import { digestRow, flat, type DigestRow } from './hashing.js';
import { pathKey } from './local.js';

/** One generic file of the object, as much as the comparison needs. */
export interface RegistryFile {
  /** The path in the bag: the file identifier after `<object identifier>/`. */
  path: string;
  id: number;
  state: string;
  size: number;
  /** The latest digest per algorithm (VERIFY_ALGORITHMS order). */
  digests: DigestRow;
}

/** The object and its files, keyed by the NFC form of their paths. */
export interface RegistryObject {
  object: IntellectualObjectView;
  files: Map<string, RegistryFile>;
}

/**
 * A record without the fields a verification rests on: a broken or hostile server, said as the
 * client says any bad answer (a ServerError, code bad_response), not a TypeError deep inside.
 */
function notARecord(what: string, record: { id?: unknown }): ServerError {
  return new ServerError(
    'bad_response',
    `the Registry sent a ${what} record without its identifier, algorithm or digest (id ${String(record.id)})`,
  );
}

/** Options for reading the Registry side. */
export interface RegistryReadOptions {
  signal?: AbortSignal;
  /** Pages fetched at once by each crawl (the library's default when not given). */
  concurrency?: number;
  /**
   * The algorithms the local side can be compared with: only their digests are kept (default all
   * four). A sha256-only bag then holds one digest per file, not four.
   */
  algorithms?: readonly VerifyAlgorithm[];
}

/**
 * Reads the object `identifier`, its files and its checksums.
 * @throws NotFoundError when no object has that identifier (and every other {@link RegistryError})
 */
export async function readRegistryObject(
  client: RegistryClient,
  identifier: string,
  options: RegistryReadOptions = {},
): Promise<RegistryObject> {
  const call = { signal: options.signal, ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}) };
  let object: IntellectualObjectView;
  try {
    object = await client.objects.get(identifier, { signal: options.signal });
  } catch (err) {
    // The server's words ("Not found: /member-api/v3/objects/show/…") do not say what is missing.
    if (!(err instanceof NotFoundError)) throw err;
    throw new NotFoundError(`no intellectual object ${identifier} in the Registry`, {
      status: err.status,
      serverMessage: err.serverMessage,
      method: err.method,
      path: err.path,
      attempts: err.attempts,
      hint: 'check the identifier (institution.edu/bag_name: the institution and the bag name, without .tar), and that its ingest has finished (wait-ingest)',
      cause: err,
    });
  }
  const prefix = `${object.identifier}/`;
  const files = new Map<string, RegistryFile>();
  // generic_file_id → the file's ordinal (its row in the typed arrays below).
  const ordinalOf = new Map<number, number>();
  const byOrdinal: RegistryFile[] = [];
  for await (const f of client.files.all({ intellectual_object_id: object.id }, call)) {
    if (typeof f.identifier !== 'string' || typeof f.id !== 'number') throw notARecord('file', f);
    const path = flat(f.identifier.startsWith(prefix) ? f.identifier.slice(prefix.length) : f.identifier);
    const file: RegistryFile = { path, id: f.id, state: f.state, size: f.size, digests: digestRow() };
    files.set(pathKey(path), file);
    ordinalOf.set(f.id, byOrdinal.length);
    byOrdinal.push(file);
  }
  // Every checksum ever recorded (ingest, then each fixity check); the latest per file and
  // algorithm is the one to compare, by datetime and then id (ids grow with insertion, so a later
  // row wins a tie, as it would be the later computation). The latest's datetime (µs) and id per
  // (file, algorithm) live in two typed arrays: no object per checksum.
  const wanted = options.algorithms ?? VERIFY_ALGORITHMS;
  const n = wanted.length;
  const latestAt = new Float64Array(byOrdinal.length * n).fill(-Infinity);
  const latestId = new Float64Array(byOrdinal.length * n);
  for await (const c of client.checksums.all({ intellectual_object_id: object.id }, call)) {
    if (typeof c.digest !== 'string' || typeof c.algorithm !== 'string') throw notARecord('checksum', c);
    const ordinal = ordinalOf.get(c.generic_file_id);
    const w = isVerifyAlgorithm(c.algorithm) ? wanted.indexOf(c.algorithm) : -1;
    if (ordinal === undefined || w < 0) continue;
    const k = algorithmIndex(c.algorithm as VerifyAlgorithm);
    const slot = ordinal * n + w;
    const at = Number(parseInstant(c.datetime) ?? 0n);
    if (at > latestAt[slot] || (at === latestAt[slot] && c.id > latestId[slot])) {
      latestAt[slot] = at;
      latestId[slot] = c.id;
      byOrdinal[ordinal].digests[k] = flat(c.digest.toLowerCase());
    }
  }
  return { object, files };
}
