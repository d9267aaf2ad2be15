import type { DatabaseDriver } from '../../src/db/database.js';
import { useScoped } from './scoped-resource.js';
import { createTestDb, type TestDatabase } from './test-db.js';

/**
 * The test database of a describe block (a clone of the migrated template): created in beforeAll,
 * closed in afterAll (see useScoped).
 */
export function useTestDb(driver: DatabaseDriver): TestDatabase {
  return useScoped(
    'test database',
    () => createTestDb(driver),
    (db) => db.close(),
  );
}
