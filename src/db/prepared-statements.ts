import type pg from 'pg';

/**
 * How many distinct statements one pooled connection keeps prepared. The application has a few hundred
 * statement shapes at most (a filter adds a clause, it does not change its text per value); the bound
 * keeps a backend's memory flat if some path ever builds texts per value (an `in (…)` list's length).
 * Past it, statements run unnamed as before.
 */
export const MAX_PREPARED_PER_CONNECTION = 256;

const PREPARES = Symbol('preparesStatements');

type QueryFn = (...args: unknown[]) => unknown;

/**
 * Makes a pooled client run each parameterised statement as a named prepared statement, keyed by its text:
 * the first run parses it, and later runs on that connection skip PostgreSQL's parse and analysis, and,
 * once PostgreSQL's plan cache judges a generic plan good enough, its planning. On the public list that was
 * half of PostgreSQL's time per page (pgbench, one connection: 1.13 → 0.54 ms for the default page).
 *
 * Only `client.query(text, values)` with at least one value is named (Kysely's form); statements without
 * values (BEGIN, COMMIT, DDL) and query objects (cursors) run as they are. The names are per connection,
 * so a counter makes them unique; PostgreSQL forgets them when the connection closes.
 *
 * A prepared statement whose tables change shape under it fails with "cached plan must not change result
 * type". Migrations run before the server opens its pool, so this happens only if the schema is changed
 * while VLog runs; the text then runs unnamed from then on, and the failed run is repeated unless it was in
 * a transaction (which has failed with it).
 */
export function prepareStatements(client: pg.PoolClient): pg.PoolClient {
  const marked = client as pg.PoolClient & { [PREPARES]?: true };
  if (marked[PREPARES]) return client;
  marked[PREPARES] = true;
  const names = createStatementNames();
  const query = client.query.bind(client) as QueryFn;
  client.query = ((...args: unknown[]) => {
    const [text, values, callback] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || callback) {
      return query(...args);
    }
    const name = names.nameOf(text);
    if (!name) return query(text, values);
    return (query({ name, text, values }) as Promise<unknown>).catch((err: unknown) => {
      if (!isStalePlan(err)) throw err;
      names.forget(text);
      // Outside a transaction nothing was lost: run it again, unnamed. Inside one, the transaction failed.
      if (transactionStatus(client) === 'I') return query(text, values);
      throw err;
    });
  }) as typeof client.query;
  return client;
}

/**
 * The names of one connection's prepared statements, keyed by their text (`vlog_1`, `vlog_2`, …), at most
 * MAX_PREPARED_PER_CONNECTION. A text whose statement went stale is forgotten and runs unnamed from then on.
 */
export function createStatementNames() {
  /** Statement text → its name; null once it has been seen to go stale. */
  const names = new Map<string, string | null>();
  return {
    /** The text's name (named on first sight while there is room), or null: run it unnamed. */
    nameOf(text: string): string | null {
      let name = names.get(text);
      if (name === undefined && names.size < MAX_PREPARED_PER_CONNECTION) {
        name = `vlog_${names.size + 1}`;
        names.set(text, name);
      }
      return name ?? null;
    },
    forget(text: string): void {
      names.set(text, null);
    },
  };
}

/** 'I' idle, 'T' in a transaction, 'E' in a failed one (the last ReadyForQuery; pg ≥ 8.19). */
function transactionStatus(client: pg.PoolClient): string | null {
  return (
    (client as pg.PoolClient & { getTransactionStatus?: () => string | null }).getTransactionStatus?.() ??
    null
  );
}

/** PostgreSQL's error for a prepared statement whose tables changed shape since it was prepared. */
export function isStalePlan(err: unknown): boolean {
  return (
    err instanceof Error &&
    (err as { code?: string }).code === '0A000' &&
    err.message.includes('cached plan must not change result type')
  );
}
