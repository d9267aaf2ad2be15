import { Type, type IntegerOptions, type NumberOptions, type TSchema } from '@sinclair/typebox';

/**
 * What every job kind of the worker protocol shares: the schema builders (the same bounds as the admin
 * and public APIs') and the URL parameters of the job endpoints.
 */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The largest PostgreSQL `integer`. */
const INT4_MAX = 2147483647;

/** An integer a PostgreSQL `integer` column takes. */
export const Int4 = (options: IntegerOptions = {}) =>
  Type.Integer({ minimum: -INT4_MAX - 1, maximum: INT4_MAX, ...options });

/** A duration or a position in a video, in seconds (about 115 days at most). */
export const Seconds = (options: NumberOptions = {}) =>
  Type.Number({ minimum: 0, maximum: 10_000_000, ...options });

const RowId = () => Type.Integer({ minimum: 1, maximum: INT4_MAX });

export const JobIdParam = Type.Object({ job_id: RowId() });
export const VideoIdParam = Type.Object({ video_id: RowId() });
/** A file of a job at its path inside the video directory (`files/*`). */
export const JobFileParams = Type.Object({
  job_id: RowId(),
  '*': Type.String({ minLength: 1, maxLength: 300, description: 'path inside the video directory' }),
});

/** The answer to a file upload: what was written where. */
export const uploadedFields = {
  status: Type.String(),
  path: Type.String(),
  bytes_written: Type.Integer(),
};
