import {
  Type,
  type IntegerOptions,
  type NumberOptions,
  type Static,
  type TLiteral,
  type TSchema,
  type TUnion,
} from '@sinclair/typebox';

/** Building blocks of the admin and public API schemas, and the bodies every route may answer. */

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

/** The body of every 4xx and 5xx answer. */
export const ErrorBody = Type.Object({ detail: Type.String() }, { $id: 'ErrorBody' });
export type ErrorBody = Static<typeof ErrorBody>;
/** `{status, message?}`: the answer of an action that returns nothing else. */
export const StatusOk = Type.Object({ status: Type.String(), message: Type.Optional(Type.String()) });
export type StatusOk = Static<typeof StatusOk>;
/** `{status, message}`: the same with the message always present (job cancellation). */
export const StatusMessage = Type.Object({ status: Type.String(), message: Type.String() });
export type StatusMessage = Static<typeof StatusMessage>;

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
/** `limit` and `offset` of a paged list: 1 … max rows, `fallback` when absent. */
export const PageQuery = (max: number, fallback: number) => ({
  limit: Type.Integer({ minimum: 1, maximum: max, default: fallback }),
  offset: Offset(),
});

export const IdParam = Type.Object({ id: Id() });
export const JobIdParam = Type.Object({ job_id: Id() });
export const SlugParam = Type.Object({ slug: Type.String({ maxLength: 255 }) });

/** Longer than any video (about 115 days), small enough that arithmetic on it stays exact. */
export const MAX_SECONDS = 10_000_000;
/** A duration or a position in a video, in seconds. */
export const Seconds = (options: NumberOptions = {}) =>
  Type.Number({ minimum: 0, maximum: MAX_SECONDS, ...options });
