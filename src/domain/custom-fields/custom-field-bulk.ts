import type {
  BulkCustomFieldsBody,
  BulkCustomFieldsResult,
  BulkItemResult,
} from '../../contracts/api/custom-field.contract.js';
import { badRequest } from '../shared/errors.js';
import type { FieldDefinition } from './custom-field.mapper.js';
import type { CustomFieldRepository, FieldVideo } from './custom-field.repository.js';
import { validateFieldValues, type FieldEntry } from './field-values.js';

/** The bulk answer's summary: "ok" when every video succeeded, else "partial". */
export function summarise(
  results: BulkItemResult[],
): Omit<BulkCustomFieldsResult, 'updated'> & { done: number } {
  const failed = results.filter((r) => !r.success).length;
  return { status: failed === 0 ? 'ok' : 'partial', done: results.length - failed, failed, results };
}

/** Why the values cannot go on this video, or null. */
function refusal(video: FieldVideo | undefined, entries: FieldEntry<FieldDefinition>[]): string | null {
  if (!video || video.deleted) return 'Video not found';
  const foreign = entries.filter(
    (e) => e.field.category_id !== null && e.field.category_id !== video.category_id,
  );
  return foreign.length > 0 ? `Fields not applicable: ${foreign.map((e) => e.field.name).join(', ')}` : null;
}

/**
 * `POST /api/videos/bulk/custom-fields` (api-admin.md §5.9): the fields must exist and the values validate
 * (one 400 up front, nothing written); then each video on its own, in its own transaction — a missing or
 * archived video, or one whose category a scoped field does not apply to, fails alone.
 */
export async function bulkSetCustomFields(
  fields: CustomFieldRepository,
  body: BulkCustomFieldsBody,
): Promise<BulkCustomFieldsResult> {
  if (Object.keys(body.values).length === 0) throw badRequest('No update values provided');
  const { entries, errors } = validateFieldValues({
    definitions: await fields.list({ kind: 'all' }),
    values: body.values,
  });
  if (errors.length > 0) throw badRequest(errors.join('; '));

  const ids = [...new Set(body.video_ids)];
  const videos = new Map((await fields.videos(ids)).map((v) => [v.id, v]));
  const results: BulkItemResult[] = [];
  for (const id of ids) {
    const refused = refusal(videos.get(id), entries);
    const written = refused === null && (await fields.setValues(id, entries, { archived: false }));
    results.push({ video_id: id, success: written, error: written ? null : (refused ?? 'Video not found') });
  }
  const { done, ...summary } = summarise(results);
  return { ...summary, updated: done };
}
