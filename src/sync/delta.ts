// What an incremental run asks for, and where the next one will start (spec.ts says why per kind).
import { formatInstant, parseInstant } from '../crawl/instant.js';
import { COMMIT_LAG_MS } from './spec.js';
import type { ChangeSpec } from './spec.js';
import { recordTest } from './match.js';
import type { RecordTest } from './match.js';

type Params = Record<string, unknown>;

export interface Delta {
  /** The params of the crawl: the caller's (less those applied here), from where the last run left off. */
  params: Params;
  /** True for a record that meets the caller's filters; false for one that left them. */
  matches: RecordTest;
}

const US_PER_MS = 1000n;

/** From `mark` (the newest value of the column when the last run began) less `overlapMs`. */
function from(mark: string, overlapMs: number): string {
  const at = parseInstant(mark);
  if (at === undefined) throw new Error(`a saved mark is not a timestamp: ${mark}`);
  return formatInstant(at - BigInt(overlapMs) * US_PER_MS);
}

/** The later of the caller's own lower bound and ours. */
function later(theirs: unknown, ours: string): string {
  const a = parseInstant(typeof theirs === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(theirs) ? `${theirs}T00:00:00Z` : theirs);
  const b = parseInstant(ours) as bigint;
  return a !== undefined && a > b ? (theirs as string) : ours;
}

/**
 * The crawl of a run after one that completed at `mark`; without a mark (the first run, or one
 * whose list was empty) every record.
 */
export function planDelta(spec: ChangeSpec, params: Params, mark: string | undefined): Delta {
  if (spec.kind === 'full' || mark === undefined) return { params, matches: () => true };
  if (spec.kind === 'inserted') {
    const gteq = `${spec.column}__gteq`;
    return { params: { ...params, [gteq]: later(params[gteq], from(mark, spec.overlapMs)) }, matches: () => true };
  }
  const stable: Params = {};
  const moving: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (name === 'sort' || name === 'per_page' || spec.stable.includes(name)) stable[name] = value;
    else moving.push(name);
  }
  return {
    params: { ...stable, [`${spec.column}__gteq`]: from(mark, COMMIT_LAG_MS) },
    matches: recordTest(params, moving),
  };
}

/**
 * The request that reads the mark for the next run, sent as a run begins: the newest value of the
 * column among the records this run could see (one record, sorted by it descending). Undefined
 * for a resource read in full every time.
 */
export function markQuery(spec: ChangeSpec, params: Params): { params: Params; column: string } | undefined {
  if (spec.kind === 'full') return undefined;
  const kept = Object.fromEntries(
    Object.entries(params).filter(
      ([name]) => name !== 'sort' && name !== 'per_page' && (spec.kind === 'inserted' || spec.stable.includes(name)),
    ),
  );
  return { params: { ...kept, sort: `${spec.column}__desc`, per_page: 1 }, column: spec.column };
}

/** The records' list call readMark needs: one page of the resource. */
interface PageSource {
  list(params: Params): Promise<{ results: readonly Record<string, unknown>[] }>;
}

/** The mark (markQuery), read with one request as a run begins; undefined for a resource read in full or an empty list. */
export async function readMark(ops: PageSource, spec: ChangeSpec, params: Params): Promise<string | undefined> {
  const query = markQuery(spec, params);
  if (!query) return undefined;
  const page = await ops.list(query.params);
  const value = page.results[0]?.[query.column];
  return typeof value === 'string' ? value : undefined;
}

/** Where the next run starts asking again, for records seen with `value` in the column: at or after it, they may be read again. */
export function overlapStart(spec: ChangeSpec, mark: string | undefined): bigint | undefined {
  if (spec.kind === 'full' || mark === undefined) return undefined;
  const at = parseInstant(mark) as bigint;
  return at - BigInt(spec.kind === 'modified' ? COMMIT_LAG_MS : spec.overlapMs) * US_PER_MS;
}
