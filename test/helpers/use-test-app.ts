import { afterAll, beforeAll } from 'vitest';
import type { DatabaseDriver } from '../../src/db/database.js';
import { createTestApp, type TestApp } from './test-app.js';

/**
 * The test app of a describe block: created in beforeAll, closed in afterAll. Returns a stand-in
 * that forwards every property to the app once it exists (`t.adminApp.inject(…)` in a test works as
 * with the app itself); touching it outside a test (before beforeAll ran) throws.
 */
export function useTestApp(driver: DatabaseDriver, env: Record<string, string> = {}): TestApp {
  let app: TestApp | null = null;
  beforeAll(async () => {
    app = await createTestApp(driver, env);
  });
  afterAll(async () => {
    await app?.close();
    app = null;
  });
  return new Proxy({} as TestApp, {
    get(_target, key) {
      if (!app) throw new Error(`The test app is used outside a test (reading ${String(key)})`);
      return Reflect.get(app, key) as unknown;
    },
  });
}
