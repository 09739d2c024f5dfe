// When is an ingest finished, failed, or still going? Kept apart from the polling so the rules
// are in one readable place. The trap this avoids: community scripts wait for Success and so loop
// forever on a Cancelled or Suspended item.
import type { WorkItemView } from '../index.js';

export type IngestVerdict = { kind: 'waiting'; state: string } | { kind: 'done'; state: string } | { kind: 'failed'; state: string };

export function describeItem(item: Pick<WorkItemView, 'id' | 'stage' | 'status'>): string {
  return `item ${item.id}: ${item.stage} / ${item.status}`;
}

export function judgeIngest(item: Pick<WorkItemView, 'id' | 'stage' | 'status' | 'retry' | 'outcome' | 'note'> | undefined): IngestVerdict {
  // A bag can take up to 15 minutes to appear after upload: absence is not failure.
  if (!item) return { kind: 'waiting', state: 'not in the Registry yet (a bag can take up to 15 minutes to appear after upload)' };
  const state = describeItem(item);
  // Ingest's last stage is Cleanup; Success at an earlier stage only means that stage is done.
  if (item.status === 'Success' && item.stage === 'Cleanup') return { kind: 'done', state };
  if (item.status === 'Failed') {
    // retry=true: the Registry's workers will try again, so the ingest is not over.
    if (item.retry) return { kind: 'waiting', state: `${state} (will be retried)` };
    return { kind: 'failed', state: withWhy(state, item) };
  }
  if (item.status === 'Cancelled' || item.status === 'Suspended') return { kind: 'failed', state: withWhy(state, item) };
  return { kind: 'waiting', state };
}

function withWhy(state: string, item: { outcome?: string; note?: string }): string {
  const why = [item.outcome, item.note].filter((s) => typeof s === 'string' && s.trim() !== '').join('; ');
  return why ? `${state}: ${why}` : state;
}
