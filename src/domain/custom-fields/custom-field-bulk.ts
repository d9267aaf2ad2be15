import type { BulkCustomFieldsBody } from '../../contracts/api/custom-field.contract.js';
import { badRequest, notFound } from '../shared/errors.js';
import { bulkSummary, forEachVideo, type UnexpectedItemError } from '../videos/bulk/bulk-result.js';
import type { FieldDefinition } from './custom-field.mapper.js';
import type { CustomFieldRepository, FieldVideo } from './custom-field.repository.js';
import { validateFieldValues, type FieldEntry } from './field-values.js';

/** Refuses a video the values cannot go on: missing, archived, or outside a scoped field's category. */
function checkApplicable(video: FieldVideo | undefined, entries: FieldEntry<FieldDefinition>[]): void {
  if (!video || video.deleted) throw notFound('Video not found');
  const foreign = entries.filter(
    (e) => e.field.category_id !== null && e.field.category_id !== video.category_id,
  );
  if (foreign.length > 0)
    throw badRequest(`Fields not applicable: ${foreign.map((e) => e.field.name).join(', ')}`);
}

/**
 * `POST /api/videos/bulk/custom-fields` (api-admin.md §5.9): the fields must exist and the values validate
 * (one 400 up front, nothing written); then each video on its own, in its own transaction — a missing or
 * archived video, or one whose category a scoped field does not apply to, fails alone.
 */
export async function bulkSetCustomFields(
  deps: { fields: CustomFieldRepository; onUnexpected: UnexpectedItemError },
  body: BulkCustomFieldsBody,
) {
  const { fields } = deps;
  if (Object.keys(body.values).length === 0) throw badRequest('No update values provided');
  const definitions = await fields.list({ kind: 'all' });
  const { entries, errors } = validateFieldValues({ definitions, values: body.values });
  if (errors.length > 0) throw badRequest(errors.join('; '));

  const videos = new Map((await fields.videos(body.video_ids)).map((v) => [v.id, v]));
  const write = async (id: number) => {
    checkApplicable(videos.get(id), entries);
    // Archived (or deleted) since it was read: the locked re-check in the transaction decides.
    if (!(await fields.setValues(id, entries, { archived: false }))) throw notFound('Video not found');
  };
  return bulkSummary('updated', await forEachVideo(body.video_ids, write, deps.onUnexpected));
}
