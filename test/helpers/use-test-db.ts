import { afterAll, beforeAll } from 'vitest';
import type { DatabaseDriver } from '../../src/db/database.js';
import { createTestDb, type TestDatabase } from './test-db.js';

/**
 * The test database of a describe block (a clone of the migrated template): created in beforeAll,
 * closed in afterAll. Returns a stand-in that forwards every property to the database once it exists
 * (`db.db.selectFrom(…)` in a test works as with the handle itself); touching it outside a test throws.
 */
export function useTestDb(driver: DatabaseDriver): TestDatabase {
  let handle: TestDatabase | null = null;
  beforeAll(async () => {
    handle = await createTestDb(driver);
  });
  afterAll(async () => {
    await handle?.close();
    handle = null;
  });
  return new Proxy({} as TestDatabase, {
    get(_target, key) {
      if (!handle) throw new Error(`The test database is used outside a test (reading ${String(key)})`);
      return Reflect.get(handle, key) as unknown;
    },
  });
}
