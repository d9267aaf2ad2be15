import { describe, expect, it } from 'vitest';
import {
  audioCodecString,
  av1LevelForSize,
  buildMasterPlaylist,
  codecsString,
  h264LevelForSize,
  hevcLevelForSize,
  videoCodecString,
  type CodecsStringOptions,
} from './master-playlist.js';

/** An HLS/TS variant `<name>.m3u8` of the given size and bandwidth (no CODECS). */
const tsVariant = (name: string, width: number, height: number, bandwidthBps: number) => ({
  name,
  width,
  height,
  bandwidthBps,
  uri: `${name}.m3u8`,
});

describe('buildMasterPlaylist', () => {
  it('writes a CMAF master (version 7, CODECS), highest bandwidth first', () => {
    const text = buildMasterPlaylist({
      format: 'cmaf',
      variants: [
        {
          name: '720p',
          width: 1280,
          height: 720,
          bandwidthBps: 2_500_000,
          codecs: 'avc1.64001f,mp4a.40.2',
          uri: '720p/stream.m3u8',
        },
        {
          name: '1080p',
          width: 1920,
          height: 1080,
          bandwidthBps: 5_000_000,
          codecs: 'avc1.640028,mp4a.40.2',
          uri: '1080p/stream.m3u8',
        },
      ],
    });
    expect(text).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '',
        '#EXT-X-STREAM-INF:BANDWIDTH=5000000,RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2"',
        '1080p/stream.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
        '720p/stream.m3u8',
        '',
      ].join('\n'),
    );
  });

  it('writes an HLS/TS master (version 3), without CODECS when none is given', () => {
    const text = buildMasterPlaylist({
      format: 'hls_ts',
      variants: [tsVariant('360p', 640, 360, 600_000), tsVariant('original', 1920, 1080, 8_123_456)],
    });
    expect(text).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=8123456,RESOLUTION=1920x1080\noriginal.m3u8\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=640x360\n360p.m3u8\n',
    );
  });

  it('lists a pinned first variant (the original) before the sorted ones', () => {
    const text = buildMasterPlaylist({
      format: 'hls_ts',
      variants: [tsVariant('360p', 640, 360, 600_000), tsVariant('720p', 1280, 720, 2_500_000)],
      first: tsVariant('original', 1280, 720, 900_000),
    });
    expect(text.split('\n').filter((l) => l.endsWith('.m3u8'))).toEqual([
      'original.m3u8',
      '720p.m3u8',
      '360p.m3u8',
    ]);
  });

  it('refuses an empty variant list', () => {
    expect(() => buildMasterPlaylist({ format: 'cmaf', variants: [] })).toThrow(RangeError);
  });
});

describe('codecsString', () => {
  it.each([
    [360, 'avc1.64001f'],
    [720, 'avc1.64001f'],
    [1080, 'avc1.640028'],
    [1440, 'avc1.640032'],
    [2160, 'avc1.640033'],
  ])('H.264 High level for %ip', (height, video) => {
    expect(codecsString({ videoCodec: 'h264', height, hasAudio: true })).toBe(`${video},mp4a.40.2`);
  });

  it('omits audio for a video-only source', () => {
    expect(codecsString({ videoCodec: 'h264', height: 1080, hasAudio: false })).toBe('avc1.640028');
  });

  it('uses the short side for portrait frames, and an explicit profile/level when known', () => {
    expect(h264LevelForSize(1920, 1080)).toBe(40);
    expect(codecsString({ videoCodec: 'h264', width: 1080, height: 1920, hasAudio: false })).toBe(
      'avc1.640028',
    );
    expect(codecsString({ videoCodec: 'h264', height: 1080, hasAudio: false, level: 42 })).toBe(
      'avc1.64002a',
    );
    expect(
      codecsString({ videoCodec: 'h264', height: 480, hasAudio: true, profile: 'main', level: 30 }),
    ).toBe('avc1.4d001e,mp4a.40.2');
  });
});

describe('CODECS for HEVC and AV1', () => {
  it.each<[string, CodecsStringOptions, string]>([
    [
      'HEVC Main at its probed level',
      { videoCodec: 'hevc', width: 1280, height: 720, hasAudio: false, profile: 'Main', level: 93 },
      'hvc1.1.6.L93.90',
    ],
    [
      'HEVC Main 10',
      { videoCodec: 'hevc', height: 2160, hasAudio: false, profile: 'Main 10', level: 153 },
      'hvc1.2.4.L153.90',
    ],
    [
      'AV1 Main 8-bit',
      { videoCodec: 'av1', width: 1920, height: 1080, hasAudio: false, profile: 'Main', level: 8 },
      'av01.0.08M.08',
    ],
    [
      'AV1 Main 10-bit',
      { videoCodec: 'av1', height: 2160, hasAudio: false, profile: 'Main', level: 12, pixFmt: 'yuv420p10le' },
      'av01.0.12M.10',
    ],
    [
      'AV1 High',
      { videoCodec: 'av1', height: 1080, hasAudio: false, profile: 'High', level: 8 },
      'av01.1.08M.08',
    ],
  ])(
    'videoCodecString for %s (hvc1.<profile>.<compat>.L<level>.90, av01.<profile>.<level><tier>.<depth>)',
    (_case, opts, expected) => {
      expect(videoCodecString(opts)).toBe(expected);
    },
  );

  it('HEVC and AV1 take their level from the size when ffprobe reports none', () => {
    expect(codecsString({ videoCodec: 'hevc', width: 1920, height: 1080, hasAudio: true })).toBe(
      'hvc1.1.6.L120.90,mp4a.40.2',
    );
    expect(hevcLevelForSize(854, 480)).toBe(90);
    expect(hevcLevelForSize(3840, 2160)).toBe(150);
    expect(codecsString({ videoCodec: 'av1', width: 854, height: 480, hasAudio: true })).toBe(
      'av01.0.04M.08,mp4a.40.2',
    );
    expect(av1LevelForSize(640, 360)).toBe(1);
    expect(av1LevelForSize(1280, 720)).toBe(5);
  });

  it('maps the audio codec of a copied original', () => {
    expect(audioCodecString('aac')).toBe('mp4a.40.2');
    expect(audioCodecString('mp3')).toBe('mp4a.40.34');
    expect(audioCodecString('ac3')).toBe('ac-3');
    expect(audioCodecString('eac3')).toBe('ec-3');
    expect(audioCodecString('opus')).toBe('opus');
    expect(audioCodecString(null)).toBe('mp4a.40.2');
    expect(
      codecsString({
        videoCodec: 'h264',
        height: 720,
        hasAudio: true,
        audioCodec: 'ac3',
        profile: 'Main',
        level: 31,
      }),
    ).toBe('avc1.4d001f,ac-3');
  });

  it('refuses a codec it has no string for', () => {
    expect(() => videoCodecString({ videoCodec: 'vp9', height: 720, hasAudio: false })).toThrow(RangeError);
  });
});
