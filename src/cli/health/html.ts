// The health report as one self-contained HTML page: inline CSS, inline SVG charts (svg.ts), no
// script, no font, no image, nothing fetched. Its Content-Security-Policy says so to the browser
// too (default-src 'none'), so even a bug that let markup through could not load anything.
// Readable without JavaScript and by screen readers: real tables with captions and scoped
// headers, and each chart an image with a title and description and its numbers in a table.
// Links go to the Registry's own web pages (same origin as the API), built from ids only.
import { VERSION } from '../../index.js';
import { MAX_KEYS, OTHER } from './aggregate.js';
import { escapeHtml, formatBytes } from './escape.js';
import { formatCount } from '../numbers.js';
import type { HealthReport, MonthRow, RowsSection } from './model.js';
import { columnChart } from './svg.js';
import type { ChartColumn } from './svg.js';

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Status colours: distinguishable, and never the only carrier of meaning (legend and tables say it). */
const STATUS_COLORS: Record<string, string> = {
  Pending: '#5b8def',
  Started: '#00838f',
  Success: '#2e7d32',
  Failed: '#c62828',
  Cancelled: '#6d6d6d',
  Suspended: '#ef6c00',
};
const EXTRA_COLORS = ['#6a1b9a', '#8d6e63', '#ad1457', '#283593', '#9e9d24'];
const BAR = '#1f5f99';

const STYLE = `
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; background: #fff; margin: 0; }
main { max-width: 1000px; margin: 0 auto; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; } h2 { font-size: 1.25em; margin: 32px 0 8px; border-bottom: 2px solid #e3e3e3; padding-bottom: 4px; }
h3 { font-size: 1.05em; margin: 20px 0 6px; }
.meta { color: #555; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; padding: 0; list-style: none; }
.cards li { border: 1px solid #d9d9d9; border-radius: 6px; padding: 10px 14px; min-width: 150px; }
.cards b { display: block; font-size: 1.35em; }
table { border-collapse: collapse; margin: 8px 0 16px; font-size: 0.92em; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #d9d9d9; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f3f5f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
/* break-word, not anywhere: a short word (Cleanup, Suspended) is never split to squeeze a column; only a
   word longer than the cell (a long identifier) is. */
td.text { overflow-wrap: break-word; max-width: 28em; }
/* Identifiers and bag names are long tokens with few break points: they may break anywhere, so
   one file path does not push the table past the page. */
td.ident { overflow-wrap: anywhere; max-width: 24em; }
.wide { overflow-x: auto; }
.chart { display: block; max-width: 760px; }
.chart .grid { stroke: #e6e6e6; } .chart .axis { stroke: #555; }
.chart text { font-size: 11px; fill: #444; }
.legend { list-style: none; padding: 0; margin: 4px 0; display: flex; flex-wrap: wrap; gap: 14px; }
.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px; border-radius: 2px; }
details { margin: 4px 0 16px; } summary { cursor: pointer; color: #1f5f99; }
.note { color: #555; font-size: 0.92em; }
.empty { color: #555; font-style: italic; }
a { color: #1f5f99; }
`;

function statusColors(statuses: readonly string[]): Record<string, string> {
  let extra = 0;
  return Object.fromEntries(statuses.map((s) => [s, STATUS_COLORS[s] ?? EXTRA_COLORS[extra++ % EXTRA_COLORS.length]]));
}

/** A link to the Registry's web page for a record, when the id is a real one; else the text alone. */
function recordLink(origin: string, page: string, id: unknown, text: string): string {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return escapeHtml(text);
  return `<a href="${escapeHtml(`${origin}/${page}/show/${id}`)}" rel="noreferrer">${escapeHtml(text)}</a>`;
}

function bytesCell(bytes: bigint | number): string {
  return `<td class="num" title="${escapeHtml(`${formatCount(bytes)} bytes`)}">${escapeHtml(formatBytes(bytes))}</td>`;
}

const num = (n: number | bigint) => `<td class="num">${escapeHtml(formatCount(n))}</td>`;
const text = (value: unknown) => `<td class="text">${escapeHtml(value)}</td>`;
const ident = (value: unknown) => `<td class="ident">${escapeHtml(value)}</td>`;

interface TableSpec {
  caption: string;
  head: { label: string; numeric?: boolean }[];
  rows: string[][];
  foot?: string[];
}

/** A data table: caption, column headers scoped to columns, the first cell of each row its header. */
function table(spec: TableSpec): string {
  const head = spec.head.map((h) => `<th scope="col"${h.numeric ? ' class="num"' : ''}>${escapeHtml(h.label)}</th>`).join('');
  const row = (cells: string[]) => `<tr>${cells.join('')}</tr>`;
  return [
    `<div class="wide"><table><caption>${escapeHtml(spec.caption)}</caption>`,
    `<thead><tr>${head}</tr></thead>`,
    `<tbody>${spec.rows.map(row).join('\n')}</tbody>`,
    spec.foot ? `<tfoot>${row(spec.foot)}</tfoot>` : '',
    '</table></div>',
  ].join('\n');
}

