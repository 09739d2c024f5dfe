// The one place that loads better-sqlite3, and only when an inventory is opened: it is an optional
// dependency with a native module, so library users who never sync never load it, and a machine
// where it failed to build still runs everything else.
import type DatabaseConstructor from 'better-sqlite3';
import { SqliteUnavailableError } from './errors.js';

export type Driver = typeof DatabaseConstructor;

const importDriver = async (): Promise<Driver> => (await import('better-sqlite3')).default;

/**
 * better-sqlite3's constructor, loaded on first use (Node caches the module after that). Its
 * JavaScript imports even when the native addon is missing or built for another Node (the addon
 * loads in the constructor), so an in-memory database is opened to prove the whole driver works.
 * Any failure is a SqliteUnavailableError.
 * @param load replaces the import, for tests of the failure path.
 */
export async function loadDriver(load: () => Promise<Driver> = importDriver): Promise<Driver> {
  try {
    const Database = await load();
    new Database(':memory:').close();
    return Database;
  } catch (error) {
    throw new SqliteUnavailableError(error);
  }
}
