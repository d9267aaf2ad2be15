/**
 * Parses the seed contract (docs/seed-schema.md) into the expected schema. Everything comes from
 * the document except what it does not state, kept in the small explicit tables below. The parser
 * is strict: an unknown type or constraint token throws, so it cannot silently parse nothing.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  normaliseDefault,
  normaliseSqlExpression,
  type ColumnSchema,
  type ConstraintSchema,
  type IndexSchema,
  type OnDeleteAction,
  type TableSchema,
} from './schema-model.js';

export const SEED_SCHEMA_PATH = path.resolve(import.meta.dirname, '../../docs/seed-schema.md');

/** How an index's expression column (not a table column) is named, here and by introspect.ts. */
const EXPRESSION_COLUMN = '<expression>';

/**
 * Index columns the seed names but does not spell out: the composite indexes are only described
 * ("Composite for ordered retrieval") and ix_transcoding_jobs_claim_expires abbreviates its column.
 * Every other ix_<table>_<column> index is on the column its name ends with.
 */
const EXPLICIT_INDEXES: Record<string, { columns: string[]; predicate?: string }> = {
  ix_transcoding_jobs_claim_expires: { columns: ['claim_expires_at'] },
  ix_sprite_queue_priority_created: { columns: ['priority', 'created_at'] },
  // "Partial index for pending jobs".
  ix_sprite_queue_pending_priority: { columns: ['priority', 'created_at'], predicate: "status = 'pending'" },
  ix_reencode_queue_priority_created: { columns: ['priority', 'created_at'] },
  ix_webhook_deliveries_status_next_retry: { columns: ['status', 'next_retry_at'] },
  ix_webhook_deliveries_due: { columns: ['created_at', 'id'], predicate: "status IN ('pending', 'failed')" },
  ix_search_words_word_trgm: { columns: ['word'] },
  ix_videos_public_published: {
    columns: ['published_at', 'id'],
    predicate: "deleted_at IS NULL AND status = 'ready' AND published_at IS NOT NULL",
  },
  ix_videos_public_category: {
    columns: ['category_id', 'published_at', 'id'],
    predicate: "deleted_at IS NULL AND status = 'ready' AND published_at IS NOT NULL",
  },
  ix_video_tags_public: {
    columns: ['tag_id', 'public_at', 'video_id'],
    predicate: 'public_at IS NOT NULL',
  },
  // The value by its md5 (introspect.ts names an expression column "<expression>").
  ix_video_custom_fields_public: {
    columns: ['field_id', EXPRESSION_COLUMN, 'public_at', 'video_id'],
    predicate: 'public_at IS NOT NULL',
  },
  ix_chapters_video_position: { columns: ['video_id', 'position'] },
  ix_playlist_items_playlist_position: { columns: ['playlist_id', 'position'] },
};

/**
 * Unique constraints declared NULLS NOT DISTINCT (a design decision, not in the seed text): a NULL
 * category_id means "global", and two global custom fields must not share a slug.
 */
const NULLS_NOT_DISTINCT = new Set(['uq_custom_field_slug_category']);

const TYPES: Record<string, string> = {
  INTEGER: 'integer',
  TEXT: 'text',
  FLOAT: 'double precision',
  BOOLEAN: 'boolean',
  TIMESTAMP: 'timestamp without time zone',
  'TIMESTAMP WITH TIME ZONE': 'timestamp with time zone',
  TSVECTOR: 'tsvector',
  JSON: 'json',
};

const ON_DELETE: readonly OnDeleteAction[] = ['CASCADE', 'SET NULL', 'SET DEFAULT', 'RESTRICT', 'NO ACTION'];

interface ParsedColumn extends ColumnSchema {
  primaryKey: boolean;
  wantsIndex: boolean;
  check: boolean;
  /** Inline hints like `>= 0`, which must be covered by a named check constraint. */
  checkHints: string[];
  description: string;
}

function fail(where: string, message: string): never {
  throw new Error(`seed-schema.md, ${where}: ${message}`);
}

function mapType(raw: string, where: string): string {
  const varchar = /^VARCHAR\((\d+)\)$/.exec(raw);
  if (varchar) return `character varying(${varchar[1]})`;
  return TYPES[raw] ?? fail(where, `unknown type "${raw}"`);
}

/** Splits a constraints cell on commas outside quotes and parentheses. */
function splitTokens(cell: string): string[] {
  const tokens: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const ch of cell) {
    if (ch === "'") quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    if (ch === ',' && !quoted && depth === 0) {
      tokens.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) tokens.push(current.trim());
  return tokens;
}

