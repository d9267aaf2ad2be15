import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js';
import { MAX_PREPARED_PER_CONNECTION } from '../../src/db/prepared-statements.js';
import { createTestDb, DRIVERS, prepareTemplates, type TestDatabase } from '../helpers/test-db.js';

/** The statements prepared in the one session (a query without values is not itself prepared). */
async function prepared(db: DatabaseHandle) {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
    db.db,
  );
  return rows.map((r) => r.statement);
}

describe.each(DRIVERS)('prepared statements (%s)', (driver) => {
  let clone: TestDatabase;
  // PostgreSQL: a pool of one connection, so every statement meets the same session; PGlite is one session.
  let one: DatabaseHandle;
  const open = (preparedStatements: boolean) =>
    driver === 'pglite'
      ? createTestDb('pglite', { preparedStatements })
      : openDatabase({ databaseUrl: clone.url, dataDir: '', poolSize: 1, preparedStatements });

  beforeAll(async () => {
    await prepareTemplates();
    clone = await createTestDb(driver);
    one = driver === 'pglite' ? clone : await open(true);
  });
  afterAll(async () => {
    if (one !== clone) await one?.close();
    await clone?.close();
  });

  it('prepares a statement with values once per connection and reuses it with other values', async () => {
    const bySlug = (slug: string) =>
      one.db.selectFrom('categories').select('id').where('slug', '=', slug).executeTakeFirst();
    await one.db.insertInto('categories').values({ name: 'Music', slug: 'music' }).execute();
    expect(await bySlug('music')).toEqual({ id: expect.any(Number) });
    expect(await bySlug('none')).toBeUndefined();
    const statements = (await prepared(one)).filter((s) => s.includes('"categories"'));
    // The insert and the select, each once, whatever the values.
    expect(statements).toHaveLength(2);
    expect(statements.some((s) => s.startsWith('select "id" from "categories"'))).toBe(true);
  });

  it('runs statements without values, and transactions, as before', async () => {
    const count = await one.db.transaction().execute(async (trx) => {
      await trx.insertInto('tags').values({ name: 'Jazz', slug: 'jazz' }).execute();
      return sql<{ n: number }>`select count(*)::int as n from tags`.execute(trx);
    });
    expect(count.rows[0]!.n).toBe(1);
    expect((await prepared(one)).some((s) => s.startsWith('select count(*)::int as n from tags'))).toBe(
      false,
    );
  });

  it('a statement whose table changed shape runs again unnamed, unless in a transaction', async () => {
    await sql`create table reshaped (a int)`.execute(one.db);
    await sql`insert into reshaped values (1)`.execute(one.db);
    const read = (db = one.db) =>
      sql<Record<string, number>>`select * from reshaped where a = ${1}`.execute(db);
    expect((await read()).rows[0]).toEqual({ a: 1 });
    await sql`alter table reshaped add column b int default 2`.execute(one.db);
    // Outside a transaction: answered, with the new column.
    expect((await read()).rows[0]).toEqual({ a: 1, b: 2 });
    expect((await prepared(one)).some((s) => s.includes('reshaped'))).toBe(true); // still prepared, unused

    await sql`create table reshaped_in_trx (a int)`.execute(one.db);
    const readIn = (db = one.db) => sql`select * from reshaped_in_trx where a = ${1}`.execute(db);
    await readIn();
    await sql`alter table reshaped_in_trx add column b int`.execute(one.db);
    // Inside one, the transaction has failed with the statement: the error is the caller's.
    await expect(one.db.transaction().execute((trx) => readIn(trx))).rejects.toThrow(
      /cached plan must not change result type/,
    );
    expect((await readIn()).rows).toEqual([]);
  });

  it(`keeps at most ${MAX_PREPARED_PER_CONNECTION} per connection and runs the rest unnamed`, async () => {
    const texts = MAX_PREPARED_PER_CONNECTION + 10;
    for (let i = 0; i < texts; i++) {
      const { rows } = await sql<{ n: number }>`select ${i}::int + ${sql.lit(i)} as n`.execute(one.db);
      expect(rows[0]!.n).toBe(2 * i);
    }
    expect((await prepared(one)).length).toBe(MAX_PREPARED_PER_CONNECTION);
  });

  it('prepares nothing when turned off (VLOG_DATABASE_PREPARED_STATEMENTS=false)', async () => {
    const plain = await open(false);
    try {
      await plain.db.insertInto('tags').values({ name: 'Plain', slug: 'plain' }).execute();
      const read = () => plain.db.selectFrom('tags').select('id').where('slug', '=', 'plain').execute();
      expect(await read()).toHaveLength(1);
      expect(await read()).toHaveLength(1);
      expect(await prepared(plain)).toEqual([]);
    } finally {
      await plain.close();
    }
  });
});
