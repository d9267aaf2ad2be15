// Walks an app's OpenAPI document into requests for table-driven bad-input tests (bad-input.test.ts):
// every operation, each of its path/query parameters and JSON body leaves, with valid-looking values
// everywhere else so the bad one is what the server has to deal with.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { multipart } from './test-app.js';

export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minItems?: number;
  additionalProperties?: JsonSchema | boolean;
  format?: string;
}

interface Param {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. `/api/videos/{id}`. */
  path: string;
  params: Param[];
  /** Content types of the request body and its schema, when the route declares one. */
  body?: { types: string[]; schema: JsonSchema };
  consumes: string[];
}

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Param[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
        produces?: string[];
      }
    >
  >;
}

export function operations(doc: unknown): Operation[] {
  const out: Operation[] = [];
  for (const [path, methods] of Object.entries((doc as OpenApiDoc).paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const content = op.requestBody?.content ?? {};
      const types = Object.keys(content);
      const schema = Object.values(content).find((c) => c.schema?.properties)?.schema;
      out.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query'),
        ...(schema ? { body: { types, schema } } : {}),
        consumes: types,
      });
    }
  }
  return out;
}

/** A value the schema accepts (defaults, first enum member, minimum), to fill the fields not under test. */
export function exampleOf(schema: JsonSchema): unknown {
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf) return exampleOf(schema.anyOf.find((s) => s.type !== 'null') ?? {});
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([k, s]) => [k, exampleOf(s)] as const),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => exampleOf(schema.items ?? {}));
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'string':
      return schema.format === 'date-time' ? '2024-01-01T00:00:00Z' : 'x';
    default:
      return 'x';
  }
}

/** Every scalar inside a schema (array items at index 0), with its path in exampleOf's value. */
export function leaves(
  schema: JsonSchema,
  at: Array<string | number> = [],
): Array<{ path: Array<string | number>; schema: JsonSchema }> {
  const s = schema.anyOf?.find((x) => x.type !== 'null') ?? schema;
  if (s.type === 'object')
    return Object.entries(s.properties ?? {}).flatMap(([k, v]) => leaves(v, [...at, k]));
  if (s.type === 'array') return leaves(s.items ?? {}, [...at, 0]);
  return at.length ? [{ path: at, schema: s }] : [];
}

/**
 * Numeric request fields (parameters and body, at any depth) lacking a lower or an upper bound: with
 * query-string coercion, "Infinity" passes them (app-base.ts), and a database column takes no Infinity.
 */
export function unboundedNumbers(doc: unknown): string[] {
  const out: string[] = [];
  const walk = (s: JsonSchema | undefined, at: string): void => {
    if (!s) return;
    const bounded = (s.minimum ?? s.exclusiveMinimum) !== undefined && s.maximum !== undefined;
    if ((s.type === 'integer' || s.type === 'number') && !bounded) out.push(at);
    for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${at}.${k}`);
    walk(s.items, `${at}[]`);
    for (const x of s.anyOf ?? []) walk(x, at);
    if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}.*`);
  };
  for (const op of operations(doc)) {
    for (const p of op.params) walk(p.schema, `${op.method} ${op.path} ${p.in} ${p.name}`);
    walk(op.body?.schema, `${op.method} ${op.path} body`);
  }
  return out;
}

/** A deep copy of `value` with the leaf at `path` replaced. */
export function withLeaf(value: unknown, path: Array<string | number>, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = withLeaf(copy[head], rest, leaf);
  return copy;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');

/** Text no PostgreSQL text column can hold (SQLSTATE 22021). */
export const NUL_VALUES = ['\u0000', 'a\u0000b'];

/** Numbers out of every range the database has, in the form a query string carries them. */
export const NUMBER_STRINGS = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e20',
  '2147483648',
  '-2147483649',
  '99999999999999',
  '1.5',
  '',
];

/** Dates at the edge of what JavaScript can represent, and keyset cursors holding them or huge ids. */
export const DATE_STRINGS = ['+275760-09-13T00:00:00.000Z', '275760-09-13T00:00', '9999-12-31T23:59'];
export const CURSOR_STRINGS = [
  b64('1|+275760-09-13T00:00:00.000Z|1'),
  b64('1|2024-01-01T00:00:00.000Z|2147483648'),
  b64('1|2024-01-01T00:00:00.000Z|99999999999999'),
  b64('1|2024-01-01T00:00:00.000Z|1\u0000'),
];

/** Every bad value for a path or query parameter. */
export const PARAM_VALUES = [...NUL_VALUES, ...NUMBER_STRINGS, ...DATE_STRINGS, ...CURSOR_STRINGS];

/**
 * Bad values for a JSON body leaf named `name`: NUL text, numbers past int4 (as JSON numbers and as the
 * strings coercion reads), dates at the edge for date fields. Plain text fields get only NUL: any other
 * text is valid there (and on the worker registration route each accepted case costs an argon2 hash).
 */
export function bodyValuesFor(schema: JsonSchema, name: string): unknown[] {
  const numbers = [1e20, 2147483648, -2147483649, 99999999999999, 1e308, 1.5, -1];
  if (schema.type === 'integer' || schema.type === 'number')
    return [...NUL_VALUES, ...NUMBER_STRINGS, ...numbers];
  if (schema.type === 'string' && (schema.format === 'date-time' || name.endsWith('_at')))
    return [...NUL_VALUES, ...DATE_STRINGS];
  if (schema.type === 'string') return NUL_VALUES;
  return [...NUL_VALUES, 1e20];
}

