import { Type, type Static } from '@sinclair/typebox';
import { Id, Offset } from '../schema-blocks.js';

export {
  DateTime,
  Id,
  INT4_MAX,
  Int4,
  literals,
  MAX_SECONDS,
  Nullable,
  Offset,
  Seconds,
} from '../schema-blocks.js';

/** Building blocks of the admin and public API schemas, and the bodies every route may answer. */

/** The body of every 4xx and 5xx answer. */
export const ErrorBody = Type.Object({ detail: Type.String() }, { $id: 'ErrorBody' });
export type ErrorBody = Static<typeof ErrorBody>;
/** `{status, message?}`: the answer of an action that returns nothing else. */
export const StatusOk = Type.Object({ status: Type.String(), message: Type.Optional(Type.String()) });
export type StatusOk = Static<typeof StatusOk>;
/** `{status, message}`: the same with the message always present (job cancellation). */
export const StatusMessage = Type.Object({ status: Type.String(), message: Type.String() });
export type StatusMessage = Static<typeof StatusMessage>;

/** `limit` and `offset` of a paged list: 1 … max rows, `fallback` when absent. */
export const PageQuery = (max: number, fallback: number) => ({
  limit: Type.Integer({ minimum: 1, maximum: max, default: fallback }),
  offset: Offset(),
});

export const IdParam = Type.Object({ id: Id() });
export const JobIdParam = Type.Object({ job_id: Id() });
export const SlugParam = Type.Object({ slug: Type.String({ maxLength: 255 }) });