/** Applies one constraints cell to `col`; returns false (and leaves `col` alone) if it is not one. */
function applyConstraints(col: ParsedColumn, cell: string, table: string): boolean {
  const next = { ...col, checkHints: [...col.checkHints] };
  for (const token of splitTokens(cell)) {
    let m: RegExpExecArray | null;
    if (token === 'PRIMARY KEY' || token === 'PK') next.primaryKey = true;
    else if (token === 'NOT NULL') next.nullable = false;
    else if (token === 'NULLABLE') next.nullable = true;
    else if (token === 'UNIQUE') next.unique = true;
    else if (token === 'INDEX') next.wantsIndex = true;
    else if (token === 'CHECK') next.check = true;
    else if ((m = /^DEFAULT (.+)$/.exec(token))) next.default = normaliseDefault(m[1]!);
    else if ((m = /^FK\((\w+)\.(\w+)\)(?: (.+))?$/.exec(token))) {
      const onDelete = (m[3] ?? 'NO ACTION') as OnDeleteAction;
      if (!ON_DELETE.includes(onDelete)) fail(`${table}.${col.name}`, `unknown ON DELETE "${m[3]}"`);
      next.fk = { table: m[1]!, column: m[2]!, onDelete };
    } else if (/^(>=|<=|<>|>|<|=) \S.*$/.test(token)) next.checkHints.push(token);
    else return false;
  }
  Object.assign(col, next);
  return true;
}

function parseColumnRow(line: string, table: string): ParsedColumn {
  const cells = line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
  const [name, rawType, third, fourth] = cells;
  if (!name || !rawType || third === undefined || cells.length > 4) fail(table, `malformed row: ${line}`);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) fail(table, `bad column name "${name}"`);
  const col: ParsedColumn = {
    name,
    type: mapType(rawType, `${table}.${name}`),
    nullable: true,
    default: null,
    unique: false,
    fk: null,
    primaryKey: false,
    wantsIndex: false,
    check: false,
    checkHints: [],
    description: fourth ?? '',
  };
  if (!applyConstraints(col, third, table)) {
    // video_qualities' rows lost their constraints cell: the description sits in its place and the
    // last cell is empty or missing. Only that shape is accepted; anything else is an error.
    if (fourth) fail(`${table}.${name}`, `unrecognised constraints "${third}"`);
    col.description = third;
  }
  if (col.primaryKey) {
    col.nullable = false;
    if (/auto-increment/i.test(col.description)) {
      if (col.type !== 'integer') fail(`${table}.${name}`, 'auto-increment key is not INTEGER');
      col.default = `nextval('${table}_${name}_seq')`; // serial
    }
  }
  return col;
}

/** Reads the `- name- text` items following a `Indexes:` / `Constraints:` line. */
function listItems(lines: string[], start: number, table: string): Array<[string, string]> {
  const items: Array<[string, string]> = [];
  for (let i = start + 1; i < lines.length && lines[i]!.startsWith('- '); i++) {
    const m = /^- ([a-z][a-z0-9_]*)- (.+)$/.exec(lines[i]!);
    if (!m) fail(table, `malformed list item: ${lines[i]}`);
    items.push([m[1]!, m[2]!.trim()]);
  }
  if (items.length === 0) fail(table, `empty list after "${lines[start]}"`);
  return items;
}

const columnList = (text: string): string[] => text.split(',').map((c) => c.trim());

function uniqueConstraint(name: string, columns: string[]): ConstraintSchema {
  return { name, kind: 'unique', columns, nullsNotDistinct: NULLS_NOT_DISTINCT.has(name), expression: null };
}

function checkConstraint(name: string, expression: string): ConstraintSchema {
  return {
    name,
    kind: 'check',
    columns: [],
    nullsNotDistinct: false,
    expression: normaliseSqlExpression(expression),
  };
}

