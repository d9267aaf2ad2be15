import { parse, protocol, type PGlite } from '@electric-sql/pglite';
import { createStatementNames, isStalePlan } from './prepared-statements.js';

/** A PGlite query's rows and affected-row count, as `PGlite.query` answers. */
export interface PGliteAnswer<R> {
  rows: R[];
  affectedRows?: number;
}

const { serialize } = protocol;
/** Protocol calls within a query: PGlite syncs its files once, after the query, as its `query` does. */
const IN_QUERY = { syncToFs: false } as const;

/**
 * Runs parameterised statements on the embedded database as named prepared statements, as
 * prepared-statements.ts does on PostgreSQL's pooled connections: `PGlite.query` parses, analyses and plans
 * each statement anew, in five protocol round trips. Here a text is parsed once (with its parameters' types
 * described once), and each run is one round trip (bind, describe, execute, sync) that PostgreSQL may answer
 * from its cached plan: the default public list page went from 1.42–1.76 to 1.21 ms a query (1,000 videos).
 *
 * Each run holds PGlite's query lock (`runExclusive`), so no other query's messages interleave with its own.
 * Values are serialised by the parameter types, and rows parsed, with PGlite's own serialisers and parsers.
 * A statement gone stale (its table changed shape) runs again unnamed unless a transaction has failed with it.
 */
export function createPGlitePreparedStatements(pg: PGlite) {
  const names = createStatementNames();
  /** Statement name → its parameters' type ids, once parsed. */
  const parameterTypes = new Map<string, number[]>();

  async function prepare(name: string, text: string): Promise<number[]> {
    const known = parameterTypes.get(name);
    if (known) return known;
    const messages = await pg.execProtocolStream(
      Buffer.concat([
        serialize.parse({ name, text }),
        serialize.describe({ type: 'S', name }),
        serialize.sync(),
      ]),
      IN_QUERY,
    );
    const types = parse.parseDescribeStatementResults(messages);
    parameterTypes.set(name, types);
    return types;
  }

  async function runNamed<R>(name: string, text: string, values: unknown[]): Promise<PGliteAnswer<R>> {
    const types = await prepare(name, text);
    const serialized = values.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[types[i]!];
      return serializer ? serializer(value) : String(value);
    });
    const messages = await pg.execProtocolStream(
      Buffer.concat([
        serialize.bind({ statement: name, values: serialized }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      IN_QUERY,
    );
    const [result] = parse.parseResults(messages, pg.parsers);
    return { rows: (result?.rows ?? []) as R[], affectedRows: result?.affectedRows };
  }

  return {
    /** `text` with `values` (at least one), prepared by name when there is room; PGlite's `query` otherwise. */
    async query<R>(text: string, values: unknown[]): Promise<PGliteAnswer<R>> {
      const name = names.nameOf(text);
      if (!name) return pg.query<R>(text, values);
      try {
        const answer = await pg.runExclusive(() => runNamed<R>(name, text, values));
        await pg.syncToFs();
        return answer;
      } catch (err) {
        if (!isStalePlan(err)) throw err;
        names.forget(text);
        // Outside a transaction nothing was lost: run it again, unnamed. Inside one, the transaction failed.
        if (!pg.isInTransaction()) return pg.query<R>(text, values);
        throw err;
      }
    },
  };
}
