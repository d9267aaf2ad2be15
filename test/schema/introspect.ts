/**
 * Reads the live schema of the `public` schema from pg_catalog into the structure seed-parser.ts
 * produces. Works on PostgreSQL and PGlite alike (plain catalog queries, results cast to text,
 * booleans or strings so both drivers return the same JavaScript values).
 */
import { sql, type Kysely } from 'kysely';
import {
  normaliseDefault,
  normaliseSqlExpression,
  type ColumnSchema,
  type ConstraintSchema,
  type IndexSchema,
  type OnDeleteAction,
  type TableSchema,
} from './schema-model.js';

interface ColumnRow {
  table_name: string;
  column_name: string;
  type: string;
  nullable: boolean;
  column_default: string | null;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  is_unique: boolean;
  is_primary: boolean;
  predicate: string | null;
  /** Comma-separated key columns; `<expression>` for expression keys. */
  columns: string;
  constraint_name: string | null;
}

interface ConstraintRow {
  table_name: string;
  constraint_name: string;
  contype: string;
  definition: string;
  columns: string | null;
  ref_table: string | null;
  ref_columns: string | null;
  on_delete: string;
  nulls_not_distinct: boolean;
}

const ON_DELETE: Record<string, OnDeleteAction> = {
  a: 'NO ACTION',
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

const split = (list: string | null): string[] => (list ? list.split(',') : []);

async function readColumns<DB>(db: Kysely<DB>): Promise<ColumnRow[]> {
  const { rows } = await sql<ColumnRow>`
    select c.relname::text as table_name,
           a.attname::text as column_name,
           format_type(a.atttypid, a.atttypmod)::text as type,
           not a.attnotnull as nullable,
           pg_get_expr(d.adbin, d.adrelid)::text as column_default
      from pg_attribute a
      join pg_class c on c.oid = a.attrelid
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
     order by c.relname, a.attnum`.execute(db);
  return rows;
}

async function readIndexes<DB>(db: Kysely<DB>): Promise<IndexRow[]> {
  const { rows } = await sql<IndexRow>`
    select t.relname::text as table_name,
           i.relname::text as index_name,
           ix.indisunique as is_unique,
           ix.indisprimary as is_primary,
           pg_get_expr(ix.indpred, ix.indrelid)::text as predicate,
           (select string_agg(coalesce(a.attname::text, '<expression>'), ',' order by k.ord)
              from unnest(ix.indkey::int2[]) with ordinality as k(attnum, ord)
              left join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum) as columns,
           con.conname::text as constraint_name
      from pg_index ix
      join pg_class i on i.oid = ix.indexrelid
      join pg_class t on t.oid = ix.indrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_constraint con
        on con.conindid = ix.indexrelid and con.conrelid = ix.indrelid and con.contype in ('p', 'u', 'x')
     where n.nspname = 'public'
     order by t.relname, i.relname`.execute(db);
  return rows;
}

async function readConstraints<DB>(db: Kysely<DB>): Promise<ConstraintRow[]> {
  const { rows } = await sql<ConstraintRow>`
    select t.relname::text as table_name,
           con.conname::text as constraint_name,
           con.contype::text as contype,
           pg_get_constraintdef(con.oid)::text as definition,
           (select string_agg(a.attname::text, ',' order by k.ord)
              from unnest(con.conkey) with ordinality as k(attnum, ord)
              join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns,
           f.relname::text as ref_table,
           (select string_agg(a.attname::text, ',' order by k.ord)
              from unnest(con.confkey) with ordinality as k(attnum, ord)
              join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum) as ref_columns,
           con.confdeltype::text as on_delete,
           coalesce(ix.indnullsnotdistinct, false) as nulls_not_distinct
      from pg_constraint con
      join pg_class t on t.oid = con.conrelid
      join pg_namespace n on n.oid = t.relnamespace
      left join pg_class f on f.oid = con.confrelid
      left join pg_index ix on ix.indexrelid = con.conindid and con.contype = 'u'
     where n.nspname = 'public'
     order by t.relname, con.conname`.execute(db);
  return rows;
}

/** Every table of the `public` schema (including vlog_migrations), in name order. */
export async function introspectSchema<DB>(db: Kysely<DB>): Promise<TableSchema[]> {
  const columnRows = await readColumns(db);
  const indexRows = await readIndexes(db);
  const constraintRows = await readConstraints(db);
  const tableNames = [...new Set(columnRows.map((r) => r.table_name))].sort();
  return tableNames.map((table) => {
    const cons = constraintRows.filter((r) => r.table_name === table);
    const idx = indexRows.filter((r) => r.table_name === table);
    const fks = cons.filter((r) => r.contype === 'f');
    const primary = cons.find((r) => r.contype === 'p');

    const columns: ColumnSchema[] = columnRows
      .filter((r) => r.table_name === table)
      .map((r) => {
        const own = fks.filter((fk) => split(fk.columns).includes(r.column_name));
        if (own.length > 1 || own.some((fk) => split(fk.columns).length !== 1)) {
          throw new Error(`introspect: ${table}.${r.column_name} has a composite or repeated foreign key`);
        }
        const fk = own[0];
        return {
          name: r.column_name,
          type: r.type,
          nullable: r.nullable,
          default: normaliseDefault(r.column_default),
          unique: idx.some(
            (i) => i.is_unique && !i.is_primary && i.predicate === null && i.columns === r.column_name,
          ),
          fk: fk
            ? {
                table: fk.ref_table ?? '?',
                column: fk.ref_columns ?? '?',
                onDelete: ON_DELETE[fk.on_delete] ?? (`unknown (${fk.on_delete})` as OnDeleteAction),
              }
            : null,
        };
      });

    const indexes: IndexSchema[] = idx
      .filter((r) => r.constraint_name === null)
      .map((r) => ({
        name: r.index_name,
        columns: split(r.columns),
        unique: r.is_unique,
        predicate: r.predicate === null ? null : normaliseSqlExpression(r.predicate),
      }));

    const constraints: ConstraintSchema[] = cons
      .filter((r) => !['p', 'f', 'n'].includes(r.contype))
      .map((r) => {
        if (r.contype === 'u') {
          return {
            name: r.constraint_name,
            kind: 'unique',
            columns: split(r.columns),
            nullsNotDistinct: r.nulls_not_distinct,
            expression: null,
          };
        }
        const kind = r.contype === 'c' ? 'check' : 'other';
        return {
          name: r.constraint_name,
          kind,
          columns: [],
          nullsNotDistinct: false,
          expression: normaliseSqlExpression(r.definition),
        };
      });

    return { name: table, primaryKey: split(primary?.columns ?? null), columns, indexes, constraints };
  });
}
