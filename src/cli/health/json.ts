// The health report as JSON, bigints written as plain integers, digit for digit (JSON.stringify
// refuses a bigint, and a double would round sums past 2^53 bytes). Strings go through
// JSON.stringify, so they are escaped exactly as everywhere else in the CLI.

function write(value: unknown, indent: string, out: string[]): void {
  if (typeof value === 'bigint') {
    out.push(value.toString());
    return;
  }
  if (value === null || value === undefined || typeof value !== 'object') {
    out.push(JSON.stringify(value ?? null) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.push('[]');
      return;
    }
    out.push('[');
    value.forEach((item, i) => {
      out.push(`${i === 0 ? '' : ','}\n${inner}`);
      write(item, inner, out);
    });
    out.push(`\n${indent}]`);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    out.push('{}');
    return;
  }
  out.push('{');
  entries.forEach(([key, item], i) => {
    out.push(`${i === 0 ? '' : ','}\n${inner}${JSON.stringify(key)}: `);
    write(item, inner, out);
  });
  out.push(`\n${indent}}`);
}

/** Pretty-printed (two spaces, like JSON.stringify(v, null, 2)), with bigints as integers. */
export function healthJson(value: unknown): string {
  const out: string[] = [];
  write(value, '', out);
  return out.join('');
}