/** Query parameters every request carries unless under test (the long poll must not wait). */
const QUERY_BASELINE: Record<string, string> = { timeout: '0' };

interface Case {
  label: string;
  request: InjectOptions;
  /** NUL text: refused with a 4xx whatever the route does with the field. */
  mustRefuse: boolean;
}

const isNul = (v: unknown) => typeof v === 'string' && v.includes('\u0000');

function formBody(type: string, fields: Record<string, unknown>): InjectOptions {
  const strings = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  if (type === 'multipart/form-data') {
    const body = multipart(strings);
    return { payload: body.payload, headers: body.headers };
  }
  return { payload: new URLSearchParams(strings).toString(), headers: { 'content-type': type } };
}

/** The requests for one operation: each bad value in each parameter and body leaf, the rest valid. */
function casesOf(op: Operation, baseline: Record<string, string>): Case[] {
  const url = (path: Record<string, string>, query: Record<string, string>) => {
    const p = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
      name === '*' ? (path[name] ?? '') : encodeURIComponent(path[name] ?? ''),
    );
    const q = new URLSearchParams(query).toString();
    return q ? `${p}?${q}` : p;
  };
  const pathBase = Object.fromEntries(
    op.params.filter((p) => p.in === 'path').map((p) => [p.name, baseline[p.name] ?? '1']),
  );
  const queryBase = Object.fromEntries(
    op.params
      .filter((p) => p.in === 'query' && (p.required || QUERY_BASELINE[p.name] !== undefined))
      .map((p) => [p.name, QUERY_BASELINE[p.name] ?? String(exampleOf(p.schema))]),
  );
  const example = op.body ? exampleOf(op.body.schema) : undefined;
  const jsonBase = op.body?.types.includes('application/json') ? { payload: example as object } : {};
  const cases: Case[] = [];
  for (const p of op.params) {
    for (const v of PARAM_VALUES) {
      const at = p.in === 'path' ? { ...pathBase, [p.name]: v } : pathBase;
      const query = p.in === 'query' ? { ...queryBase, [p.name]: v } : queryBase;
      const label = `${op.method} ${op.path} ${p.in} ${p.name}=${JSON.stringify(v)}`;
      cases.push({ label, request: { url: url(at, query), ...jsonBase }, mustRefuse: isNul(v) });
    }
  }
  if (!op.body) return cases;
  const target = url(pathBase, queryBase);
  for (const leaf of leaves(op.body.schema)) {
    for (const v of bodyValuesFor(leaf.schema, String(leaf.path.at(-1)))) {
      const fields = withLeaf(example, leaf.path, v) as Record<string, unknown>;
      const label = `${op.method} ${op.path} body ${leaf.path.join('.')}=${JSON.stringify(v)}`;
      if (op.body.types.includes('application/json'))
        cases.push({ label, request: { url: target, payload: fields }, mustRefuse: isNul(v) });
      if (leaf.path.length !== 1 || typeof v !== 'string') continue;
      for (const type of op.body.types.filter((ty) => ty !== 'application/json'))
        cases.push({
          label: `${label} as ${type}`,
          request: { url: target, ...formBody(type, fields) },
          mustRefuse: isNul(v),
        });
    }
  }
  return cases;
}

/** What is wrong with one answer, or null: a 5xx, a refusal without `{detail}`, NUL text accepted. */
function problem(c: Case, res: { statusCode: number; body: string }): string | null {
  const said = `${c.label} → ${res.statusCode} ${res.body.slice(0, 120)}`;
  if (res.statusCode >= 500) return said;
  if (c.mustRefuse && (res.statusCode < 400 || res.statusCode === 404 || res.statusCode === 405)) {
    // A 404 for a NUL in a path parameter is a refusal too; elsewhere NUL text must be a 400.
    if (!(res.statusCode === 404 && c.label.includes(' path '))) return `${said} (NUL text accepted)`;
  }
  if (res.statusCode >= 400) {
    let body: unknown;
    try {
      body = JSON.parse(res.body);
    } catch {
      return `${said} (not JSON)`;
    }
    if (typeof (body as { detail?: unknown }).detail !== 'string') return `${said} (no detail)`;
  }
  return null;
}

/**
 * Sends every case of every operation in the app's OpenAPI document; the problems found (see problem()).
 * `baseline(op)` gives the valid path values of an operation.
 */
export async function fuzz(
  app: FastifyInstance,
  headers: Record<string, string>,
  baseline: (op: Operation) => Record<string, string>,
): Promise<{ failures: string[]; sent: number }> {
  await app.ready();
  const doc = (app as unknown as { swagger(): unknown }).swagger();
  const failures: string[] = [];
  let sent = 0;
  for (const op of operations(doc)) {
    for (const c of casesOf(op, baseline(op))) {
      const res = await app.inject({
        ...c.request,
        method: op.method as InjectOptions['method'],
        headers: { ...headers, ...(c.request.headers as Record<string, string> | undefined) },
      });
      sent += 1;
      const p = problem(c, res);
      if (p) failures.push(p);
    }
  }
  return { failures, sent };
}
