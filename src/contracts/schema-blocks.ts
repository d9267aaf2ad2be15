import {
  Type,
  type IntegerOptions,
  type NumberOptions,
  type TLiteral,
  type TSchema,
  type TUnion,
} from '@sinclair/typebox';

/** Schema building blocks every contract uses (admin, public and worker APIs): one set of bounds. */

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
/** A date-time string or null: how every timestamp of a row is answered. */
export const DateTime = () => Nullable(Type.String({ format: 'date-time' }));
/** One of a fixed list of strings. */
export const literals = <T extends string>(
  values: readonly T[],
  options: object = {},
): TUnion<TLiteral<T>[]> =>
  Type.Union(
    values.map((v) => Type.Literal(v)),
    options,
  );

/** The largest PostgreSQL `integer`: ids and counts past it fail in the database (SQLSTATE 22003). */
export const INT4_MAX = 2147483647;

/**
 * An integer a PostgreSQL `integer` column (or LIMIT/OFFSET) takes. Every numeric request field carries
 * both bounds: they also refuse ±Infinity, which query-string coercion produces (http/app-base.ts).
 */
export const Int4 = (options: IntegerOptions = {}) =>
  Type.Integer({ minimum: -INT4_MAX - 1, maximum: INT4_MAX, ...options });
/** A row id: 1 … INT4_MAX. */
export const Id = (options: IntegerOptions = {}) => Int4({ minimum: 1, ...options });
/** A page offset. */
export const Offset = () => Int4({ minimum: 0, default: 0 });

/** Longer than any video (about 115 days), small enough that arithmetic on it stays exact. */
export const MAX_SECONDS = 10_000_000;
/** A duration or a position in a video, in seconds. */
export const Seconds = (options: NumberOptions = {}) =>
  Type.Number({ minimum: 0, maximum: MAX_SECONDS, ...options });
