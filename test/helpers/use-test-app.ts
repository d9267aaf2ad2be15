import type { DatabaseDriver } from '../../src/db/database.js';
import { useScoped } from './scoped-resource.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The test app of a describe block: created in beforeAll, closed in afterAll (see useScoped);
 * `t.adminApp.inject(…)` in a test works as with the app itself.
 */
export function useTestApp(driver: DatabaseDriver, env: Record<string, string> = {}): TestApp {
  return useScoped(
    'test app',
    () => createTestApp(driver, env),
    (app) => app.close(),
  );
}
