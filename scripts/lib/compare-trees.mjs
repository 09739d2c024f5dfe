// Compare two folders file by file: which files changed, which only one side has.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function listFiles(dir, prefix = '') {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else files.push(rel);
  }
  return files;
}

/** `added`: only in `fresh` (regeneration would create it); `removed`: only in `current`. */
export async function compareTrees(current, fresh) {
  const [a, b] = await Promise.all([listFiles(current), listFiles(fresh)]);
  const inFresh = new Set(b);
  const inCurrent = new Set(a);
  const changed = [];
  for (const file of a) {
    if (!inFresh.has(file)) continue;
    const [x, y] = await Promise.all([readFile(path.join(current, file)), readFile(path.join(fresh, file))]);
    if (!x.equals(y)) changed.push(file);
  }
  return {
    changed: changed.sort(),
    added: b.filter((f) => !inCurrent.has(f)).sort(),
    removed: a.filter((f) => !inFresh.has(f)).sort(),
  };
}
