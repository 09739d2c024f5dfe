// The health page's renderer on a hand-made report full of hostile strings: everything the server
// sent is text (no markup, no attribute breakout, no link but to a numeric id on the Registry's
// origin), the page fetches nothing (a CSP that forbids it, no element that loads anything), and
// its structure is accessible: captions and scoped headers, each chart an image with a title, a
// description and a table of its numbers. Also the exact number formats.
import { describe, expect, it } from 'vitest';
import { escapeHtml, formatBytes } from '../../src/cli/health/escape.js';
import { formatCount } from '../../src/cli/numbers.js';
import { CSP, healthHtml } from '../../src/cli/health/html.js';
import { healthText } from '../../src/cli/health/text.js';
import { columnChart, niceMax } from '../../src/cli/health/svg.js';
import { HOSTILE_NAME, HOSTILE_NOTE, HOSTILE_OPTION, hostileReport } from './health-fixture.js';

const page = healthHtml(hostileReport());
/** The markup of the element with this id, up to its closing tag. */
const element = (id: string, tag: string) => {
  const start = page.indexOf(`<${tag} id="${id}"`);
  expect(start, id).toBeGreaterThanOrEqual(0);
  return page.slice(start, page.indexOf(`</${tag}>`, start));
};
const count = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].length;

describe('escaping', () => {
  it('escapeHtml: the five characters, and control characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u0007c\td\ne')).toBe('a\ufffdb\ufffdc\td\ne');
    expect(escapeHtml(undefined)).toBe('');
    expect(escapeHtml(12)).toBe('12');
  });

  it('a bag named <script>…, a storage option that breaks out of an attribute, a note that closes the table: all text', () => {
    expect(page).not.toMatch(/<script|<img|<iframe|<b>Odd/i);
    expect(page).toContain(escapeHtml(HOSTILE_NAME));
    expect(page).toContain(escapeHtml(HOSTILE_OPTION));
    expect(page).toContain(escapeHtml(HOSTILE_NOTE));
    expect(page).toContain('data-series="&lt;b&gt;Odd&lt;/b&gt;"');
    expect(page).toContain('bad\ufffdbell');
  });

  it('links go to the Registry’s pages for numeric ids only; no javascript: URL, no link for id 0', () => {
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]);
    expect(hrefs.sort()).toEqual(
      [
        'https://repo.aptrust.org/events/show/77',
        'https://repo.aptrust.org/objects/show/5',
        'https://repo.aptrust.org/objects/show/9',
        'https://repo.aptrust.org/work_items/show/101',
        'https://repo.aptrust.org/work_items/show/102',
      ].sort(),
    );
    expect(page).not.toContain('javascript:');
    expect(count(page, /<a href=[^>]*rel="noreferrer"/g)).toBe(5);
  });
});

describe('a page that fetches nothing', () => {
  it('declares a CSP that forbids every load (no script at all), and has no element that loads anything', () => {
    expect(CSP).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'");
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(CSP)}">`);
    expect(page).not.toMatch(/<(script|link|img|iframe|object|embed|audio|video|source|base|form)\b/i);
    // Every tag in the page is ours (server text is escaped): none has an attribute that loads.
    const tags = [...page.matchAll(/<[a-z][^>]*>/gi)].map((m) => m[0]);
    expect(tags.length).toBeGreaterThan(100);
    expect(
      tags.filter(
        (t) => /\s(src|srcset|href|xlink:href|data|poster|action)=/i.test(t) && !/^<a href="https:\/\/repo\.aptrust\.org\//.test(t),
      ),
    ).toEqual([]);
    expect(page).not.toMatch(/url\(|@import/i);
  });
});

