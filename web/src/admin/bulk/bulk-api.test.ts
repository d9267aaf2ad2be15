import { describe, expect, it } from 'vitest';
import { bulkSummaryText } from './bulk-api.js';

describe('bulk summary text', () => {
  const titles = new Map([[1, 'First']]);
  it('counts successes and names each failure', () => {
    const answer = {
      status: 'partial' as const,
      failed: 2,
      results: [
        { video_id: 1, success: false, error: 'Video is not deleted' },
        { video_id: 2, success: true, error: null },
        { video_id: 9, success: false, error: 'Video not found' },
      ],
    };
    expect(bulkSummaryText('restore', answer, titles)).toBe(
      '1 restored, 2 failed: “First” — Video is not deleted; #9 — Video not found',
    );
  });
  it('is short when all succeeded', () => {
    const answer = {
      status: 'ok' as const,
      failed: 0,
      results: [{ video_id: 1, success: true, error: null }],
    };
    expect(bulkSummaryText('update', answer, titles)).toBe('1 updated, 0 failed');
  });
});
