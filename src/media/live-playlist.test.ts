import { describe, expect, it } from 'vitest';
import {
  buildMediaPlaylist,
  contiguousPrefix,
  readEncodeParameters,
  segmentNumber,
} from './live-playlist.js';
import { parseMediaPlaylist } from './output-validation.js';

const segments = [
  { uri: 'seg_0000.m4s', duration: 2 },
  { uri: 'seg_0001.m4s', duration: 2.002 },
];

/** An EVENT playlist of `segments` in 2 s CMAF segments at 30 fps; `changes` override any of that. */
const playlist = (changes: Partial<Parameters<typeof buildMediaPlaylist>[0]> = {}) =>
  buildMediaPlaylist({
    type: 'event',
    segmentDuration: 2,
    frameRate: 30,
    initUri: 'init.mp4',
    segments,
    ...changes,
  });

describe('buildMediaPlaylist', () => {
  it('writes a growing EVENT playlist without ENDLIST', () => {
    const text = playlist();
    expect(text.split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:7',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-MEDIA-SEQUENCE:0',
      '#EXT-X-PLAYLIST-TYPE:EVENT',
      '#EXT-X-INDEPENDENT-SEGMENTS',
      '# vlog-encode segment-duration=2 frame-rate=30',
      '#EXT-X-MAP:URI="init.mp4"',
      '#EXTINF:2.000000,',
      'seg_0000.m4s',
      '#EXTINF:2.002000,',
      'seg_0001.m4s',
      '',
    ]);
    expect(parseMediaPlaylist(text)).toMatchObject({ hasEndList: false, initUri: 'init.mp4', segments });
  });

  it('ends a VOD playlist with ENDLIST; MPEG-TS has no map and version 3', () => {
    const ts = [{ uri: '720p_0000.ts', duration: 1.5 }];
    const text = playlist({ type: 'vod', segmentDuration: 6, frameRate: 0, initUri: null, segments: ts });
    expect(text).toContain('#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n');
    expect(text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(text).not.toContain('#EXT-X-MAP');
    expect(text.endsWith('720p_0000.ts\n#EXT-X-ENDLIST\n')).toBe(true);
  });

  it('raises the target duration when a segment rounds above the grid (RFC 8216 §4.3.3.1)', () => {
    const long = [{ uri: 'seg_0000.m4s', duration: 2.6 }];
    const text = playlist({ frameRate: 25, initUri: null, segments: long });
    expect(text).toContain('#EXT-X-TARGETDURATION:3');
  });
});

describe('readEncodeParameters', () => {
  it('reads back what buildMediaPlaylist wrote, and null for foreign playlists', () => {
    const text = playlist({ segmentDuration: 4, frameRate: 29.97002997002997, initUri: null });
    expect(readEncodeParameters(text)).toEqual({ segmentDuration: 4, frameRate: 29.97002997002997 });
    expect(readEncodeParameters('#EXTM3U\n#EXT-X-TARGETDURATION:6\n')).toBeNull();
  });
});

describe('segmentNumber and contiguousPrefix', () => {
  it('numbers CMAF and TS segment names', () => {
    expect(segmentNumber('seg_0004.m4s')).toBe(4);
    expect(segmentNumber('1080p_0012.ts')).toBe(12);
    expect(segmentNumber('seg_12345.m4s')).toBe(12345);
    expect(segmentNumber('init.mp4')).toBeNull();
  });

  it('keeps segments 0, 1, 2 … up to the first gap, renumbering or empty duration', () => {
    const s = (n: number, duration = 2) => ({ uri: `seg_${String(n).padStart(4, '0')}.m4s`, duration });
    expect(contiguousPrefix([s(0), s(1), s(3)])).toEqual([s(0), s(1)]);
    expect(contiguousPrefix([s(1), s(2)])).toEqual([]);
    expect(contiguousPrefix([s(0), s(1, 0), s(2)])).toEqual([s(0)]);
  });
});
