import { Type, type Static } from '@sinclair/typebox';

/**
 * POST /api/videos and POST /api/videos/{id}/re-upload (api-admin.md §5.2, §5.4). Both take
 * multipart/form-data read part by part, so only their answer has a schema.
 */
export const UploadResponse = Type.Object({
  status: Type.String(),
  video_id: Type.Integer(),
  slug: Type.String(),
  message: Type.String(),
});
export type UploadResponse = Static<typeof UploadResponse>;
