// Errors of the SQLite inventory. Plain Error subclasses: none of them is a failure of the Registry.

/** better-sqlite3, an optional dependency, is not installed or its native module did not build here. */
export class SqliteUnavailableError extends Error {
  override readonly name = 'SqliteUnavailableError';
  constructor(cause: unknown) {
    const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    super(
      'The sync command needs the optional dependency better-sqlite3, which did not install here; ' +
        `install it with \`npm install better-sqlite3\` (${reason})`,
      { cause },
    );
  }
}

/** The file is not an inventory this version can use: another program's database, or a newer schema. */
export class InventorySchemaError extends Error {
  override readonly name = 'InventorySchemaError';
}

/** A record the store cannot key: no integer `id` (or, for alerts, `user_id`). */
export class InventoryRecordError extends Error {
  override readonly name = 'InventoryRecordError';
}
