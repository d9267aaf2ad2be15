import { describe, expect, it } from 'vitest';
import { badRequest, notFound } from '../../shared/errors.js';
import { bulkSummary, distinctIds, forEachVideo } from './bulk-result.js';

describe('bulk results', () => {
  it('keeps the first order of distinct ids', () => {
    expect(distinctIds([3, 1, 3, 2, 1])).toEqual([3, 1, 2]);
  });

  it('runs each distinct id once; refusals become the item error, other errors are reported', async () => {
    const seen: number[] = [];
    const unexpected: number[] = [];
    const results = await forEachVideo(
      [1, 2, 2, 3, 4],
      async (id) => {
        seen.push(id);
        if (id === 2) throw notFound('Video not found');
        if (id === 3) throw new Error('connection reset at /var/lib/secret');
        if (id === 4) throw badRequest('Video is not deleted');
      },
      (_err, id) => unexpected.push(id),
    );
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(unexpected).toEqual([3]);
    expect(results).toEqual([
      { video_id: 1, success: true, error: null },
      { video_id: 2, success: false, error: 'Video not found' },
      { video_id: 3, success: false, error: 'Internal error' },
      { video_id: 4, success: false, error: 'Video is not deleted' },
    ]);
    expect(bulkSummary('updated', results)).toEqual({ status: 'partial', updated: 1, failed: 3, results });
  });

  it('is "ok" when nothing failed', () => {
    const results = [{ video_id: 5, success: true, error: null }];
    expect(bulkSummary('queued', results)).toEqual({ status: 'ok', queued: 1, failed: 0, results });
  });
});
