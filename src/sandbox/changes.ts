// Changes to the data while a client crawls it, on a schedule of list requests (never of time),
// each batch applied atomically between two requests. See ChangeKind in types.ts.
import type { Dataset } from './data/dataset.js';
import { addedFilePath } from './data/files-table.js';
import { FINAL_STAGE, STAGES_BY_ACTION } from './data/items-plan.js';
import { NOTES, OUTCOMES } from './data/items-table.js';
import { newObjectRow } from './data/objects.js';
import { INSTITUTIONS, institutionById } from './data/people.js';
import type { Column, Table, Value } from './data/table.js';
import { forgetRows } from './http/row-cache.js';
import { newItemRow } from './ingest.js';
import { createRng, saltOf, type Rng } from './prng.js';
import type { QueryCaches } from './query/execute.js';
import { formatTime } from './time.js';
import type {
  ChangeBatch,
  ChangeKind,
  ChangeResource,
  ChangeRule,
  ChangeSpec,
  FileAlteration,
  IngestedBag,
  SandboxAlgorithm,
  SandboxBag,
} from './types.js';

/** The algorithms of APTrust's ingest, in the order it records them (as the generated checksums). */
const INGEST_ALGORITHMS: readonly SandboxAlgorithm[] = ['md5', 'sha256', 'sha1', 'sha512'];

const KINDS: readonly ChangeKind[] = ['insert', 'state', 'touch'];
const RESOURCES: readonly ChangeResource[] = ['files', 'objects', 'items'];
const S = { pick: saltOf('change.pick'), object: saltOf('change.object'), size: saltOf('change.size'), etag: saltOf('change.etag') };

function checkSpec(spec: ChangeSpec, what: string): Required<Omit<ChangeSpec, 'institutionId'>> & { institutionId?: number } {
  if (!KINDS.includes(spec.kind))
    throw new TypeError(`sandbox: ${what} kind must be one of ${KINDS.join(', ')}, got ${JSON.stringify(spec.kind)}`);
  if (!RESOURCES.includes(spec.resource)) {
    throw new TypeError(`sandbox: ${what} resource must be one of ${RESOURCES.join(', ')}, got ${JSON.stringify(spec.resource)}`);
  }
  const count = spec.count ?? 1;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`sandbox: ${what} count must be an integer >= 0, got ${count}`);
  if (spec.institutionId !== undefined && !INSTITUTIONS.some((i) => i.id === spec.institutionId)) {
    throw new RangeError(`sandbox: ${what} institutionId ${spec.institutionId} is not a sandbox institution`);
  }
  return { kind: spec.kind, resource: spec.resource, count, institutionId: spec.institutionId };
}

export function validateChanges(rules: readonly ChangeRule[]): ChangeRule[] {
  return rules.map((r) => {
    const spec = checkSpec(r, 'change');
    if (!Number.isInteger(r.every) || r.every < 1) throw new RangeError(`sandbox: change "every" must be an integer >= 1, got ${r.every}`);
    if (r.offset !== undefined && (!Number.isInteger(r.offset) || r.offset < 0)) {
      throw new RangeError(`sandbox: change "offset" must be an integer >= 0, got ${r.offset}`);
    }
    return { ...spec, every: r.every, ...(r.offset !== undefined ? { offset: r.offset } : {}) };
  });
}

/** Rows a batch changed per table, with each table's version and size before it. */
class Touched {
  private readonly tables = new Map<Table, { before: number; sizeBefore: number; rows: number[]; columns: Set<string> | undefined }>();
  private readonly start: Map<Table, { version: number; size: number }>;

  /** Takes every table's version and size before the batch changes anything (appends bump at once). */
  constructor(tables: readonly Table[]) {
    this.start = new Map(tables.map((t) => [t, { version: t.version(), size: t.size() }]));
  }

  /** `columns`: the columns whose values changed for existing rows (undefined: any may have). */
  note(table: Table, rows: Iterable<number>, columns?: readonly string[]): void {
    let entry = this.tables.get(table);
    if (!entry) {
      const at = this.start.get(table) ?? { version: table.version(), size: table.size() };
      entry = { before: at.version, sizeBefore: at.size, rows: [], columns: new Set() };
      this.tables.set(table, entry);
    }
    for (const r of rows) entry.rows.push(r);
    if (columns === undefined) entry.columns = undefined;
    else for (const c of columns) entry.columns?.add(c);
  }