function parseTableSection(table: string, lines: string[], used: Set<string>): TableSchema {
  const header = lines.findIndex((l) => /^\| Column \| Type \| Constraints \| Description \|$/.test(l));
  if (header < 0 || !/^\|(-+\|){4}$/.test(lines[header + 1] ?? '')) fail(table, 'no column table');
  const columns: ParsedColumn[] = [];
  for (let i = header + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    columns.push(parseColumnRow(lines[i]!, table));
  }
  if (columns.length === 0) fail(table, 'no columns');
  const byName = new Map(columns.map((c) => [c.name, c]));
  if (byName.size !== columns.length) fail(table, 'duplicate column');
  const known = (cols: string[], where: string): string[] => {
    for (const c of cols)
      if (c !== EXPRESSION_COLUMN && !byName.has(c)) fail(table, `${where} names unknown column "${c}"`);
    return cols;
  };

  const indexes: IndexSchema[] = [];
  const constraints: ConstraintSchema[] = [];
  lines.forEach((line, i) => {
    let m: RegExpExecArray | null;
    if (line === 'Indexes:') {
      for (const [name] of listItems(lines, i, table)) {
        const explicit = EXPLICIT_INDEXES[name];
        if (explicit) used.add(name);
        const suffix = name.startsWith(`ix_${table}_`) ? name.slice(`ix_${table}_`.length) : '';
        if (!explicit && !byName.has(suffix)) fail(table, `cannot tell the columns of ${name}`);
        const cols = known(explicit?.columns ?? [suffix], name);
        const unique = cols.length === 1 && byName.get(cols[0]!)!.unique;
        const predicate = explicit?.predicate ? normaliseSqlExpression(explicit.predicate) : null;
        indexes.push({ name, columns: cols, unique, predicate });
      }
    } else if (line === 'Constraints:') {
      for (const [name, body] of listItems(lines, i, table)) {
        const unique = /^Unique \(([^)]+)\)$/.exec(body);
        if (name.startsWith('uq_') && unique)
          constraints.push(uniqueConstraint(name, known(columnList(unique[1]!), name)));
        else if (name.startsWith('ck_') && !unique) constraints.push(checkConstraint(name, body));
        else fail(table, `constraint ${name} does not match its kind: ${body}`);
      }
    } else if ((m = /^Unique Constraint: (uq_[a-z0-9_]+) \(([^)]+)\)$/.exec(line))) {
      constraints.push(uniqueConstraint(m[1]!, known(columnList(m[2]!), m[1]!)));
    } else if (/^(Unique Constraint|Constraints?|Indexes)\b/i.test(line)) {
      fail(table, `unrecognised line: ${line}`);
    }
  });

  for (const col of columns) {
    const where = `${table}.${col.name}`;
    if (col.fk && col.fk.column !== 'id') fail(where, 'FK to a column other than id');
    // A UNIQUE column with its own single-column ix_ index is unique through that (unique) index;
    // otherwise it gets an ordinary unique constraint with PostgreSQL's default name.
    if (col.unique && !indexes.some((ix) => ix.columns.length === 1 && ix.columns[0] === col.name)) {
      constraints.push(uniqueConstraint(`${table}_${col.name}_key`, [col.name]));
    }
    if (col.wantsIndex && !indexes.some((ix) => ix.columns[0] === col.name))
      fail(where, 'INDEX without an ix_ index');
    if (col.check) {
      // Unnamed seed CHECKs list the allowed values in the description: "high, normal, low".
      const values = col.description.replace(/^One of:\s*/i, '').split(/,\s*/);
      if (!values.every((v) => /^[a-z_]+$/.test(v))) fail(where, `CHECK values unclear: ${col.description}`);
      const name = `ck_${table}_${col.name}`;
      constraints.push(checkConstraint(name, `${col.name} in [${values.map((v) => `'${v}'`).join(', ')}]`));
    }
    for (const hint of col.checkHints) {
      const wanted = normaliseSqlExpression(`${col.name} ${hint}`);
      if (!constraints.some((c) => c.kind === 'check' && c.expression!.includes(wanted))) {
        fail(where, `"${hint}" is not covered by a named check constraint`);
      }
    }
  }
  const names = [...indexes, ...constraints].map((x) => x.name);
  if (new Set(names).size !== names.length) fail(table, 'duplicate index/constraint name');

  return {
    name: table,
    primaryKey: columns.filter((c) => c.primaryKey).map((c) => c.name),
    // Primary-key columns are described by primaryKey, not by `unique`.
    columns: columns.map(({ name, type, nullable, default: def, unique, fk, primaryKey }) => ({
      name,
      type,
      nullable,
      default: def,
      unique: unique && !primaryKey,
      fk,
    })),
    indexes,
    constraints,
  };
}

/** Parses the seed markdown. Tables come in document order; lists keep the seed's order. */
export function parseSeedSchema(markdown: string): TableSchema[] {
  const lines = markdown.split(/\r?\n/).map((l) => l.trimEnd());
  const used = new Set<string>();
  const tables: TableSchema[] = [];
  lines.forEach((line, i) => {
    const m = /^## Table `([a-z_]+)`$/.exec(line);
    if (!m) return;
    let end = i + 1;
    while (end < lines.length && !lines[end]!.startsWith('## ')) end++;
    tables.push(parseTableSection(m[1]!, lines.slice(i + 1, end), used));
  });
  const headings = lines.filter((l) => l.startsWith('## Table ')).length;
  if (tables.length !== headings)
    throw new Error(`seed-schema.md: ${headings} table headings, ${tables.length} parsed`);
  if (new Set(tables.map((t) => t.name)).size !== tables.length)
    throw new Error('seed-schema.md: duplicate table');
  for (const name of Object.keys(EXPLICIT_INDEXES)) {
    if (!used.has(name)) throw new Error(`seed-parser: explicit index ${name} is not in the seed`);
  }
  for (const table of tables) {
    for (const col of table.columns) {
      if (
        col.fk &&
        !tables.some((t) => t.name === col.fk!.table && t.columns.some((c) => c.name === col.fk!.column))
      ) {
        throw new Error(`seed-schema.md: ${table.name}.${col.name} references a missing column`);
      }
    }
  }
  return tables;
}

export async function loadSeedSchema(file = SEED_SCHEMA_PATH): Promise<TableSchema[]> {
  return parseSeedSchema(await readFile(file, 'utf8'));
}
