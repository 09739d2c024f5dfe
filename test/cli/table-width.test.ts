// Table widths are terminal columns, not code points: CJK and emoji take two, a combining accent
// none, so columns line up; a cut never splits a wide character, a surrogate pair or a sequence.
import { Writable } from 'node:stream';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { recordTableSink, tableSink } from '../../src/cli/output/table-sink.js';
import { fitCell, fitWidths, formatRow, textWidth } from '../../src/cli/output/table-layout.js';

function sink() {
  let text = '';
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      text += String(chunk);
      callback();
    },
  });
  return { out, text: () => text };
}

/** Display columns at which each cell starts, found from the known cell texts. */
function starts(line: string, cells: readonly string[]): number[] {
  let from = 0;
  return cells.map((cell) => {
    const at = line.indexOf(cell, from);
    expect(at, `${cell} in ${line}`).toBeGreaterThanOrEqual(0);
    from = at + cell.length;
    return stringWidth(line.slice(0, at));
  });
}

describe('table widths', () => {
  it('measures display width: CJK and emoji 2, combining marks 0, ASCII 1', () => {
    expect(textWidth('abc')).toBe(3);
    expect(textWidth('日本語')).toBe(6);
    expect(textWidth('😀')).toBe(2);
    expect(textWidth('👨‍👩‍👧')).toBe(2);
    expect(textWidth('e\u0301')).toBe(1);
  });

  it('columns line up with CJK and emoji identifiers', async () => {
    const { out, text } = sink();
    const table = tableSink(out, ['id', 'identifier', 'state'], { width: 120, color: false });
    const rows = [
      { id: 1, identifier: 'example.edu/日本語', state: 'A' },
      { id: 22, identifier: 'example.edu/plain', state: 'D' },
      { id: 333, identifier: 'example.edu/😀🎉', state: 'A' },
      { id: 4, identifier: 'example.edu/café\u0301', state: 'A' },
    ];
    for (const row of rows) await table.write(row);
    await table.end();
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const header = starts(lines[0], ['id', 'identifier', 'state']);
    rows.forEach((row, i) => {
      expect(starts(lines[i + 1], [String(row.id), row.identifier, row.state])).toEqual(header);
    });
  });

  it('cuts by display width, never splitting a wide character or a surrogate pair', () => {
    for (let width = 1; width <= 9; width += 1) {
      for (const text of ['日本語のファイル名', '😀😀😀😀😀😀', 'ab日本語cd', '👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧']) {
        const cell = fitCell(text, width);
        expect(stringWidth(cell), `${text} at ${width}`).toBe(width);
        expect(cell.endsWith('…') || cell.trimEnd().endsWith('…')).toBe(true);
        // No lone surrogate: the cut text is well-formed UTF-16.
        expect(cell).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
        expect(text.startsWith(cell.trimEnd().replace(/…$/, ''))).toBe(true);
      }
    }
    expect(fitCell('日本語のファイル名', 6)).toBe('日本… ');
    expect(fitCell('ab日本語cd', 5)).toBe('ab日…');
  });

  it('pads by display width, and fitWidths takes natural display widths', () => {
    expect(fitCell('日本', 6)).toBe('日本  ');
    expect(fitWidths(['name'], [['日本語']], 80)).toEqual([6]);
    expect(formatRow(['日本語', 'x'], [6, 1])).toBe('日本語  x');
  });

  it('get: the value column is cut by display width too', async () => {
    const { out, text } = sink();
    const table = recordTableSink(out, ['id', 'identifier'], { width: 40, color: false });
    await table.write({ id: 1, identifier: '日本語'.repeat(10) });
    const lines = text().trimEnd().split('\n');
    expect(lines[1]).toMatch(/^identifier {2}日本語.*…$/);
    expect(stringWidth(lines[1])).toBeLessThanOrEqual(40); // 39: a wide character does not fit the last column
    expect(stringWidth(lines[1])).toBeGreaterThanOrEqual(39);
  });
});