  entries(): IterableIterator<[Table, { before: number; sizeBefore: number; rows: number[]; columns: Set<string> | undefined }]> {
    return this.tables.entries();
  }
}

/** Object columns computed from their files. */
const AGGREGATES = ['file_count', 'size', 'payload_file_count', 'payload_size'];
/** Item columns a state change writes (see itemStep). */
const ITEM_STEP_COLUMNS = [
  'status',
  'stage',
  'note',
  'outcome',
  'node',
  'pid',
  'retry',
  'needs_admin_review',
  'updated_at',
  'date_processed',
  'stage_started_at',
];

const col = (table: Table, name: string): Column => table.byName.get(name) as Column;

/** Applies change batches to a dataset and keeps the indexes and row caches in step. */
export class Changes {
  private rules: ChangeRule[] = [];
  private n = 0;
  private seq = 0;
  private readonly rng: Rng;
  private readonly listeners = new Set<(batch: ChangeBatch) => void>();

  constructor(
    private readonly ds: Dataset,
    private readonly caches: QueryCaches,
    private readonly onError: (err: unknown) => void,
  ) {
    this.rng = createRng((ds.rng.seed ^ 0x6a09e667) >>> 0);
  }

  set(rules: readonly ChangeRule[]): void {
    this.rules = validateChanges(rules);
    this.n = 0;
  }

