import type {
  BulkDeleteBody,
  BulkRetranscodeBody,
  BulkUpdateBody,
} from '../../../contracts/api/video-bulk.contract.js';
import { badRequest } from '../../shared/errors.js';
import { toVideoUpdate, type VideoEditFields } from '../video-edit.js';
import type { RetranscodeName, VideoLifecycleService } from '../video-lifecycle.service.js';
import type { VideoService } from '../video.service.js';
import { bulkSummary, forEachVideo, type UnexpectedItemError } from './bulk-result.js';

/** The bulk update's fields as the single edit takes them: `unpublish` wins over a date. */
function editFieldsOf(body: BulkUpdateBody): VideoEditFields {
  const fields: VideoEditFields = {};
  if (body.category_id !== undefined && body.category_id !== null) fields.category_id = body.category_id;
  if (body.unpublish) fields.published_at = '';
  else if (body.published_at !== undefined && body.published_at !== null)
    fields.published_at = body.published_at;
  return fields;
}

/**
 * Bulk delete, update, retranscode and restore (api-admin.md §5.9). Each item is the single-video
 * operation itself (archive/restore/permanent delete, edit, retranscode), so its rules, texts and
 * events are the same; what is checked once for all (the update's values) is refused up front.
 */
export function createVideoBulkService(deps: {
  videos: Pick<VideoService, 'archive' | 'deletePermanently' | 'restore'>;
  lifecycle: Pick<VideoLifecycleService, 'update' | 'retranscode'>;
  categoryExists: (id: number) => Promise<boolean>;
  onUnexpected: UnexpectedItemError;
}) {
  const { videos, lifecycle, onUnexpected } = deps;

  return {
    async delete(body: BulkDeleteBody) {
      const remove = (id: number) => (body.permanent ? videos.deletePermanently(id) : videos.archive(id));
      return bulkSummary('deleted', await forEachVideo(body.video_ids, remove, onUnexpected));
    },

    async update(body: BulkUpdateBody) {
      const fields = editFieldsOf(body);
      if (Object.keys(fields).length === 0) throw badRequest('No update values provided');
      // Validates the category and the date once, before any video changes.
      await toVideoUpdate(fields, deps.categoryExists);
      const results = await forEachVideo(body.video_ids, (id) => lifecycle.update(id, fields), onUnexpected);
      return bulkSummary('updated', results);
    },

    async retranscode(body: BulkRetranscodeBody) {
      const names = body.qualities as RetranscodeName[];
      const results = await forEachVideo(
        body.video_ids,
        (id) => lifecycle.retranscode(id, names),
        onUnexpected,
      );
      return bulkSummary('queued', results);
    },

    async restore(body: { video_ids: number[] }) {
      return bulkSummary(
        'restored',
        await forEachVideo(body.video_ids, (id) => videos.restore(id), onUnexpected),
      );
    },
  };
}

export type VideoBulkService = ReturnType<typeof createVideoBulkService>;
