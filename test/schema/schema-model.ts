/**
 * The structure both sides of the schema test are reduced to: seed-parser.ts builds it from
 * docs/seed-schema.md, introspect.ts from a live database's catalogs. Names are PostgreSQL's own
 * (types as format_type() prints them, ON DELETE actions as in the DDL) so diffs read naturally.
 */

export type OnDeleteAction = 'CASCADE' | 'SET NULL' | 'SET DEFAULT' | 'RESTRICT' | 'NO ACTION';

export interface ForeignKeySchema {
  table: string;
  column: string;
  onDelete: OnDeleteAction;
}

export interface ColumnSchema {
  name: string;
  /** e.g. `integer`, `character varying(100)`, `timestamp with time zone`. */
  type: string;
  nullable: boolean;
  /** Normalised with normaliseDefault(); null when the column has no default. */
  default: string | null;
  /** A (non-primary, non-partial) unique constraint or unique index on exactly this column. */
  unique: boolean;
  fk: ForeignKeySchema | null;
}

/** An index that does not back a constraint (primary key / unique constraints are listed elsewhere). */
export interface IndexSchema {
  name: string;
  columns: string[];
  unique: boolean;
  /** Normalised partial-index predicate, or null. */
  predicate: string | null;
}

/** Unique and check constraints (primary and foreign keys are described by the columns). */
export interface ConstraintSchema {
  name: string;
  kind: 'unique' | 'check' | 'other';
  /** Unique constraints: the columns in order. Empty for checks. */
  columns: string[];
  nullsNotDistinct: boolean;
  /** Check constraints: the normalised expression. Null for unique constraints. */
  expression: string | null;
}

export interface TableSchema {
  name: string;
  primaryKey: string[];
  columns: ColumnSchema[];
  indexes: IndexSchema[];
  constraints: ConstraintSchema[];
}

const byName = <T extends { name: string }>(a: T, b: T): number =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0;

/** Sorts columns, indexes and constraints by name, so both sides compare independently of order. */
export function sortTable(table: TableSchema): TableSchema {
  return {
    ...table,
    columns: [...table.columns].sort(byName),
    indexes: [...table.indexes].sort(byName),
    constraints: [...table.constraints].sort(byName),
  };
}

export function sortSchema(tables: TableSchema[]): TableSchema[] {
  return tables.map(sortTable).sort(byName);
}

// Casts PostgreSQL adds when it deparses expressions: `'a'::character varying`, `(0)::double precision`,
// `::text[]`, `::regclass`. Multi-word type names are listed so that `::text OR x` keeps its ` OR x`.
const CAST =
  /::(?:double precision|character varying|timestamp with(?:out)? time zone|time with(?:out)? time zone|[a-z_][a-z0-9_]*)(?:\(\d+(?:,\s*\d+)?\))?(?:\[\])?/gi;

/** Lower-cases everything outside single-quoted string literals. */
function lowerOutsideLiterals(text: string): string {
  return text
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.toLowerCase()))
    .join('');
}

/**
 * Reduces a boolean SQL expression (a CHECK body or an index predicate) to a canonical text:
 * no casts, no parentheses, lower-case keywords, `x = ANY (ARRAY[...])` written as `x in [...]`.
 * Lossy on purpose (grouping is dropped) but it keeps every operand, operator and literal.
 */
export function normaliseSqlExpression(text: string): string {
  let s = text.trim().replace(/^check\s*/i, '');
  s = s.replace(CAST, '').replace(/\bin\s*\(([^()]*)\)/gi, ' in [$1]');
  s = lowerOutsideLiterals(s.replace(/[()]/g, ' '));
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/\[\s+/g, '[').replace(/\s+\]/g, ']').replace(/\s+,/g, ',');
  return s.replace(/ = any array\[/g, ' in [');
}

/** Normalises a column default: casts removed, keywords lower-cased (`NOW()` and `now()` agree). */
export function normaliseDefault(text: string | null): string | null {
  if (text === null) return null;
  const s = lowerOutsideLiterals(text.trim().replace(CAST, ''));
  // PostgreSQL wraps negative numeric defaults in parentheses after removing the cast: `(-1)`.
  return s.replace(/^\((-?[\d.]+)\)$/, '$1');
}
