import type { SandboxData, SandboxTable } from '../views.js';
import type { Dataset } from './dataset.js';
import { INSTITUTIONS } from './people.js';
import { rowJSON, type Table } from './table.js';

function view<T>(table: Table): SandboxTable<T> {
  const at = (i: number): T | undefined => (Number.isInteger(i) && i >= 0 && i < table.size() ? (rowJSON(table, i) as T) : undefined);
  function* iterate(): Generator<T> {
    for (let i = 0; i < table.size(); i++) yield rowJSON(table, i) as T;
  }
  const idColumn = table.byName.get('id');
  return {
    get length() {
      return table.size();
    },
    at,
    byId(id) {
      if (table.uniqueIds) return at(id - 1);
      for (let i = 0; i < table.size(); i++) if (idColumn?.get(i) === id) return at(i);
      return undefined;
    },
    find(pred) {
      for (const row of iterate()) if (pred(row)) return row;
      return undefined;
    },
    filter: (pred) => [...iterate()].filter(pred),
    [Symbol.iterator]: iterate,
  };
}

/** Read-only, lazily materialised access to the generated records, for tests. */
export function dataView(ds: Dataset): SandboxData {
  const t = ds.tables;
  return {
    institutions: INSTITUTIONS.map((i) => ({ ...i })),
    alerts: view(t.alerts),
    checksums: view(t.checksums),
    deletions: view(t.deletions),
    files: view(t.files),
    objects: view(t.objects),
    events: view(t.events),
    workItems: view(t.items),
    fileDetail: (id) => (Number.isInteger(id) && id >= 1 && id <= ds.tables.files.size() ? (ds.fileDetail(id - 1) as never) : undefined),
  };
}
