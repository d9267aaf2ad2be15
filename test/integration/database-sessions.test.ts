import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RANDOM_PAGE_COST } from '../../src/db/database.js';
import { createTestDb, DRIVERS, prepareTemplates, type TestDatabase } from '../helpers/test-db.js';

// What every VLog session runs with, whatever the server's configuration says.
describe.each(DRIVERS)('database sessions (%s)', (driver) => {
  let db: TestDatabase;
  beforeAll(async () => {
    await prepareTemplates();
    db = await createTestDb(driver);
  });
  afterAll(() => db?.close());

  it('plan for data in memory, in UTC', async () => {
    const setting = async (name: string) =>
      (await sql<{ v: string }>`select current_setting(${name}) as v`.execute(db.db)).rows[0]!.v;
    expect(Number(await setting('random_page_cost'))).toBe(RANDOM_PAGE_COST);
    expect(await setting('TimeZone')).toMatch(/^(UTC|Etc\/UTC)$/);
  });
});
