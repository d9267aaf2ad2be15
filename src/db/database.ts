import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './database.types.js';
import { retryConnect, statementError } from './db-errors.js';
import { PGliteDialect } from './pglite-dialect.js';
import { prepareStatements } from './prepared-statements.js';
import {
  INT8_OID,
  parseInt8,
  parseTimestamptz,
  parseUtcTimestamp,
  TIMESTAMP_OID,
  TIMESTAMPTZ_OID,
} from './type-parsers.js';

export type DatabaseDriver = 'postgres' | 'pglite';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly driver: DatabaseDriver;
  close(): Promise<void>;
}

pg.types.setTypeParser(TIMESTAMP_OID, parseUtcTimestamp);
pg.types.setTypeParser(TIMESTAMPTZ_OID, parseTimestamptz);
pg.types.setTypeParser(INT8_OID, parseInt8);

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when empty the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string;
  dataDir: string;
  /** Load a PGlite data-dir dump instead of opening files (tests clone a migrated template). */
  pgliteDump?: Blob;
  /**
   * A migrated PGlite dump (built by `npm run build`) used to create a new embedded database:
   * extracting it takes a fraction of the seconds PGlite's initdb costs.
   */
  pgliteTemplate?: string;
  poolSize?: number;
  /** Name each parameterised statement (prepared-statements.ts, pglite-prepared.ts); default true. */
  preparedStatements?: boolean;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl)
    return openPostgres(options.databaseUrl, options.poolSize ?? 10, options.preparedStatements ?? true);
  return openPGlite(options);
}

/** A request waits this long for a pooled connection (all busy, or the server not answering), then 503. */
const CONNECT_TIMEOUT_MS = 10_000;
/**
 * How long an unused pooled connection stays open (pg's default is 10 s). A new PostgreSQL backend's first
 * queries cost about ten times more than a warm one's (it maps the shared buffers it touches): with 10 s, a
 * site with a request every few seconds kept paying that, so idle connections now stay for 5 minutes. They
 * do not keep a process alive (allowExitOnIdle): a CLI command still exits when its work is done.
 */
const IDLE_TIMEOUT_MS = 300_000;

/**
 * What the planner takes a random page read to cost, against 1 for a sequential one (PostgreSQL's default is
 * 4, for spinning disks), for VLog's sessions. VLog's tables are metadata, read from memory or SSD, where a
 * random read costs about what a sequential one does (1.1 is the usual SSD figure). With 4 the planner
 * scanned every video rather than probe a tag's 500: on 10,000 videos a filtered count went from 4.2 to
 * 1.5 ms, a page sorted by views from 5.3 to 2.4 ms and a category's page from 1.3 to 0.5 ms (pgbench).
 */
export const RANDOM_PAGE_COST = 1.1;

const REPORTS_SOCKET_ERRORS = Symbol('reportsSocketErrors');

/**
 * A pooled client whose promise-returning statements fail with DatabaseUnavailableError when the server's
 * socket breaks under them (a server stopped mid-transaction: ECONNRESET or EPIPE, depending on timing).
 * Wrapped once per client; cursors (which return no promise) are left as they are.
 */
function reportSocketErrors(client: pg.PoolClient): pg.PoolClient {
  const marked = client as pg.PoolClient & { [REPORTS_SOCKET_ERRORS]?: true };
  if (marked[REPORTS_SOCKET_ERRORS]) return client;
  marked[REPORTS_SOCKET_ERRORS] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    return result instanceof Promise
      ? result.catch((err: unknown) => Promise.reject(statementError(err)))
      : result;
  }) as typeof client.query;
  return client;
}

function openPostgres(url: string, max: number, prepared: boolean): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    options: `-c TimeZone=UTC -c random_page_cost=${RANDOM_PAGE_COST}`,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    allowExitOnIdle: true,
  });
  // A client that loses its server connection must not crash the process: the pool's listener covers
  // idle clients only, and a client checked out between two statements (a transaction doing file work)
  // would emit an unhandled 'error'. The statement in flight, if any, fails on its own.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  // Opening a connection is retried briefly while the server is unreachable (nothing was sent yet).
  const retrying = {
    Client: pg.Client,
    options: pool.options,
    connect: () =>
      retryConnect(() => pool.connect()).then((client) =>
        reportSocketErrors(prepared ? prepareStatements(client) : client),
      ),
    end: () => pool.end(),
  };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: retrying }) });
  return { db, driver: 'postgres', close: () => db.destroy() };
}

/**
 * The embedded database holds metadata only (rows, not media): a small buffer pool is plenty, and every MiB
 * of it is resident in the process (the WASM heap never shrinks). PostgreSQL's default is 128MB. Its pages
 * are all in memory: a random read costs what a sequential one does (RANDOM_PAGE_COST).
 */
const PGLITE_CONF = ['shared_buffers = 16MB', `random_page_cost = ${RANDOM_PAGE_COST}`];
/** Trigram matching for misspelt search words (migrations/0002_video_search.sql); loaded on every open. */
const PGLITE_EXTENSIONS = { pg_trgm };

async function openPGlite(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  const parsers = { [TIMESTAMP_OID]: parseUtcTimestamp, [INT8_OID]: parseInt8 };
  const postgresqlconf = PGLITE_CONF;
  const extensions = PGLITE_EXTENSIONS;
  let client: PGlite;
  if (options.pgliteDump) {
    client = await PGlite.create({ loadDataDir: options.pgliteDump, parsers, postgresqlconf, extensions });
  } else {
    const dir = path.join(options.dataDir, 'pglite');
    await mkdir(dir, { recursive: true });
    const fresh = !existsSync(path.join(dir, 'PG_VERSION'));
    const template =
      fresh && options.pgliteTemplate && existsSync(options.pgliteTemplate) ? options.pgliteTemplate : null;
    client = template
      ? await PGlite.create({
          dataDir: dir,
          parsers,
          postgresqlconf,
          extensions,
          loadDataDir: new Blob([await readFile(template)]),
        })
      : await PGlite.create({ dataDir: dir, parsers, postgresqlconf, extensions });
  }
  await client.exec("SET TIME ZONE 'UTC'");
  const db = new Kysely<Database>({
    dialect: new PGliteDialect(client, options.preparedStatements ?? true),
  });
  return { db, driver: 'pglite', close: () => db.destroy() };
}

/** Dumps an embedded database so tests can clone it (PGlite only). */
export async function dumpPGlite(dataDir: string): Promise<Blob> {
  const client = await PGlite.create({
    dataDir: path.join(dataDir, 'pglite'),
    extensions: PGLITE_EXTENSIONS,
  });
  try {
    return (await client.dumpDataDir('none')) as Blob;
  } finally {
    await client.close();
  }
}
