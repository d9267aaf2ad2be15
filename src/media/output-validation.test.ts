import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseMediaPlaylist, validateMediaPlaylist } from './output-validation.js';

const TS_PLAYLIST = [
  '#EXTM3U',
  '#EXT-X-VERSION:3',
  '#EXT-X-TARGETDURATION:6',
  '#EXTINF:6.000000,',
  '720p_0000.ts',
  '#EXTINF:2.500000,',
  '720p_0001.ts',
  '#EXT-X-ENDLIST',
  '',
].join('\n');

const CMAF_PLAYLIST = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-MAP:URI="init.mp4"',
  '#EXTINF:1.000000,',
  'seg_0000.m4s',
  '#EXT-X-ENDLIST',
].join('\n');

describe('parseMediaPlaylist', () => {
  it('reads segments, durations, the init map and the end marker', () => {
    expect(parseMediaPlaylist(CMAF_PLAYLIST)).toEqual({
      startsWithExtM3u: true,
      hasEndList: true,
      initUri: 'init.mp4',
      segments: [{ uri: 'seg_0000.m4s', duration: 1 }],
    });
    expect(parseMediaPlaylist(TS_PLAYLIST).segments.map((s) => s.duration)).toEqual([6, 2.5]);
  });
});

describe('validateMediaPlaylist', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vlog-validate-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = (name: string, data: string | Buffer): Promise<void> => writeFile(join(dir, name), data);

  it('accepts a complete TS rendition and sums EXTINF', async () => {
    await write('720p.m3u8', TS_PLAYLIST);
    await write('720p_0000.ts', 'x');
    await write('720p_0001.ts', 'x');
    const result = await validateMediaPlaylist(join(dir, '720p.m3u8'));
    expect(result).toMatchObject({ segmentCount: 2, durationSeconds: 8.5, initPath: null });
  });

  it('accepts a CMAF rendition with init and moof', async () => {
    await mkdir(join(dir, '1080p'));
    await write('1080p/stream.m3u8', CMAF_PLAYLIST);
    await write('1080p/init.mp4', 'ftyp');
    await write('1080p/seg_0000.m4s', Buffer.from('\0\0\0\x18stypmsdh\0\0\0\0moof'));
    const result = await validateMediaPlaylist(join(dir, '1080p/stream.m3u8'));
    expect(result).toMatchObject({
      segmentCount: 1,
      durationSeconds: 1,
      initPath: join(dir, '1080p/init.mp4'),
    });
  });

  it.each([
    ['a missing playlist', {}, /playlist was not written/],
    ['no #EXTM3U', { 'p.m3u8': TS_PLAYLIST.replace('#EXTM3U\n', '') }, /#EXTM3U/],
    ['no end list', { 'p.m3u8': TS_PLAYLIST.replace('#EXT-X-ENDLIST', '') }, /ENDLIST/],
    ['no segments', { 'p.m3u8': '#EXTM3U\n#EXT-X-ENDLIST\n' }, /no segments/],
    [
      'a missing segment',
      { 'p.m3u8': TS_PLAYLIST, '720p_0000.ts': 'x' },
      /1 segment\(s\) missing or empty \(first: 720p_0001.ts\)/,
    ],
    [
      'an empty segment',
      { 'p.m3u8': TS_PLAYLIST, '720p_0000.ts': 'x', '720p_0001.ts': '' },
      /missing or empty/,
    ],
    ['a missing init segment', { 'p.m3u8': CMAF_PLAYLIST, 'seg_0000.m4s': 'moof' }, /init segment/],
    ['a non-fMP4 segment', { 'p.m3u8': CMAF_PLAYLIST, 'init.mp4': 'x', 'seg_0000.m4s': 'nope' }, /moof/],
  ])('rejects %s', async (_label, files: Record<string, string>, message) => {
    for (const [name, data] of Object.entries(files)) await write(name, data);
    await expect(validateMediaPlaylist(join(dir, 'p.m3u8'), { label: '720p' })).rejects.toMatchObject({
      code: 'invalid_output',
      message: expect.stringMatching(message),
    });
  });
});