/** A row header cell (the row's name). */
const rowHead = (value: unknown) => `<th scope="row">${escapeHtml(value)}</th>`;

function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n${body}\n</details>`;
}

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
const monthOf = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
/** A continuous time axis when the months span at most this many; else one column per month with objects. */
const MAX_MONTH_SLOTS = 600;

/** The month columns: every month from the first to the last (empty ones have no bar), labelled by year. */
function monthColumns(months: readonly MonthRow[], value: (m: MonthRow) => number, title: (m: MonthRow) => string): ChartColumn[] {
  const dated = months.filter((m) => /^\d{4}-\d{2}$/.test(m.month));
  const byMonth = new Map(dated.map((m) => [m.month, m]));
  let keys: string[];
  if (dated.length === 0) keys = [];
  else {
    const first = monthIndex(dated[0].month);
    const last = monthIndex(dated[dated.length - 1].month);
    keys =
      last - first < MAX_MONTH_SLOTS ? Array.from({ length: last - first + 1 }, (_, i) => monthOf(first + i)) : dated.map((m) => m.month);
  }
  const years = new Set(keys.map((k) => k.slice(0, 4)));
  const labelEvery = Math.max(1, Math.ceil(years.size / 12));
  const labelled = new Set<string>();
  return keys.map((key) => {
    const year = key.slice(0, 4);
    let label: string | undefined;
    if (!labelled.has(year)) {
      labelled.add(year);
      if ((labelled.size - 1) % labelEvery === 0) label = year;
    }
    const row = byMonth.get(key);
    return { key, label, segments: row ? [{ series: 'value', value: value(row), title: title(row) }] : [] };
  });
}

function storageSection(report: HealthReport): string {
  const { storage } = report;
  const body =
    storage.options.length === 0
      ? '<p class="empty">No active files.</p>'
      : table({
          caption: 'Active files (state A) by storage option, most bytes first',
          head: [{ label: 'Storage option' }, { label: 'Files', numeric: true }, { label: 'Size', numeric: true }],
          rows: storage.options.map((o) => [rowHead(o.storage_option), num(o.files), bytesCell(o.bytes)]),
          foot: [rowHead('Total'), num(storage.files), bytesCell(storage.bytes)],
        });
  return `<section aria-labelledby="storage-h"><h2 id="storage-h">Storage</h2>\n${body}</section>`;
}

function ingestSection(report: HealthReport): string {
  const { ingests } = report;
  const months = ingests.months;
  let body: string;
  if (months.length === 0) body = '<p class="empty">No active objects.</p>';
  else {
    const span = `${months[0].month} to ${months[months.length - 1].month}`;
    const objectsChart = columnChart({
      id: 'chart-ingest-objects',
      title: 'Objects ingested per month',
      desc: `Active objects by the month they were created, ${span}: ${formatCount(ingests.objects)} objects in ${formatCount(months.length)} months with ingests. The numbers are in the table below.`,
      columns: monthColumns(
        months,
        (m) => m.objects,
        (m) => `${m.month}: ${formatCount(m.objects)} ${m.objects === 1 ? 'object' : 'objects'}`,
      ),
      colors: { value: BAR },
    });
    const bytesChart = columnChart({
      id: 'chart-ingest-bytes',
      title: 'Bytes ingested per month',
      desc: `The size of those objects by month, ${span}: ${formatBytes(ingests.bytes)} in all. The numbers are in the table below.`,
      columns: monthColumns(
        months,
        (m) => Number(m.bytes),
        (m) => `${m.month}: ${formatBytes(m.bytes)}`,
      ),
      colors: { value: '#00838f' },
      formatValue: (v) => formatBytes(Math.round(v)),
    });
    body = [
      '<h3>Objects per month</h3>',
      objectsChart,
      '<h3>Bytes per month</h3>',
      bytesChart,
      details(
        'Objects and bytes per month, as a table',
        table({
          caption: 'Active objects by month of created_at (UTC); months without ingests are left out',
          head: [{ label: 'Month' }, { label: 'Objects', numeric: true }, { label: 'Size', numeric: true }],
          rows: months.map((m) => [rowHead(m.month), num(m.objects), bytesCell(m.bytes)]),
          foot: [rowHead('Total'), num(ingests.objects), bytesCell(ingests.bytes)],
        }),
      ),
    ].join('\n');
  }
  return `<section aria-labelledby="ingest-h"><h2 id="ingest-h">Ingests</h2>\n${body}</section>`;
}

function workQueueSection(report: HealthReport): string {
  const q = report.work_queue;
  const colors = statusColors(q.statuses);
  const per = q.period === 'day' ? 'day' : 'week (Monday to Sunday, UTC)';
  const heading = `Work queue: the last ${formatCount(q.window.days)} days`;
  const window = `Work items with date_processed on or after ${q.window.from}, per ${per}.`;
  let body: string;
  if (q.total === 0) body = `<p class="note">${escapeHtml(window)}</p><p class="empty">No work items processed in this window.</p>`;
  else {
    const labelEvery = Math.max(1, Math.ceil(q.periods.length / 8));
    const chart = columnChart({
      id: 'chart-work-queue',
      title: `Work items per ${q.period}, by status`,
      desc: `${window} ${q.statuses.map((s) => `${s}: ${formatCount(q.totals[s] ?? 0)}`).join(', ')}; ${formatCount(q.total)} in all. The numbers are in the table below.`,
      columns: q.periods.map((p, i) => ({
        key: p.start,
        label: i % labelEvery === 0 ? p.start : undefined,
        segments: q.statuses.map((s) => ({
          series: s,
          value: p.statuses[s] ?? 0,
          title: `${q.period === 'day' ? p.start : `${p.start} to ${p.end}`}: ${formatCount(p.statuses[s] ?? 0)} ${s}`,
        })),
      })),
      colors,
    });
    const legend = `<ul class="legend" aria-label="Statuses">${q.statuses
      .map(
        (s) =>
          `<li><span class="swatch" style="background:${escapeHtml(colors[s])}"></span>${escapeHtml(s)} (${escapeHtml(formatCount(q.totals[s] ?? 0))})</li>`,
      )
      .join('')}</ul>`;
    body = [
      `<p class="note">${escapeHtml(window)}</p>`,
      legend,
      chart,
      details(
        `Work items per ${q.period} and status, as a table`,
        table({
          caption: `Work items per ${per} and status`,
          head: [
            { label: q.period === 'day' ? 'Day' : 'Week' },
            ...q.statuses.map((s) => ({ label: s, numeric: true })),
            { label: 'Total', numeric: true },
          ],
          rows: q.periods.map((p) => [
            rowHead(q.period === 'day' ? p.start : `${p.start} to ${p.end}`),
            ...q.statuses.map((s) => num(p.statuses[s] ?? 0)),
            num(p.total),
          ]),
          foot: [rowHead('Total'), ...q.statuses.map((s) => num(q.totals[s] ?? 0)), num(q.total)],
        }),
      ),
    ].join('\n');
  }
  return `<section aria-labelledby="queue-h"><h2 id="queue-h">${escapeHtml(heading)}</h2>\n${body}</section>`;
}

function truncationNote(section: RowsSection<unknown>, command: string): string {
  if (!section.truncated) return '';
  return `<p class="note">Showing the newest ${formatCount(section.rows.length)} of ${formatCount(section.total)}: <code>${escapeHtml(command)}</code> lists them all.</p>`;
}

function fixitySection(report: HealthReport): string {
  const { fixity } = report;
  const origin = report.registry;
  const histogram =
    fixity.files === 0
      ? '<p class="empty">No active files.</p>'
      : [
          columnChart({
            id: 'chart-fixity',
            title: 'Active files by days since their last fixity check',
            desc: `${fixity.buckets.map((b) => `${b.label}: ${formatCount(b.files)}`).join(', ')}; ${formatCount(fixity.files)} files in all. The numbers are in the table below.`,
            columns: fixity.buckets.map((b) => ({
              key: b.label,
              label: b.label,
              segments: [
                { series: 'files', value: b.files, title: `${b.label}: ${formatCount(b.files)} ${b.files === 1 ? 'file' : 'files'}` },
              ],
            })),
            colors: { files: '#5e35b1' },
            drawZero: true,
          }),
          details(
            'Files by days since their last fixity check, as a table',
            table({
              caption: `Active files by days since their last fixity check, at ${report.generated_at}`,
              head: [{ label: 'Last checked' }, { label: 'Files', numeric: true }],
              rows: fixity.buckets.map((b) => [rowHead(b.label), num(b.files)]),
              foot: [rowHead('Total'), num(fixity.files)],
            }),
          ),
        ].join('\n');
  const failed = fixity.failed_events;
  const window = `Fixity checks that failed, with date_time on or after ${failed.window.from} (the last ${formatCount(failed.window.days)} days), newest first.`;
  const events =
    failed.total === 0
      ? `<p class="note">${escapeHtml(window)}</p><p class="empty">No failed fixity checks in this window.</p>`
      : [
          `<p class="note">${escapeHtml(window)}</p>`,
          truncationNote(failed, `aptrust-registry report failed-fixity --days ${failed.window.days}`),
          table({
            caption: `Failed fixity checks: ${formatCount(failed.total)}`,
            head: [{ label: 'Event' }, { label: 'Date' }, { label: 'Object' }, { label: 'File' }, { label: 'Detail' }],
            rows: failed.rows.map((e) => [
              `<th scope="row">${recordLink(origin, 'events', e.id, String(e.id))}</th>`,
              `<td class="num">${escapeHtml(e.date_time)}</td>`,
              `<td class="ident">${recordLink(origin, 'objects', e.intellectual_object_id, String(e.intellectual_object_identifier ?? ''))}</td>`,
              `<td class="ident">${recordLink(origin, 'files', e.generic_file_id, String(e.generic_file_identifier ?? ''))}</td>`,
              ident(e.outcome_detail),
            ]),
          }),
        ].join('\n');
  return `<section aria-labelledby="fixity-h"><h2 id="fixity-h">Fixity</h2>\n<h3>Days since the last check</h3>\n${histogram}\n<h3 id="failed-fixity-h">Failed fixity checks</h3>\n${events}</section>`;
}

function problemsSection(report: HealthReport): string {
  const p = report.problems;
  const origin = report.registry;
  const window = `Work items Failed, Cancelled or Suspended, or needing admin review, with date_processed on or after ${p.window.from} (the last ${formatCount(p.window.days)} days), newest first.`;
  const body =
    p.total === 0
      ? `<p class="note">${escapeHtml(window)}</p><p class="empty">No open problems in this window.</p>`
      : [
          `<p class="note">${escapeHtml(window)}</p>`,
          truncationNote(p, `aptrust-registry report problems --days ${p.window.days}`),
          table({
            caption: `Open problems: ${formatCount(p.total)} work items`,
            head: ['Item', 'Name', 'Action', 'Stage', 'Status', 'Outcome', 'Note', 'Admin review', 'Processed', 'Object'].map((label) => ({
              label,
            })),
            rows: p.rows.map((r) => [
              `<th scope="row">${recordLink(origin, 'work_items', r.id, String(r.id))}</th>`,
              ident(r.name),
              text(r.action),
              text(r.stage),
              text(r.status),
              text(r.outcome),
              text(r.note),
              text(r.needs_admin_review === true ? 'yes' : 'no'),
              `<td class="num">${escapeHtml(r.date_processed)}</td>`,
              `<td>${typeof r.intellectual_object_id === 'number' && r.intellectual_object_id > 0 ? recordLink(origin, 'objects', r.intellectual_object_id, `object ${r.intellectual_object_id}`) : ''}</td>`,
            ]),
          }),
        ].join('\n');
  return `<section aria-labelledby="problems-h"><h2 id="problems-h">Open problems</h2>\n${body}</section>`;
}

function cards(report: HealthReport): string {
  const card = (label: string, value: string) => `<li>${escapeHtml(label)}<b>${escapeHtml(value)}</b></li>`;
  return `<ul class="cards" aria-label="Summary">${[
    card('Active files', formatCount(report.storage.files)),
    card('Stored', formatBytes(report.storage.bytes)),
    card('Active objects', formatCount(report.ingests.objects)),
    card(`Work items, ${report.work_queue.window.days} days`, formatCount(report.work_queue.total)),
    card(`Failed fixity, ${report.fixity.failed_events.window.days} days`, formatCount(report.fixity.failed_events.total)),
    card(`Open problems, ${report.problems.window.days} days`, formatCount(report.problems.total)),
  ].join('')}</ul>`;
}

/** The whole page. Pure: the same report gives the same bytes. */
export function healthHtml(report: HealthReport): string {
  const other = report.storage.options.some((o) => o.storage_option === OTHER) || report.work_queue.statuses.includes(OTHER);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`Registry health: ${report.registry}, ${report.generated_at.slice(0, 10)}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Holding health</h1>
<p class="meta">${escapeHtml(`Registry ${report.registry}, as of ${report.generated_at} (UTC).`)}</p>
${cards(report)}
${storageSection(report)}
${ingestSection(report)}
${workQueueSection(report)}
${fixitySection(report)}
${problemsSection(report)}
${other ? `<p class="note">${escapeHtml(`${OTHER} counts values past the first ${formatCount(MAX_KEYS)} distinct ones.`)}</p>` : ''}
<footer class="note"><p>${escapeHtml(`Made by aptrust-registry ${VERSION} (report health). The numbers behind this page: aptrust-registry report health --format json.`)}</p></footer>
</main>
</body>
</html>
`;
}
