import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { createPGlitePreparedStatements } from './pglite-prepared.js';

/**
 * Kysely dialect for embedded PGlite. PGlite is a single connection, so connections are handed
 * out one at a time: a transaction holds the connection until it commits, and other queries wait.
 */
export class PGliteDialect implements Dialect {
  /** `preparedStatements`: run parameterised statements as named prepared statements (pglite-prepared.ts). */
  constructor(
    private readonly pg: PGlite,
    private readonly preparedStatements: boolean,
  ) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg, this.preparedStatements);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

const MULTI_STATEMENT = /;\s*\S/;

class PGliteConnection implements DatabaseConnection {
  private readonly prepared: ReturnType<typeof createPGlitePreparedStatements> | null;
  constructor(
    private readonly pg: PGlite,
    preparedStatements: boolean,
  ) {
    this.prepared = preparedStatements ? createPGlitePreparedStatements(pg) : null;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Multi-statement scripts (migrations) need the simple query protocol, i.e. exec().
    if (query.parameters.length === 0 && MULTI_STATEMENT.test(query.sql)) {
      const results = await this.pg.exec(query.sql);
      return { rows: (results.at(-1)?.rows ?? []) as R[] };
    }
    const values = query.parameters as unknown[];
    const result =
      this.prepared && values.length > 0
        ? await this.prepared.query<R>(query.sql, values)
        : await this.pg.query<R>(query.sql, values);
    return {
      rows: result.rows,
      ...(result.affectedRows !== undefined ? { numAffectedRows: BigInt(result.affectedRows) } : {}),
    };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite dialect does not support streaming queries');
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: PGliteConnection;
  private release: (() => void) | undefined;

  constructor(
    private readonly pg: PGlite,
    preparedStatements: boolean,
  ) {
    this.connection = new PGliteConnection(pg, preparedStatements);
  }

  async init(): Promise<void> {
    await this.pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const iso = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await conn.executeQuery(CompiledQuery.raw(`begin${iso}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
  async destroy(): Promise<void> {
    await this.queue;
    await this.pg.close();
  }
}
