import { Type } from '@sinclair/typebox';
import { Id } from '../schema-blocks.js';

/**
 * What every job kind of the worker protocol shares: the schema builders (the same bounds as the admin
 * and public APIs') and the URL parameters of the job endpoints.
 */
export { Int4, Nullable, Seconds } from '../schema-blocks.js';

export const JobIdParam = Type.Object({ job_id: Id() });
export const VideoIdParam = Type.Object({ video_id: Id() });
/** A file of a job at its path inside the video directory (`files/*`). */
export const JobFileParams = Type.Object({
  job_id: Id(),
  '*': Type.String({ minLength: 1, maxLength: 300, description: 'path inside the video directory' }),
});

/** The answer to a file upload: what was written where. */
export const uploadedFields = {
  status: Type.String(),
  path: Type.String(),
  bytes_written: Type.Integer(),
};
