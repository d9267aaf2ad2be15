import { describe, expect, it } from 'vitest';
import { isRenditionFile } from './hls-layout.js';

describe('isRenditionFile', () => {
  it('accepts the playlist, init and segments of a CMAF rendition, nothing else', () => {
    for (const ok of ['360p/stream.m3u8', '360p/init.mp4', '1080p/seg_0000.m4s', '2160p/seg_12345.m4s'])
      expect(isRenditionFile('cmaf', ok), ok).toBe(true);
    for (const bad of [
      '360p.m3u8',
      '360p_0000.ts',
      '360p/seg_0.m4s',
      '360p/seg_0000.ts',
      'original/stream.m3u8',
      '9999p/stream.m3u8',
      '360p/sub/seg_0000.m4s',
      '../360p/stream.m3u8',
      'master.m3u8',
    ])
      expect(isRenditionFile('cmaf', bad), bad).toBe(false);
  });

  it('accepts the playlist and segments of an HLS/TS rendition, nothing else', () => {
    for (const ok of ['360p.m3u8', '360p_0000.ts', '720p_0042.ts'])
      expect(isRenditionFile('hls_ts', ok), ok).toBe(true);
    for (const bad of ['360p/stream.m3u8', '360p/init.mp4', 'original.m3u8', 'original_0000.ts', '360p_1.ts'])
      expect(isRenditionFile('hls_ts', bad), bad).toBe(false);
  });
});
