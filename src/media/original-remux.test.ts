import { describe, expect, it } from 'vitest';
import {
  buildOriginalRemuxCommand,
  FALLBACK_ORIGINAL_BANDWIDTH_BPS,
  originalBandwidthBps,
  originalRemuxTimeoutSeconds,
  originalSupport,
} from './original-remux.js';

describe('originalSupport', () => {
  it.each([
    ['h264', 'aac'],
    ['hevc', 'aac'],
    ['h264', 'mp3'],
    ['h264', 'ac3'],
    ['hevc', 'eac3'],
    ['h264', null],
  ])('copies %s + %s into MPEG-TS', (videoCodec, audioCodec) => {
    expect(originalSupport({ videoCodec, audioCodec })).toEqual({ supported: true });
  });

  it('skips codecs MPEG-TS cannot carry by copy, with a reason', () => {
    expect(originalSupport({ videoCodec: 'vp9', audioCodec: 'opus' })).toEqual({
      supported: false,
      reason: 'the source video codec vp9 cannot be copied into MPEG-TS (only H.264 and HEVC)',
    });
    expect(originalSupport({ videoCodec: 'h264', audioCodec: 'opus' })).toEqual({
      supported: false,
      reason: 'the source audio codec opus cannot be copied into MPEG-TS (only AAC, MP3, AC-3, E-AC-3)',
    });
    expect(originalSupport({ videoCodec: 'av1', audioCodec: null })).toMatchObject({ supported: false });
  });
});

describe('buildOriginalRemuxCommand', () => {
  it('stream-copies the first video and audio track into original.m3u8 + original_%04d.ts', () => {
    expect(
      buildOriginalRemuxCommand({
        input: '/up/42.mp4',
        outputDir: '/out',
        segmentDuration: 6,
        probe: { videoCodec: 'h264', audioCodec: 'aac' },
      }),
    ).toEqual([
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-y', '-progress', 'pipe:1'],
      ...['-i', '/up/42.mp4', '-map', '0:V:0', '-map', '0:a:0?', '-c:v', 'copy', '-c:a', 'copy'],
      ...['-output_ts_offset', '10'],
      ...['-f', 'hls', '-hls_time', '6', '-hls_list_size', '0', '-hls_playlist_type', 'vod'],
      ...['-hls_flags', 'temp_file', '-hls_segment_filename', '/out/original_%04d.ts', '/out/original.m3u8'],
    ]);
  });

  it('refuses a source it cannot copy', () => {
    expect(() =>
      buildOriginalRemuxCommand({
        input: 'in.webm',
        outputDir: '/out',
        segmentDuration: 6,
        probe: { videoCodec: 'vp9', audioCodec: 'opus' },
      }),
    ).toThrow(/no original remux: the source video codec vp9/);
  });
});

describe('originalBandwidthBps', () => {
  it('is bytes × 8 / duration, with the spec fallback', () => {
    expect(originalBandwidthBps(10_000_000, 8)).toBe(10_000_000);
    expect(originalBandwidthBps(1_234_567, 2)).toBe(4_938_268);
    expect(originalBandwidthBps(undefined, 8)).toBe(FALLBACK_ORIGINAL_BANDWIDTH_BPS);
    expect(originalBandwidthBps(1000, 0)).toBe(FALLBACK_ORIGINAL_BANDWIDTH_BPS);
  });
});

describe('originalRemuxTimeoutSeconds', () => {
  it('is a third of the 1080p budget, at least the minimum', () => {
    expect(originalRemuxTimeoutSeconds(3600)).toBe(4800); // 3600 × 2 × 2 = 14400 (the maximum) / 3
    expect(originalRemuxTimeoutSeconds(10)).toBe(300);
    expect(originalRemuxTimeoutSeconds(1000, { minimum: 60, multiplier: 1 })).toBe(2000 / 3);
  });
});
