import type { SandboxOptions } from '../types.js';
import { SPECIAL_OBJECTS } from './names.js';

export interface Counts {
  files: number;
  objects: number;
  events: number;
  workItems: number;
  checksums: number;
  /** Alerts (not alert × recipient rows). */
  alerts: number;
  deletions: number;
}

const MAX_ROWS = 5_000_000;

function check(name: string, v: number | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isSafeInteger(v) || v < 0 || v > MAX_ROWS)
    throw new RangeError(`sandbox: ${name} must be an integer in 0..${MAX_ROWS}, got ${v}`);
  return v;
}

/** Defaults scale from `files` (2500): ~10 files per object, ~2 checksums and ~2 events per file. */
export function resolveCounts(o: SandboxOptions): Counts {
  const files0 = check('files', o.files) ?? 2500;
  const objects = check('objects', o.objects) ?? Math.max(SPECIAL_OBJECTS.length, Math.ceil(files0 / 10));
  // Children need parents: no objects means no files, no files means no checksums.
  const files = objects === 0 ? 0 : files0;
  return {
    files,
    objects,
    checksums: files === 0 ? 0 : (check('checksums', o.checksums) ?? files * 2),
    events: objects + files === 0 ? 0 : (check('events', o.events) ?? Math.round(files * 2.2)),
    workItems: check('workItems', o.workItems) ?? Math.max(60, Math.ceil(files / 5)),
    alerts: check('alerts', o.alerts) ?? Math.max(20, Math.ceil(files / 40)),
    deletions: check('deletions', o.deletions) ?? Math.max(6, Math.ceil(files / 200)),
  };
}
