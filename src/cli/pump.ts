// Moves records from a crawl into a sink one at a time: nothing is collected, so memory stays
// flat however many records there are, and the first line appears as soon as the first page does.
import type { ListOperations } from '../index.js';
import type { RecordSink } from './output/sink.js';
import type { Progress, ProgressMode } from './progress.js';
import type { CliParams, CliRecord } from './resources.js';

export async function pump(
  records: AsyncIterable<CliRecord>,
  sink: RecordSink,
  progress: Progress,
  keep: (record: CliRecord) => boolean = () => true,
): Promise<number> {
  let written = 0;
  for await (const record of records) {
    progress.increment();
    if (!keep(record)) continue;
    await sink.write(record);
    written += 1;
  }
  return written;
}

/**
 * Tells the bar or the progress lines how many records to expect: one extra request (per_page=1),
 * made only when progress is shown (not with --quiet). A failure here is not the user's problem;
 * the bar just grows as records arrive, and the lines give the count alone.
 */
export function countInto(progress: Progress, mode: ProgressMode, ops: ListOperations<CliRecord, CliParams>, params: CliParams): void {
  if (mode === 'none') return;
  const { sort: _sort, per_page: _perPage, ...filters } = params;
  ops.list({ ...filters, per_page: 1 }).then(
    (page) => progress.addTotal(page.count),
    () => undefined,
  );
}
