// What an export has handed out over its runs, so an incremental run can tell new records from
// changed ones, leave out those it reads again unchanged (the overlap), and find those that left.
// It lives in the export's state file (src/cli/export/), saved with every checkpoint.
import { createHash } from 'node:crypto';
import { createIdSet } from '../crawl/id-set.js';
import { parseInstant } from '../crawl/instant.js';
import type { ChangeSpec } from './spec.js';

export type Verdict = 'new' | 'changed' | 'unchanged' | 'left' | 'outside';

export interface LedgerJSON {
  /** Ids handed out and still in the export. */
  ids: Record<string, string>;
  /** modified: id → column value, for records the next run reads again (at or after its start). */
  recent?: Record<string, string>;
  /** Being built by the run under way, for the run after it. */
  nextRecent?: Record<string, string>;
  /** full: id → fingerprint of the record as handed out. */
  prints?: Record<string, string>;
  /** full: ids the run under way has seen. */
  seen?: Record<string, string>;
}

export interface Ledger {
  /** Sorts a record of the run: `matches` says whether it meets the caller's filters. */
  classify(record: Record<string, unknown>, matches: boolean): Verdict;
  /** Ends the run: for a resource read in full, the ids not seen (they left), removed. */
  finish(): number[];
  toJSON(): LedgerJSON;
}

const fingerprint = (record: unknown) => createHash('sha1').update(JSON.stringify(record)).digest('base64').slice(0, 16);

/**
 * The ledger of a run. `nextFrom`: where the next run will start reading again (delta.ts
 * overlapStart), so records at or after it are remembered with their column value.
 */
export function openLedger(resource: string, spec: ChangeSpec, saved: LedgerJSON | undefined, nextFrom: bigint | undefined): Ledger {
  const ids = createIdSet(resource, saved?.ids);
  const recent = new Map(Object.entries(saved?.recent ?? {}));
  const nextRecent = new Map(Object.entries(saved?.nextRecent ?? {}));
  const prints = new Map(Object.entries(saved?.prints ?? {}));
  const seen = createIdSet(resource, saved?.seen);
  const column = spec.kind === 'full' ? undefined : spec.column;
  const remember = (id: number, value: unknown) => {
    if (nextFrom === undefined || typeof value !== 'string') return;
    const at = parseInstant(value);
    if (at !== undefined && at >= nextFrom) nextRecent.set(String(id), value);
  };
  return {
    classify(record, matches) {
      const id = record.id as number;
      if (spec.kind === 'inserted') {
        if (!matches) return 'outside';
        return ids.add(id) ? 'new' : 'unchanged';
      }
      if (spec.kind === 'full') {
        if (!matches) return 'outside';
        seen.add(id);
        const print = fingerprint(record);
        const before = prints.get(String(id));
        prints.set(String(id), print);
        ids.add(id);
        return before === undefined ? 'new' : before === print ? 'unchanged' : 'changed';
      }
      const value = record[column as string];
      if (!matches) {
        if (!ids.delete(id)) return 'outside';
        recent.delete(String(id));
        nextRecent.delete(String(id));
        return 'left';
      }
      remember(id, value);
      if (ids.add(id)) return 'new';
      return recent.get(String(id)) === value ? 'unchanged' : 'changed';
    },
    finish() {
      const left: number[] = [];
      if (spec.kind === 'full') {
        for (const id of ids.ids()) {
          if (seen.has(id)) continue;
          left.push(id);
          prints.delete(String(id));
        }
        for (const id of left) ids.delete(id);
        for (const id of seen.ids()) seen.delete(id);
      }
      recent.clear();
      for (const [id, value] of nextRecent) recent.set(id, value);
      nextRecent.clear();
      return left;
    },
    toJSON() {
      const json: LedgerJSON = { ids: ids.toJSON() };
      if (spec.kind === 'modified') {
        json.recent = Object.fromEntries(recent);
        json.nextRecent = Object.fromEntries(nextRecent);
      }
      if (spec.kind === 'full') {
        json.prints = Object.fromEntries(prints);
        json.seen = seen.toJSON();
      }
      return json;
    },
  };
}
