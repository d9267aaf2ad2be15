import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildMasterPlaylist,
  codecsString,
  h264LevelForSize,
  writeMasterPlaylist,
} from './master-playlist.js';

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
      variants: [
        { name: '360p', width: 640, height: 360, bandwidthBps: 600_000, uri: '360p.m3u8' },
        { name: 'original', width: 1920, height: 1080, bandwidthBps: 8_123_456, uri: 'original.m3u8' },
      ],
    });
    expect(text).toBe(
      '#EXTM3U\n#EXT-X-VERSION:3\n\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=8123456,RESOLUTION=1920x1080\noriginal.m3u8\n' +
        '#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=640x360\n360p.m3u8\n',
    );
  });

  it('refuses an empty variant list', () => {
    expect(() => buildMasterPlaylist({ format: 'cmaf', variants: [] })).toThrow(RangeError);
  });

  it('writes the file atomically', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vlog-master-'));
    try {
      const path = join(dir, 'master.m3u8');
      const variants = [{ name: '360p', width: 640, height: 360, bandwidthBps: 600_000, uri: '360p.m3u8' }];
      await writeMasterPlaylist(path, { format: 'hls_ts', variants });
      await writeMasterPlaylist(path, { format: 'hls_ts', variants });
      expect(await readFile(path, 'utf8')).toContain('360p.m3u8');
      expect(await readdir(dir)).toEqual(['master.m3u8']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
