import { describe, expect, it } from 'vitest';
import { toRetentionResponse } from './retention.mapper.js';

describe('toRetentionResponse', () => {
  it('places buckets + 1 points from start to end and rounds the shares to 4 dp', () => {
    const rows = [
      { index: 0, reached: 3, sessions: 3 },
      { index: 1, reached: 2, sessions: 3 },
      { index: 2, reached: 1, sessions: 3 },
      { index: 3, reached: 0, sessions: 3 },
    ];
    expect(toRetentionResponse({ videoId: 7, duration: 10, buckets: 3, rows })).toEqual({
      video_id: 7,
      duration: 10,
      sessions: 3,
      points: [
        { position_seconds: 0, percent_of_duration: 0, share: 1 },
        { position_seconds: 3.33, percent_of_duration: 33.3, share: 0.6667 },
        { position_seconds: 6.67, percent_of_duration: 66.7, share: 0.3333 },
        { position_seconds: 10, percent_of_duration: 100, share: 0 },
      ],
    });
  });

  it('answers zero shares without sessions and no points without a duration', () => {
    const none = [0, 1, 2].map((index) => ({ index, reached: 0, sessions: 0 }));
    expect(toRetentionResponse({ videoId: 1, duration: 4, buckets: 2, rows: none }).points).toEqual([
      { position_seconds: 0, percent_of_duration: 0, share: 0 },
      { position_seconds: 2, percent_of_duration: 50, share: 0 },
      { position_seconds: 4, percent_of_duration: 100, share: 0 },
    ]);
    const rows = [0, 1, 2].map((index) => ({ index, reached: 2, sessions: 2 }));
    expect(toRetentionResponse({ videoId: 1, duration: 0, buckets: 2, rows })).toEqual({
      video_id: 1,
      duration: 0,
      sessions: 2,
      points: [],
    });
  });
});