describe('charts: one bar per value, text alternatives', () => {
  it('objects and bytes per month: one bar per month with objects, a continuous axis (the empty February has none)', () => {
    for (const id of ['chart-ingest-objects', 'chart-ingest-bytes']) {
      const svg = element(id, 'svg');
      expect(count(svg, /<rect class="bar"/g)).toBe(3);
      expect([...svg.matchAll(/data-key="([^"]+)"/g)].map((m) => m[1])).toEqual(['2026-01', '2026-03', '2026-04']);
    }
    expect(element('chart-ingest-objects', 'svg')).toContain('data-value="3"><title>2026-03: 3 objects</title>');
    expect(element('chart-ingest-bytes', 'svg')).toContain('data-value="2000000000"><title>2026-04: 2.00 GB</title>');
  });

  it('work queue: a stacked segment per status with items in a week, none for an empty week', () => {
    const svg = element('chart-work-queue', 'svg');
    expect(count(svg, /<rect class="bar"/g)).toBe(4);
    expect(svg).toContain('data-key="2026-08-31" data-series="Failed" data-value="1"');
    expect(page).toContain('Success (3)');
  });

  it('fixity: one bar per bucket, empty buckets flat on the axis', () => {
    const svg = element('chart-fixity', 'svg');
    expect(count(svg, /<rect class="bar"/g)).toBe(7);
    expect(count(svg, /height="0"/g)).toBe(3);
  });

  it('each chart is role="img", labelled by its own <title> and <desc>, with its numbers in a table', () => {
    const charts = [...page.matchAll(/<svg id="([^"]+)"[^>]*>/g)];
    expect(charts.map((m) => m[1])).toEqual(['chart-ingest-objects', 'chart-ingest-bytes', 'chart-work-queue', 'chart-fixity']);
    for (const [tag, id] of charts) {
      expect(tag).toContain(`role="img" aria-labelledby="${id}-title ${id}-desc"`);
      expect(page).toContain(`<title id="${id}-title">`);
      expect(page).toContain(`<desc id="${id}-desc">`);
    }
    expect(count(page, /<details><summary>/g)).toBe(3);
  });
});

describe('tables', () => {
  it('every table has a caption, column headers scoped to columns and a row header per row', () => {
    const tables = page.split('<table>').slice(1);
    expect(tables).toHaveLength(6);
    for (const t of tables) {
      expect(t.startsWith('<caption>')).toBe(true);
      expect(t).toContain('<th scope="col"');
      const rows = count(t.slice(t.indexOf('<tbody>')), /<tr>/g);
      expect(count(t.slice(t.indexOf('<tbody>')), /<th scope="row">/g)).toBe(rows);
    }
  });

  it('problems: one row per kept record, and a note that the table is cut', () => {
    const problems = page.slice(page.indexOf('<h2 id="problems-h">'));
    expect(count(problems.slice(problems.indexOf('<tbody>'), problems.indexOf('</tbody>')), /<tr>/g)).toBe(2);
    expect(problems).toContain('Showing the newest 2 of 3: <code>aptrust-registry report problems --days 30</code> lists them all.');
  });

  it('sizes: human units in the cell, the exact bytes in its title; counts with separators', () => {
    expect(page).toContain('<td class="num" title="18,014,398,509,481,985 bytes">18.0 PB</td>');
    expect(page).toContain('<td class="num" title="985 bytes">985 bytes</td>');
  });
});

describe('formats', () => {
  it('formatBytes: decimal units, three significant digits; formatCount: thousands separators, exact for bigints', () => {
    expect([0, 1, 999, 1000, 1234, 56_789, 999_499, 1_500_000, 3_210_000_000_000].map(formatBytes)).toEqual([
      '0 bytes',
      '1 byte',
      '999 bytes',
      '1.00 KB',
      '1.23 KB',
      '56.8 KB',
      '999 KB',
      '1.50 MB',
      '3.21 TB',
    ]);
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(formatCount(18014398509481985n)).toBe('18,014,398,509,481,985');
  });

  it('niceMax: the top gridline is 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 10, 11, 99, 101, 2001].map(niceMax)).toEqual([1, 1, 5, 10, 10, 20, 100, 200, 5000]);
  });

  it('columnChart escapes its id, titles and series too', () => {
    const svg = columnChart({
      id: 'a"b',
      title: '<t>',
      desc: '<d>',
      columns: [{ key: '<k>', label: '<l>', segments: [{ series: '<s>', value: 1, title: '<x>' }] }],
      colors: { '<s>': 'red" onload="x' },
    });
    expect(svg).not.toMatch(/<(t|d|k|l|s|x)>/);
    expect(svg).toContain('fill="red&quot; onload=&quot;x"');
  });

  it('the text summary', () => {
    const text = healthText(hostileReport());
    expect(text).toContain('Storage: 5 active files, 18.0 PB');
    expect(text).toContain('Work items (last 90 days): 5 (Success 3, Failed 1, <b>Odd</b> 1)');
    expect(text).toContain('Open problems (last 30 days): 3');
  });
});
