// table: for a person at a terminal. Widths come from the first rows (up to LAYOUT_ROWS), then
// rows stream with those widths, so a long --all crawl still uses constant memory.
import type { Writable } from 'node:stream';
import { writeOut } from '../io.js';
import type { CliRecord } from '../resources.js';
import { displayText } from './cell.js';
import type { RecordSink } from './sink.js';
import { fitWidths, formatRow, textWidth, fitCell } from './table-layout.js';

const LAYOUT_ROWS = 200;

export interface TableOptions {
  width: number;
  color: boolean;
}

export function tableSink(out: Writable, columns: readonly string[], options: TableOptions): RecordSink {
  let pending: string[][] | undefined = [];
  let widths: number[] = [];
  const cells = (record: CliRecord) => columns.map((c) => displayText(record[c]));
  const flushLayout = async () => {
    const rows = pending ?? [];
    pending = undefined;
    widths = fitWidths(columns, rows, options.width);
    const header = formatRow(columns, widths);
    let text = `${options.color ? `\u001b[1m${header}\u001b[22m` : header}\n`;
    for (const row of rows) text += `${formatRow(row, widths)}\n`;
    await writeOut(out, text);
  };
  return {
    async write(record) {
      if (pending) {
        pending.push(cells(record));
        if (pending.length >= LAYOUT_ROWS) await flushLayout();
      } else {
        await writeOut(out, `${formatRow(cells(record), widths)}\n`);
      }
    },
    async end() {
      // No rows: no header either (a lone header row reads like a broken listing); the command
      // says "no … found" on stderr instead.
      if (pending && pending.length === 0) return;
      if (pending) await flushLayout();
    },
  };
}

/** get: one record as "field  value" lines, values cut to the terminal width. */
export function recordTableSink(out: Writable, fields: readonly string[], options: TableOptions): RecordSink {
  return {
    async write(record) {
      const keyWidth = Math.max(...fields.map(textWidth));
      const valueWidth = Math.max(10, options.width - keyWidth - 2);
      const lines = fields.map((field) => {
        const key = options.color ? `\u001b[1m${fitCell(field, keyWidth)}\u001b[22m` : fitCell(field, keyWidth);
        const value = displayText(record[field]);
        return `${key}  ${textWidth(value) > valueWidth ? fitCell(value, valueWidth) : value}`.trimEnd();
      });
      await writeOut(out, `${lines.join('\n')}\n`);
    },
    async end() {},
  };
}
