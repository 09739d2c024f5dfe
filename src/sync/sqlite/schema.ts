// The inventory's DDL and its version check. Type-only import: nothing here loads better-sqlite3.
import type { Database } from 'better-sqlite3';
import { InventorySchemaError } from './errors.js';
import { SCHEMA_VERSION, SYNC_RESOURCES, TABLES } from './tables.js';
import type { ColumnKind, TableSpec } from './tables.js';

/** Identifiers are quoted: `action`, `type`, `object` and `user` are column names here. */
export const quote = (name: string): string => `"${name}"`;

const SQL_TYPE: Record<ColumnKind, string> = { integer: 'INTEGER', text: 'TEXT', time: 'TEXT', boolean: 'INTEGER' };

function tableDdl(spec: TableSpec): string[] {
  const single = spec.key.length === 1;
  const columns = Object.entries(spec.columns).map(
    ([name, kind]) => `${quote(name)} ${SQL_TYPE[kind]}${single && name === spec.key[0] ? ' PRIMARY KEY' : ''}`,
  );
  columns.push('"json" TEXT NOT NULL');
  if (!single) columns.push(`PRIMARY KEY (${spec.key.map(quote).join(', ')})`);
  const indexes = spec.indexes.map(
    (cols) => `CREATE INDEX ${quote(`${spec.table}_${cols.join('_')}`)} ON ${quote(spec.table)} (${cols.map(quote).join(', ')})`,
  );
  return [`CREATE TABLE ${quote(spec.table)} (\n  ${columns.join(',\n  ')}\n)`, ...indexes];
}

/** Every statement of a fresh inventory, in order (also what docs/sync-sqlite.md describes). */
export function schemaDdl(): string[] {
  return [
    'CREATE TABLE "meta" ("key" TEXT PRIMARY KEY, "value" TEXT NOT NULL)',
    // The engine's checkpoint per resource, JSON; written in the same transaction as the rows.
    'CREATE TABLE "sync_state" ("resource" TEXT PRIMARY KEY, "state" TEXT NOT NULL, "updated_at" TEXT)',
    ...SYNC_RESOURCES.flatMap((resource) => tableDdl(TABLES[resource])),
  ];
}

/**
 * Creates the tables in an empty database, or checks the version of an existing inventory.
 * Refuses a database this code did not write (other tables, no `meta`) or wrote in a later layout.
 */
export function prepareSchema(db: Database, path: string): void {
  const names = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[];
  if (names.length === 0) {
    db.transaction(() => {
      for (const statement of schemaDdl()) db.exec(statement);
      db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
    }).immediate();
    return;
  }
  if (!names.includes('meta')) {
    throw new InventorySchemaError(`${path} is an SQLite database but not an aptrust-registry inventory (it has no meta table)`);
  }
  const value = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get();
  const version = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new InventorySchemaError(`${path} has an unreadable inventory schema version (${JSON.stringify(value ?? null)})`);
  }
  if (version > SCHEMA_VERSION) {
    throw new InventorySchemaError(
      `${path} was written by a newer aptrust-registry-client (inventory schema ${version}; this version knows ${SCHEMA_VERSION}): ` +
        'upgrade aptrust-registry-client, or sync into a new file',
    );
  }
  // version === SCHEMA_VERSION: nothing to migrate yet.
}