  onChange(listener: (batch: ChangeBatch) => void): () => void {
    // A wrapper, so the same function subscribed twice is called twice and unsubscribed once.
    const entry = (batch: ChangeBatch): void => listener(batch);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  /** One list request was answered (200): fires the rules due after it. */
  afterList(): void {
    const n = ++this.n;
    for (const rule of this.rules) {
      const off = rule.offset ?? 0;
      if (n <= off || (n - off) % rule.every !== 0) continue;
      try {
        this.apply(rule, n);
      } catch (err) {
        this.onError(err); // the answer already computed stands
      }
    }
  }

  /** Applies one batch now and tells the listeners. */
  apply(input: ChangeSpec, afterRequest: number | null = null): ChangeBatch {
    const spec = checkSpec(input, 'change');
    const seq = ++this.seq;
    const touched = new Touched(Object.values(this.ds.tables));
    const stamps: number[] = [];
    const now = (): number => {
      const t = this.ds.clock.now();
      stamps.push(t);
      return t;
    };
    let rows: number[];
    if (spec.kind === 'insert') rows = this.insert(spec.resource, spec.count, spec.institutionId ?? 2, seq, now, touched);
    else {
      const table = this.ds.tables[spec.resource];
      rows = this.pick(table, spec.count, spec.institutionId, seq);
      if (spec.kind === 'touch') this.touch(spec.resource, rows, now, touched);
      else this.state(spec.resource, rows, now, touched);
    }
    this.commit(touched);
    const batch: ChangeBatch = {
      seq,
      kind: spec.kind,
      resource: spec.resource,
      ids: rows.map((i) => i + 1).sort((a, b) => a - b),
      firstAt: stamps.length ? formatTime(stamps[0]) : '',
      lastAt: stamps.length ? formatTime(stamps[stamps.length - 1]) : '',
      afterRequest,
    };
    for (const listener of [...this.listeners]) listener(batch);
    return batch;
  }

  /** Makes a batch's rows visible: versions bumped, indexes patched, cached rows dropped. */
  private commit(touched: Touched): void {
    for (const [table, { before, sizeBefore, rows: changed, columns }] of touched.entries()) {
      this.ds.overlays[table.resource].bump();
      this.caches.indexes.patch(table, before, changed, sizeBefore, columns);
      forgetRows(table, before, changed);
    }
  }

  /**
   * Ingests a bag now, atomically: a new intellectual object `<institution>/<bag name>` (state A,
   * Standard storage), one generic file per bag file (state A; payload files are those under
   * `data/`, as APTrust counts them) and one checksum per file and algorithm given, in the order
   * the real ingest computes them. Nothing is shared with the client's own bag reading.
   */
  ingestBag(bag: SandboxBag, institutionId = 2): IngestedBag {
    const ds = this.ds;
    if (!INSTITUTIONS.some((i) => i.id === institutionId)) throw new RangeError(`sandbox: institution ${institutionId} does not exist`);
    if (bag.name === '' || /[/\\]/.test(bag.name) || bag.name.includes('\u0000') || bag.name === '.' || bag.name === '..') {
      throw new RangeError(`sandbox: bag name ${JSON.stringify(bag.name)} is not a file name`);
    }
    const inst = institutionById(institutionId);
    const identifier = `${inst.identifier}/${bag.name}`;
    if (ds.byIdentifier.objects.find(identifier) >= 0) throw new RangeError(`sandbox: object ${identifier} already exists`);
    const seen = new Set<string>();
    for (const file of bag.files) {
      if (file.path === '' || file.path.startsWith('/') || file.path.split('/').some((p) => p === '' || p === '.' || p === '..')) {
        throw new RangeError(`sandbox: bag path ${JSON.stringify(file.path)} is not relative to the bag`);
      }
      if (seen.has(file.path)) throw new RangeError(`sandbox: bag path ${JSON.stringify(file.path)} is given twice`);
      seen.add(file.path);
    }
    const touched = new Touched(Object.values(ds.tables));
    const index = ds.objects.count + ds.addedObjects.length;
    const t = ds.clock.now();
    const row: Record<string, Value> = {
      ...newObjectRow(ds.rng, index + 1, institutionId, t),
      identifier,
      bag_name: bag.name,
      title: bag.name,
      description: 'A bag ingested into the sandbox',
    };
    ds.addedObjects.push(row);
    ds.addedIdentifiers.objects.set(identifier, index);
    const fileRows: number[] = [];
    const sumRows: number[] = [];
    for (const file of bag.files) {
      const f = ds.files.count + ds.addedFiles.length;
      ds.addedFiles.object.push(index);
      ds.addedFiles.size.push(file.size);
      ds.addedFiles.created.push(ds.clock.now());
      ds.addedFiles.path.push(file.path);
      ds.addedFiles.format.push(file.format ?? (file.path.endsWith('.txt') ? 'text/plain' : 'application/octet-stream'));
      ds.addedIdentifiers.files.set(`${identifier}/${file.path}`, f);
      for (const algorithm of INGEST_ALGORITHMS) {
        const digest = file.digests[algorithm];
        if (digest === undefined) continue;
        const k = ds.addedFiles.checksums.push(f, algorithm, digest, ds.clock.now());
        sumRows.push(ds.checksums.count + k);
      }
      this.aggregate(f, index, 1);
      fileRows.push(f);
    }
    touched.note(ds.tables.objects, [index], []);
    touched.note(ds.tables.files, fileRows, []);
    touched.note(ds.tables.checksums, sumRows, []);
    this.commit(touched);
    return { objectId: index + 1, identifier, fileIds: fileRows.map((f) => f + 1) };
  }

  /** Test-only: an ingested file deleted (state D), or given a new latest checksum. */
  alterFile(identifier: string, alteration: FileAlteration): void {
    const ds = this.ds;
    const f = ds.byIdentifier.files.find(identifier);
    if (f < 0) throw new RangeError(`sandbox: no file ${identifier}`);
    const touched = new Touched(Object.values(ds.tables));
    if (alteration.kind === 'delete') {
      if (col(ds.tables.files, 'state').get(f) === 'D') return;
      ds.overlays.files.set(f, { state: 'D', updated_at: ds.clock.now() });
      touched.note(ds.tables.files, [f], ['state', 'updated_at']);
      this.fileStateFollows([f], touched);
    } else {
      if (f < ds.files.count) throw new RangeError(`sandbox: ${identifier} was not ingested from a bag`);
      if (!INGEST_ALGORITHMS.includes(alteration.algorithm)) throw new RangeError(`sandbox: unknown algorithm ${alteration.algorithm}`);
      const t = ds.clock.now();
      const k = ds.addedFiles.checksums.push(f, alteration.algorithm, alteration.digest, t);
      ds.overlays.files.set(f, { last_fixity_check: t, updated_at: t });
      touched.note(ds.tables.checksums, [ds.checksums.count + k], []);
      touched.note(ds.tables.files, [f], [alteration.algorithm, 'last_fixity_check', 'updated_at']);
    }
    this.commit(touched);
  }

  /** Adds (sign 1) or removes (-1) file f to or from object j's counts and sizes. */
  private aggregate(f: number, j: number, sign: 1 | -1): void {
    const ds = this.ds;
    const objects = ds.objects;
    const bytes = (col(ds.tables.files, 'size').get(f) as number) * sign;
    const payload =
      f < ds.files.count ? ds.files.path(f).startsWith('data/') : (ds.addedFiles.path[f - ds.files.count] ?? 'data/').startsWith('data/');
    if (j < objects.count) {
      objects.fileCount[j] += sign;
      objects.size[j] += bytes;
      if (payload) {
        objects.payloadCount[j] += sign;
        objects.payloadSize[j] += bytes;
      }
      return;
    }
    // An inserted object keeps its aggregates in its record; SQL sum() over no rows is NULL.
    const row = ds.addedObjects[j - objects.count];
    const add = (count: string, size: string, on: boolean) => {
      if (!on) return;
      const n = Number(row[count]) + sign;
      row[count] = n;
      row[size] = n === 0 ? null : Number(row[size] ?? 0) + bytes;
    };
    add('file_count', 'size', true);
    add('payload_file_count', 'payload_size', payload);
  }

  /** `count` distinct rows (of the institution, if given), by the seeded PRNG: the same batches pick the same rows. */
  private pick(table: Table, count: number, institutionId: number | undefined, seq: number): number[] {
    const n = table.size();
    const chosen = new Set<number>();
    const fits = (i: number) => institutionId === undefined || table.institutionOf(i) === institutionId;
    for (let attempt = 0; chosen.size < count && n > 0 && attempt < count * 64 + 256; attempt++) {
      const i = this.rng.u32(S.pick, seq, attempt) % n;
      if (fits(i)) chosen.add(i);
    }
    // Few eligible rows: take them in order from a seeded start.
    const start = n > 0 ? this.rng.u32(S.pick, seq, -1) % n : 0;
    for (let k = 0; chosen.size < count && k < n; k++) {
      const i = (start + k) % n;
      if (fits(i)) chosen.add(i);
    }
    return [...chosen];
  }

  private insert(
    resource: ChangeResource,
    count: number,
    institutionId: number,
    seq: number,
    now: () => number,
    touched: Touched,
  ): number[] {
    const ds = this.ds;
    const out: number[] = [];
    if (count === 0) return out;
    if (resource === 'items') {
      for (let k = 0; k < count; k++) {
        const id = ds.items.size() + 1;
        const t = now();
        const etag = this.rng.hex(32, S.etag, id);
        out.push(ds.items.append(newItemRow(ds, institutionId, t, `added_bag_${id}.tar`, etag)));
      }
      touched.note(ds.items, out, []);
      return out;
    }
    if (resource === 'objects') {
      for (let k = 0; k < count; k++) {
        const index = ds.objects.count + ds.addedObjects.length;
        const row = newObjectRow(ds.rng, index + 1, institutionId, now());
        ds.addedObjects.push(row);
        ds.addedIdentifiers.objects.set(row.identifier as string, index);
        out.push(index);
      }
      touched.note(ds.tables.objects, out, []);
      return out;
    }
    const j = this.pickObject(institutionId, seq);
    const objects = ds.objects;
    for (let k = 0; k < count; k++) {
      const f = ds.files.count + ds.addedFiles.length;
      const size = this.rng.int(1_000, 50_000_000, S.size, f);
      ds.addedFiles.object.push(j);
      ds.addedFiles.size.push(size);
      ds.addedFiles.created.push(now());
      ds.addedFiles.path.push(addedFilePath(f));
      ds.addedFiles.format.push('text/plain');
      ds.addedIdentifiers.files.set(`${objects.identifier(j)}/${addedFilePath(f)}`, f);
      objects.fileCount[j]++;
      objects.size[j] += size;
      objects.payloadCount[j]++; // every inserted file is a payload file (data/…)
      objects.payloadSize[j] += size;
      out.push(f);
    }
    touched.note(ds.tables.files, out, []);
    touched.note(ds.tables.objects, [j], AGGREGATES);
    return out;
  }

  /** A generated object of the institution for new files: an active one if there is one. */
  private pickObject(institutionId: number, seq: number): number {
    const objects = this.ds.objects;
    const state = col(this.ds.tables.objects, 'state');
    const n = objects.count;
    let fallback = -1;
    for (let attempt = 0; n > 0 && attempt < 4096; attempt++) {
      const j = this.rng.u32(S.object, seq, attempt) % n;
      if (objects.inst[j] !== institutionId) continue;
      if (state.get(j) === 'A') return j;
      if (fallback < 0) fallback = j;
    }
    for (let j = 0; j < n && fallback < 0; j++) if (objects.inst[j] === institutionId) fallback = j;
    if (fallback < 0) throw new RangeError(`sandbox: cannot insert files: institution ${institutionId} has no objects`);
    return fallback;
  }

  private touch(resource: ChangeResource, rows: readonly number[], now: () => number, touched: Touched): void {
    const ds = this.ds;
    for (const i of rows) {
      if (resource === 'items') ds.items.update(i, { updated_at: now() });
      else ds.overlays[resource].set(i, { updated_at: now() });
    }
    touched.note(ds.tables[resource], rows, ['updated_at']);
  }

  private state(resource: ChangeResource, rows: readonly number[], now: () => number, touched: Touched): void {
    const ds = this.ds;
    const table = ds.tables[resource];
    if (resource === 'items') {
      for (const i of rows) ds.items.update(i, this.itemStep(i, now()));
      touched.note(table, rows, ITEM_STEP_COLUMNS);
      return;
    }
    const state = col(table, 'state');
    for (const i of rows) ds.overlays[resource].set(i, { state: state.get(i) === 'A' ? 'D' : 'A', updated_at: now() });
    touched.note(table, rows, ['state', 'updated_at']);
    if (resource === 'files') this.fileStateFollows(rows, touched);
  }

  /** Objects count and size their active files; checksums_view shows the file's state. */
  private fileStateFollows(rows: readonly number[], touched: Touched): void {
    const ds = this.ds;
    const { files, checksums } = ds;
    const state = col(ds.tables.files, 'state');
    const parents: number[] = [];
    const sums: number[] = [];
    for (const f of rows) {
      const j = ds.fileObject(f);
      this.aggregate(f, j, state.get(f) === 'A' ? 1 : -1);
      parents.push(j);
      if (f < files.count) for (let c = checksums.fileStart[f]; c < checksums.fileStart[f + 1]; c++) sums.push(c);
      else for (const k of ds.addedFiles.checksums.of(f)) sums.push(checksums.count + k);
    }
    touched.note(ds.tables.objects, parents, AGGREGATES);
    touched.note(ds.tables.checksums, sums, ['state']);
  }

  /** The next status of a work item: Pending → Started → Success; anything else is requeued. */
  private itemStep(i: number, t: number): Record<string, Value> {
    const row = this.ds.items.row(i);
    const action = row.action as string;
    const stages = STAGES_BY_ACTION[action] ?? STAGES_BY_ACTION.Ingest;
    const status = row.status as string;
    let next: { status: string; stage: string };
    if (status === 'Pending') next = { status: 'Started', stage: row.stage as string };
    else if (status === 'Started') next = { status: 'Success', stage: FINAL_STAGE[action] ?? (row.stage as string) };
    else next = { status: 'Pending', stage: stages[0] };
    const started = next.status === 'Started';
    return {
      ...next,
      note: NOTES[next.status],
      outcome: OUTCOMES[next.status],
      node: started ? 'preserv-worker-1.aptrust.org' : null,
      pid: started ? 4242 : 0,
      retry: true,
      needs_admin_review: false,
      updated_at: t,
      date_processed: t,
      stage_started_at: t,
    };
  }
}
