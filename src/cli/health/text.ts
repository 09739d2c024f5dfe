// The health report as a short plain-text summary: what `report health` prints when neither
// --html nor --format json is given, for a quick look at a terminal or in a CI log.
import { stderrText } from '../report-error.js';
import { formatBytes } from './escape.js';
import { formatCount } from '../numbers.js';
import type { HealthReport } from './model.js';

/** Aligned two-column lines: name, then the value. Server-sent names are made safe for a terminal. */
function lines(rows: [string, string][], indent = '  '): string[] {
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, value]) => `${indent}${stderrText(name).padEnd(width)}  ${value}`);
}

export function healthText(report: HealthReport): string {
  const out: string[] = [`Registry ${report.registry}, as of ${report.generated_at}`, ''];
  out.push(`Storage: ${formatCount(report.storage.files)} active files, ${formatBytes(report.storage.bytes)}`);
  out.push(
    ...lines(
      report.storage.options.map((o) => [o.storage_option, `${formatCount(o.files)} files, ${formatBytes(o.bytes)}`] as [string, string]),
    ),
  );
  const months = report.ingests.months;
  out.push(
    `Objects: ${formatCount(report.ingests.objects)} active, ${formatBytes(report.ingests.bytes)}${months.length > 0 ? `, created ${months[0].month} to ${months[months.length - 1].month}` : ''}`,
  );
  const q = report.work_queue;
  out.push(
    `Work items (last ${q.window.days} days): ${formatCount(q.total)}${q.total > 0 ? ` (${q.statuses.map((s) => `${stderrText(s)} ${formatCount(q.totals[s] ?? 0)}`).join(', ')})` : ''}`,
  );
  out.push(`Fixity: days since the last check of ${formatCount(report.fixity.files)} active files`);
  out.push(...lines(report.fixity.buckets.map((b) => [b.label, formatCount(b.files)] as [string, string])));
  const failed = report.fixity.failed_events;
  out.push(`Failed fixity checks (last ${failed.window.days} days): ${formatCount(failed.total)}`);
  out.push(`Open problems (last ${report.problems.window.days} days): ${formatCount(report.problems.total)}`);
  return `${out.join('\n')}\n`;
}
