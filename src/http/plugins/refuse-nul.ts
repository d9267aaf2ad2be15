import type { FastifyInstance } from 'fastify';
import { badRequest } from '../../domain/shared/errors.js';

/** Parsed data, not a stream or Buffer: `{}`, `Object.create(null)` or fast-querystring's bare-prototype object. */
function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** The dotted path of the first string (or object key) holding a NUL character, '' for `value` itself; null if none. */
export function nulPath(value: unknown): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? '' : null;
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : isPlainObject(value)
      ? Object.entries(value)
      : [];
  for (const [key, v] of entries) {
    if (key.includes('\u0000')) return key;
    const inner = nulPath(v);
    if (inner !== null) return inner ? `${key}.${inner}` : key;
  }
  return null;
}

/** Throws a 400 naming the field when `value` holds a NUL character anywhere (`part`: params, querystring, body). */
export function refuseNul(part: string, value: unknown): void {
  const at = nulPath(value);
  if (at === null) return;
  throw badRequest(`Invalid ${part}${at ? ` field '${at}'` : ''}: must not contain NUL characters`);
}

/**
 * PostgreSQL cannot store U+0000 in text or jsonb (SQLSTATE 22021 / 22P05), so a NUL byte anywhere in a
 * request would reach the database as a 500. One check after validation covers every route — path and
 * query parameters, JSON, form and multipart-as-body fields, free-form JSON objects — where a schema
 * pattern per string field would miss free-form objects and routes without a schema. Streamed bodies
 * (file transfers) are not parsed values and are left alone; routes reading multipart parts themselves
 * call refuseNul on their fields.
 */
export function registerNulGuard(app: FastifyInstance): void {
  app.addHook('preHandler', (req, _reply, done) => {
    try {
      refuseNul('params', req.params);
      refuseNul('querystring', req.query);
      refuseNul('body', req.body);
    } catch (err) {
      return done(err as Error);
    }
    done();
  });
}
