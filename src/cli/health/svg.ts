// Column charts as inline SVG, written by one small pure function: plain bars (objects per
// month), stacked bars (work items per period and status) and a histogram (files by days since
// their last fixity check) are all columns of segments. Our own ~100 lines rather than a bundled
// charting library: the page needs three kinds of bar, no interaction and no script (so its
// Content-Security-Policy can forbid scripts altogether), and every string in it goes through
// escapeHtml; a library would add some hundred kilobytes of script to audit and to trust with
// hostile names.
//
// Every data bar is a <rect class="bar"> with data-key / data-series / data-value and a <title>
// (the browser's tooltip), so a test or a screen reader can read the numbers off the chart; the
// chart as a whole is role="img" with a <title> and a <desc>, and the page puts the same numbers
// in a table beside it.
import { escapeHtml } from './escape.js';
import { formatCount } from '../numbers.js';

export interface Segment {
  series: string;
  value: number;
  /** The bar's tooltip. */
  title: string;
}

export interface ChartColumn {
  key: string;
  /** The label under the column, if it gets one. */
  label?: string;
  segments: Segment[];
}

export interface ChartSpec {
  id: string;
  title: string;
  desc: string;
  columns: ChartColumn[];
  /** Fill per series; series not named get the first colour. */
  colors: Record<string, string>;
  /** Tick labels on the value axis. */
  formatValue?: (value: number) => string;
  /** Draw a bar for a zero segment too (a histogram's empty bucket), flat on the axis. */
  drawZero?: boolean;
}

const WIDTH = 760;
const HEIGHT = 260;
const LEFT = 72;
const RIGHT = 12;
const TOP = 12;
const BOTTOM = 44;

/** 1, 2, 5 × 10^n: the smallest such at or above `max`, so the top gridline is a round number. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

const fixed = (n: number) => (Math.round(n * 100) / 100).toString();

export function columnChart(spec: ChartSpec): string {
  const format = spec.formatValue ?? ((v: number) => formatCount(v));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const max = niceMax(Math.max(0, ...spec.columns.map((c) => c.segments.reduce((sum, s) => sum + Math.max(0, s.value), 0))));
  const slot = plotWidth / Math.max(1, spec.columns.length);
  const barWidth = Math.max(1, slot * 0.8);
  const y = (value: number) => TOP + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [];
  const titleId = `${spec.id}-title`;
  const descId = `${spec.id}-desc`;
  parts.push(
    `<svg id="${escapeHtml(spec.id)}" class="chart" role="img" aria-labelledby="${escapeHtml(titleId)} ${escapeHtml(descId)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${escapeHtml(titleId)}">${escapeHtml(spec.title)}</title>`,
    `<desc id="${escapeHtml(descId)}">${escapeHtml(spec.desc)}</desc>`,
  );
  // Gridlines at 0, half and the top, labelled.
  for (const fraction of [0, 0.5, 1]) {
    const value = max * fraction;
    const at = fixed(y(value));
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at}" y2="${at}"/>`,
      `<text class="tick" x="${LEFT - 6}" y="${at}" text-anchor="end" dominant-baseline="middle">${escapeHtml(format(value))}</text>`,
    );
  }
  spec.columns.forEach((column, i) => {
    const x = LEFT + i * slot + (slot - barWidth) / 2;
    let base = 0;
    for (const segment of column.segments) {
      const value = Math.max(0, segment.value);
      if (value === 0 && !spec.drawZero) continue;
      const top = y(base + value);
      const height = y(base) - top;
      parts.push(
        `<rect class="bar" x="${fixed(x)}" y="${fixed(top)}" width="${fixed(barWidth)}" height="${fixed(height)}" fill="${escapeHtml(spec.colors[segment.series] ?? Object.values(spec.colors)[0] ?? '#1f5f99')}" data-key="${escapeHtml(column.key)}" data-series="${escapeHtml(segment.series)}" data-value="${escapeHtml(segment.value)}"><title>${escapeHtml(segment.title)}</title></rect>`,
      );
      base += value;
    }
    if (column.label !== undefined) {
      parts.push(
        `<text class="label" x="${fixed(LEFT + i * slot + slot / 2)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${escapeHtml(column.label)}</text>`,
      );
    }
  });
  parts.push(`<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${fixed(y(0))}" y2="${fixed(y(0))}"/>`, '</svg>');
  return parts.join('\n');
}
