import { afterAll, beforeAll } from 'vitest';

/**
 * A resource a describe block shares: opened in beforeAll (within `openTimeoutMs`), closed in afterAll.
 * Returns a stand-in that forwards every property to the resource once it exists (`server.adminUrl`
 * in a test works as with the resource itself); touching it outside a test (before beforeAll) throws.
 */
export function useScoped<T extends object>(
  what: string,
  open: () => Promise<T>,
  close: (resource: T) => Promise<void>,
  openTimeoutMs?: number,
): T {
  let resource: T | null = null;
  beforeAll(async () => {
    resource = await open();
  }, openTimeoutMs);
  afterAll(async () => {
    if (resource) await close(resource);
    resource = null;
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!resource) throw new Error(`The ${what} is used outside a test (reading ${String(key)})`);
      return Reflect.get(resource, key) as unknown;
    },
  });
}
