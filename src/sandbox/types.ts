// Public types of the sandbox. The client team builds against these names.
import type { SandboxData } from './views.js';

export type FaultKind = '503' | '502' | '504' | '429' | 'reset' | 'truncate' | 'hang' | 'redirect' | 'html';

/**
 * Fires on API request number n (1-based, counted over every request whose path starts with
 * /member-api/ since start or since the last setFaults()) when
 * `n > offset && (n - offset) % every === 0` and, if given, `paths` matches the raw path+query.
 */
export interface FaultRule {
  kind: FaultKind;
  every: number;
  offset?: number;
  /** Retry-After header value (seconds or HTTP-date) for 429 and 503. */
  retryAfter?: string;
  paths?: RegExp;
}

export type SandboxRole = 'admin' | 'institutional_admin' | 'institutional_user' | 'none';

export interface SandboxUser {
  id: number;
  email: string;
  apiKey: string;
  institutionId: number;
  role: SandboxRole;
  twoFactorPending?: boolean;
  /** Display name, as it appears in user_name / requested_by_name fields. */
  name: string;
}

export interface RecordedRequest {
  method: string;
  /** Raw path + query exactly as received. */
  url: string;
  /** Lower-case header names; values as received (repeats joined with ", "). */
  headers: Record<string, string>;
  /** Status sent; 0 while pending or when no response was sent (reset, hang). */
  status: number;
}

export type IngestOutcome = 'success' | 'failed' | 'failed-retry' | 'cancelled' | 'suspended';

/** The algorithms APTrust records for every file at ingest. */
export type SandboxAlgorithm = 'md5' | 'sha1' | 'sha256' | 'sha512';

/** One file of a bag given to the sandbox: its path in the bag (`data/…` or a tag file), size and digests. */
export interface SandboxBagFile {
  path: string;
  size: number;
  /** Hex digests; an algorithm left out gets no checksum row (a file "not yet checked" with it). */
  digests: Partial<Record<SandboxAlgorithm, string>>;
  /** MIME type; default by extension (text/plain for .txt, else application/octet-stream). */
  format?: string;
}

/** A bag as the sandbox ingests it: its name (the tar's name without `.tar`) and its files. */
export interface SandboxBag {
  name: string;
  files: SandboxBagFile[];
}

/** What ingesting a bag made: the object and its files. */
export interface IngestedBag {
  objectId: number;
  /** `<institution identifier>/<bag name>`. */
  identifier: string;
  /** The files' ids, in the bag's order. */
  fileIds: number[];
}

/**
 * A test's change to an ingested file (by its identifier, `<object>/<path>`): `delete` makes it
 * state D (as a deletion does), `checksum` records a new, later checksum (a fixity check that
 * computed `digest`), which becomes the file's latest for that algorithm.
 */
export type FileAlteration = { kind: 'delete' } | { kind: 'checksum'; algorithm: SandboxAlgorithm; digest: string };

export interface SimulateIngestOptions {
  /** Tar file name, e.g. "my_bag.tar". */
  name: string;
  etag?: string;
  outcome?: IngestOutcome;
  /** Time between stage transitions; default 50 ms. */
  stepMs?: number;
  /** Delay before the work item exists at all; default 0. */
  appearAfterMs?: number;
  /** Owning institution; default the default user's (2). */
  institutionId?: number;
  /**
   * The bag's content: a successful ingest then creates its intellectual object, generic files
   * and checksums (as the real ingest's Record stage does), and links the work item to it.
   */
  bag?: SandboxBag;
}

/**
 * The real Registry's cost of a list request, modelled: `baseMs + perRowMs × (offset + rows
 * returned)` ms, since its views read every row up to the offset (calibrated at per_page=1000:
 * page 1 = 0.14 s, page 190 = 2.16 s). Every field is optional; the defaults are the calibration.
 */
export interface ServerCostOptions {
  /** ms of a list request that reads no rows; default ≈ 129.31 (140 − 1000 × perRowMs). */
  baseMs?: number;
  /** ms per row read; default ≈ 0.010688 (2020 ms / 189,000 rows). */
  perRowMs?: number;
  /**
   * List requests served at once; default 2. The real server is CPU-bound: a request beyond its
   * cores waits for one (its query runs, and sees the data, only once it has one).
   */
  cores?: number;
  /**
   * Real wait per modelled ms; default 1. 0 accounts without waiting; 0.01 makes a 2.16 s page
   * take 21.6 ms. Waits use the sandbox's timers (setTimeout), so fake timers control them.
   */
  timeScale?: number;
}

/**
 * Running totals of the cost model, over list requests the registry answered 200 (the same
 * requests change rules count) since start or resetCost().
 */
export interface SandboxCost {
  requests: number;
  /** Sum of the modelled ms (not scaled by timeScale). */
  modelledMs: number;
}

/**
 * - `insert`: `count` new rows with the next ids, created_at = updated_at = the sandbox's "now"
 *   (after every timestamp in the data, a distinct microsecond per row). Files: state A, all in
 *   one generated object of the institution (an active one, picked by the seeded PRNG), no
 *   checksums or events, never fixity-checked; the object's file_count and size follow.
 *   Objects: state A, no files. Items: Ingest, Receive / Pending, in the receiving bucket.
 * - `state`: `count` existing rows (seeded PRNG pick) change state, updated_at = "now". Files and
 *   objects: A ↔ D (file counts and sizes of objects follow); items: Pending → Started,
 *   Started → Success at the action's last stage, any other status → Pending at its first stage
 *   (a requeue), with note, outcome, node, pid, date_processed and stage_started_at to match.
 * - `touch`: `count` existing rows get updated_at = "now", nothing else.
 */
export type ChangeKind = 'insert' | 'state' | 'touch';

