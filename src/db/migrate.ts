import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';

/** Forward-only SQL migrations live in <repo>/migrations, applied in file-name order. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies every migration not yet recorded in vlog_migrations, all in one transaction (all or
 * nothing). A PostgreSQL advisory lock keeps several starting instances from migrating at once.
 */
export async function migrate<DB>(db: Kysely<DB>, dir = MIGRATIONS_DIR): Promise<MigrationResult> {
  const files = (await readdir(dir)).filter((f) => /^\d{4}_.+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7420011)`.execute(trx);
    await sql`create table if not exists vlog_migrations (
      name varchar(255) primary key,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const done = await sql<{ name: string }>`select name from vlog_migrations`.execute(trx);
    const seen = new Set(done.rows.map((r) => r.name));
    for (const file of files) {
      if (seen.has(file)) continue;
      const text = await readFile(path.join(dir, file), 'utf8');
      await sql.raw(text).execute(trx);
      await sql`insert into vlog_migrations (name) values (${file})`.execute(trx);
      applied.push(file);
    }
  });
  return { applied };
}
