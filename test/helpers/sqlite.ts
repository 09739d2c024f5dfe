// better-sqlite3 for tests that read an inventory, or undefined where the optional dependency did
// not build (those tests are skipped, with the reason in their name).
import { createRequire } from 'node:module';

export interface TestDb {
  prepare(sql: string): { all(...args: unknown[]): unknown[]; get(...args: unknown[]): unknown; pluck(): { get(): unknown } };
  close(): void;
}

export type TestDriver = new (file: string, options?: { readonly?: boolean }) => TestDb;

export const sqliteDriver: TestDriver | undefined = (() => {
  try {
    return createRequire(import.meta.url)('better-sqlite3') as TestDriver;
  } catch {
    return undefined;
  }
})();