export type ChangeResource = 'files' | 'objects' | 'items';

/** One batch of changes, applied atomically: a request sees all of it or none of it. */
export interface ChangeSpec {
  kind: ChangeKind;
  resource: ChangeResource;
  /** Rows inserted or changed; default 1 (fewer when the table holds fewer eligible rows). */
  count?: number;
  /**
   * `insert`: the new rows' institution (default 2, the default user's). `state`/`touch`: pick
   * only rows of this institution (default: any).
   */
  institutionId?: number;
}

/**
 * A batch that fires after list request n (1-based, counting list requests the registry answered
 * 200 since start or the last setChanges(); errors, other routes and requests a fault answered
 * instead of the registry do not count, a 'truncate' fault does) when
 * `n > offset && (n - offset) % every === 0`: request n does not see it, request n+1 does.
 * Rules that fire together apply in their order, each as its own batch.
 */
export interface ChangeRule extends ChangeSpec {
  every: number;
  offset?: number;
}

/** What one batch did; given to onChange listeners and returned by change(). */
export interface ChangeBatch {
  /** 1-based number of the batch since start. */
  seq: number;
  kind: ChangeKind;
  resource: ChangeResource;
  /** Ids of the rows inserted or changed, ascending. */
  ids: number[];
  /** The first and last timestamp written (RFC 3339, as the server sends them); "" when no row changed. */
  firstAt: string;
  lastAt: string;
  /** The list request after which a rule fired it; null for change(). */
  afterRequest: number | null;
}

/** A list route's resource, as in the URL (/member-api/v3/<resource>). */
export type SandboxResource = 'alerts' | 'checksums' | 'deletions' | 'files' | 'objects' | 'events' | 'items';

/**
 * A member-API query with the HTTP names (`{ institution_id: 2, state: 'A' }`, an array for
 * repeats such as `status__in`), as URLSearchParams, or as a query string.
 */
export type SandboxQuery =
  string | URLSearchParams | Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[] | undefined>>;

export interface SandboxOptions {
  port?: number;
  host?: string;
  seed?: number;
  files?: number;
  objects?: number;
  events?: number;
  workItems?: number;
  checksums?: number;
  alerts?: number;
  deletions?: number;
  latencyMs?: number;
  faults?: FaultRule[];
  /** Added to every count that comes from a materialised view (errata §2.3); may be negative. */
  staleCounts?: number;
  /**
   * Counts that come from a materialised view (lists filtered by nothing but the view's columns,
   * no `__in`, errata §2.3) stop following the data: `true` keeps each at its value when the
   * sandbox started (rows inserted later are not counted; the real server once said 18 while
   * 200,038 rows existed), a number makes every such count that number. Other counts stay live.
   * staleCounts is added on top.
   */
  frozenCounts?: boolean | number;
  /**
   * Model the real server's list cost: list requests then wait their modelled time (× timeScale)
   * on one of `cores` slots. Without it nothing waits, but sandbox.cost still adds up the
   * calibrated model.
   */
  serverCost?: ServerCostOptions;
  /** Changes made on a schedule of list requests (not of time: runs do not depend on machine speed). */
  changes?: ChangeRule[];
  maintenance?: boolean;
  redirectOrigin?: string;
  /**
   * Largest body `PUT /sandbox/receiving/<name>.tar` accepts (the stand-in for the S3 receiving
   * bucket); default 256 MiB. A bigger upload is answered 413 and its connection closed.
   */
  maxUploadBytes?: number;
  /** Time between the stages of the ingest an upload starts; default 50 ms. */
  ingestStepMs?: number;
}

export interface Sandbox {
  url: string;
  host: string;
  port: number;
  user: SandboxUser;
  users: SandboxUser[];
  requests: RecordedRequest[];
  data: SandboxData;
  setFaults(rules: FaultRule[]): void;
  simulateIngest(opts: SimulateIngestOptions): void;
  /**
   * Ingests a bag at once (no work item): its object, files (state A) and one checksum per file
   * and algorithm given. Throws if the institution already has an object of that name.
   */
  ingestBag(bag: SandboxBag, opts?: { institutionId?: number }): IngestedBag;
  /**
   * Reads a bag from disk as APTrust's ingest would: a directory, or a `.tar` holding one top
   * directory (the bag), every file hashed with md5, sha1, sha256 and sha512.
   */
  readBag(path: string): Promise<SandboxBag>;
  /** Test-only: deletes an ingested file or records a new checksum for it (see FileAlteration). */
  alterFile(identifier: string, alteration: FileAlteration): void;
  /** The cost model's running totals; the same object, updated as requests are answered. */
  readonly cost: SandboxCost;
  resetCost(): void;
  /** Applies one batch now (between two requests), and tells the onChange listeners. */
  change(spec: ChangeSpec): ChangeBatch;
  /** Replaces the change rules and restarts their request count, so the schedule is relative to "now". */
  setChanges(rules: ChangeRule[]): void;
  /**
   * Calls `listener` synchronously right after each batch is applied, before any other request
   * is answered (so a test can take an oracle's snapshot). Returns the unsubscribe function.
   */
  onChange(listener: (batch: ChangeBatch) => void): () => void;
  /**
   * The ids of every row that matches `query` right now, by the sandbox's own filter engine, in
   * ascending id order, unscoped (as a sysadmin sees them: pass institution_id to scope) and
   * unpaged (sort, page and per_page are ignored). Alerts: "id:user_id" strings (user_id 0 for
   * an alert nobody received). Throws on what the server would answer 500 to (unknown filters,
   * bad values).
   */
  matchingIds(resource: 'alerts', query?: SandboxQuery): string[];
  matchingIds(resource: Exclude<SandboxResource, 'alerts'>, query?: SandboxQuery): number[];
  stop(): Promise<void>;
}
