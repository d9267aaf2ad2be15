import type { BulkItemResult } from '../../../contracts/api/video-bulk.contract.js';
import { DomainError } from '../../shared/errors.js';

export type { BulkItemResult };

/** Told about an item's failure that is not a refusal (a bug, a lost database), for the server log. */
export type UnexpectedItemError = (err: unknown, videoId: number) => void;

/** The distinct ids in their first order: a repeated id is one item. */
export function distinctIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

/**
 * Runs `operation` for each distinct id, one after another (each is the single-video operation with
 * its own transaction, so one item's failure never undoes another's success). A refusal
 * (`DomainError`) becomes the item's error text; anything else is reported and answered without
 * internals.
 */
export async function forEachVideo(
  ids: readonly number[],
  operation: (videoId: number) => Promise<unknown>,
  onUnexpected: UnexpectedItemError,
): Promise<BulkItemResult[]> {
  const results: BulkItemResult[] = [];
  for (const videoId of distinctIds(ids)) {
    try {
      await operation(videoId);
      results.push({ video_id: videoId, success: true, error: null });
    } catch (err) {
      if (!(err instanceof DomainError)) onUnexpected(err, videoId);
      const error = err instanceof DomainError ? err.message : 'Internal error';
      results.push({ video_id: videoId, success: false, error });
    }
  }
  return results;
}

/** The answer of every bulk operation: `{status, <countField>, failed, results}` (api-admin.md §5.9). */
export function bulkSummary<K extends string>(countField: K, results: BulkItemResult[]) {
  const failed = results.filter((r) => !r.success).length;
  return {
    status: failed === 0 ? ('ok' as const) : ('partial' as const),
    ...({ [countField]: results.length - failed } as Record<K, number>),
    failed,
    results,
  };
}
