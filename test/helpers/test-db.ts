import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { dumpPGlite, openDatabase, type DatabaseDriver, type DatabaseHandle } from '../../src/db/database.js';
import { migrate, MIGRATIONS_DIR } from '../../src/db/migrate.js';

/**
 * Test databases are clones of a migrated template, so each test file pays milliseconds, not the
 * seconds a fresh PGlite or a full migration costs. Templates are keyed by the migrations' hash.
 */
export const POSTGRES_ADMIN_URL =
  process.env.VLOG_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const DRIVERS: DatabaseDriver[] = ['pglite', 'postgres'];
const CACHE_DIR = path.resolve(import.meta.dirname, '../../.cache');

async function migrationsHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const f of (await readdir(MIGRATIONS_DIR)).sort())
    hash.update(f).update(await readFile(path.join(MIGRATIONS_DIR, f)));
  return hash.digest('hex').slice(0, 12);
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Builds both templates if missing. Called once from vitest's globalSetup. */
export async function prepareTemplates(): Promise<void> {
  const hash = await migrationsHash();
  await mkdir(CACHE_DIR, { recursive: true });
  const dumpFile = path.join(CACHE_DIR, `pglite-template-${hash}.tar`);
  if (!existsSync(dumpFile)) {
    const dir = await mkdtempIn(os.tmpdir(), 'vlog-template-');
    const handle = await openDatabase({ databaseUrl: '', dataDir: dir });
    await migrate(handle.db);
    await handle.close();
    const blob = await dumpPGlite(dir);
    await writeFile(dumpFile, Buffer.from(await blob.arrayBuffer()));
    await rm(dir, { recursive: true, force: true });
  }
  const template = `vlog_template_${hash}`;
  const exists = await adminQuery(`select 1 from pg_database where datname = '${template}'`);
  if (exists.rowCount === 0) {
    const building = `${template}_build_${randomBytes(3).toString('hex')}`;
    await adminQuery(`create database ${building}`);
    const handle = await openDatabase({
      databaseUrl: withDatabase(POSTGRES_ADMIN_URL, building),
      dataDir: '',
    });
    await migrate(handle.db);
    await handle.close();
    await adminQuery(`alter database ${building} rename to ${template}`).catch(() =>
      adminQuery(`drop database if exists ${building}`),
    );
  }
}

async function mkdtempIn(dir: string, prefix: string): Promise<string> {
  const full = path.join(dir, `${prefix}${randomBytes(4).toString('hex')}`);
  await mkdir(full, { recursive: true });
  return full;
}

export interface TestDatabase extends DatabaseHandle {
  /** PostgreSQL URL of the clone ('' for PGlite), for code that opens its own connections. */
  readonly url: string;
}

/** A fresh, migrated database of the given driver; close() drops it. */
export async function createTestDb(
  driver: DatabaseDriver,
  options: { preparedStatements?: boolean } = {},
): Promise<TestDatabase> {
  const hash = await migrationsHash();
  if (driver === 'pglite') {
    const bytes = await readFile(path.join(CACHE_DIR, `pglite-template-${hash}.tar`));
    const dump = new Blob([bytes]);
    const handle = await openDatabase({ databaseUrl: '', dataDir: '', pgliteDump: dump, ...options });
    return { ...handle, url: '' };
  }
  const name = `vlog_test_${randomBytes(5).toString('hex')}`;
  await adminQuery(`create database ${name} template vlog_template_${hash}`);
  const url = withDatabase(POSTGRES_ADMIN_URL, name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: '', poolSize: 5, ...options });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await adminQuery(`drop database if exists ${name} with (force)`);
    },
  };
}
