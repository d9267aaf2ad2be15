import { Type, type IntegerOptions, type NumberOptions, type TSchema } from '@sinclair/typebox';

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const ErrorBody = Type.Object({ detail: Type.String() }, { $id: 'ErrorBody' });
export const StatusOk = Type.Object({ status: Type.String(), message: Type.Optional(Type.String()) });

/** The largest PostgreSQL `integer`: ids and counts past it fail in the database (SQLSTATE 22003). */
export const INT4_MAX = 2147483647;

/**
 * An integer a PostgreSQL `integer` column (or LIMIT/OFFSET) takes. Every numeric request field carries
 * both bounds: they also refuse ±Infinity, which query-string coercion produces (app-base.ts).
 */
export const Int4 = (options: IntegerOptions = {}) =>
  Type.Integer({ minimum: -INT4_MAX - 1, maximum: INT4_MAX, ...options });
/** A row id: 1 … INT4_MAX. */
export const Id = (options: IntegerOptions = {}) => Int4({ minimum: 1, ...options });
/** A page offset. */
export const Offset = () => Int4({ minimum: 0, default: 0 });

export const IdParam = Type.Object({ id: Id() });

/** Longer than any video (about 115 days), small enough that arithmetic on it stays exact. */
export const MAX_SECONDS = 10_000_000;
/** A duration or a position in a video, in seconds. */
export const Seconds = (options: NumberOptions = {}) =>
  Type.Number({ minimum: 0, maximum: MAX_SECONDS, ...options });
export const SlugParam = Type.Object({ slug: Type.String({ maxLength: 255 }) });

/** Standard error responses documented on every route. */
export const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, ErrorBody]));

/** OpenAPI security requirement of admin routes: the secret header or a session cookie. */
export const ADMIN_SECURITY: Array<Record<string, string[]>> = [{ adminSecret: [] }, { adminSession: [] }];
