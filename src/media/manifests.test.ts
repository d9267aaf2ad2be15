import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeManifests } from './manifests.js';
import type { RenditionResult } from './transcode-ladder.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vlog-manifests-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const rendition = (name: '720p' | '480p', width: number, height: number, kbps: number, codecs: string) =>
  ({
    name,
    width,
    height,
    bitrateKbps: kbps,
    segmentCount: 3,
    durationSeconds: 5,
    playlistPath: '/ignored',
    codecs,
  }) satisfies RenditionResult;

const original = { bandwidthBps: 1_800_000, codecs: 'avc1.64001f,mp4a.40.2', width: 1280, height: 720 };

/** writeManifests into the test's directory for a 5 s video in 2 s segments (DASH requested unless `enableDash`). */
const write = (
  format: 'cmaf' | 'hls_ts',
  renditions: RenditionResult[],
  extra: { original?: typeof original; durationSeconds?: number; enableDash?: boolean } = {},
) =>
  writeManifests({
    format,
    outputDir: dir,
    renditions,
    durationSeconds: 5,
    segmentDuration: 2,
    enableDash: true,
    ...extra,
  });

describe('writeManifests', () => {
  it('CMAF: master v7 with CODECS and no original, plus one-AdaptationSet DASH', async () => {
    const written = await write(
      'cmaf',
      [
        rendition('480p', 854, 480, 1000, 'av01.0.04M.08,mp4a.40.2'),
        rendition('720p', 1280, 720, 2500, 'av01.0.05M.08,mp4a.40.2'),
      ],
      { original, durationSeconds: 5.005 },
    );
    expect(written).toEqual({ masterPath: join(dir, 'master.m3u8'), dashPath: join(dir, 'manifest.mpd') });
    expect(await readFile(written.masterPath, 'utf8')).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:7',
        '',
        '#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="av01.0.05M.08,mp4a.40.2"',
        '720p/stream.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=854x480,CODECS="av01.0.04M.08,mp4a.40.2"',
        '480p/stream.m3u8',
        '',
      ].join('\n'),
    );
    const mpd = await readFile(join(dir, 'manifest.mpd'), 'utf8');
    expect(mpd).toContain('mediaPresentationDuration="PT0H0M5.005S"');
    expect(mpd.match(/<AdaptationSet /g)).toHaveLength(1);
    expect(mpd).toContain(
      '<SegmentTemplate timescale="1000" duration="2000" startNumber="0" initialization="720p/init.mp4" media="720p/seg_$Number%04d$.m4s"/>',
    );
    expect(mpd).not.toContain('original');
    expect((await readdir(dir)).sort()).toEqual(['manifest.mpd', 'master.m3u8']); // no temp files left
  });

  it('CMAF without DASH writes only the master', async () => {
    const written = await write('cmaf', [rendition('480p', 854, 480, 1000, 'avc1.64001e,mp4a.40.2')], {
      enableDash: false,
    });
    expect(written.dashPath).toBeNull();
    expect(await readdir(dir)).toEqual(['master.m3u8']);
  });

  it('HLS/TS: master v3, original first with its measured bandwidth, never DASH', async () => {
    const written = await write(
      'hls_ts',
      [
        rendition('480p', 854, 480, 1000, 'hvc1.1.6.L90.90,mp4a.40.2'),
        rendition('720p', 1280, 720, 2500, 'hvc1.1.6.L93.90,mp4a.40.2'),
      ],
      { original },
    );
    expect(written.dashPath).toBeNull();
    expect(await readFile(written.masterPath, 'utf8')).toBe(
      [
        '#EXTM3U',
        '#EXT-X-VERSION:3',
        '',
        '#EXT-X-STREAM-INF:BANDWIDTH=1800000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"',
        'original.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=2500000,RESOLUTION=1280x720,CODECS="hvc1.1.6.L93.90,mp4a.40.2"',
        '720p.m3u8',
        '#EXT-X-STREAM-INF:BANDWIDTH=1000000,RESOLUTION=854x480,CODECS="hvc1.1.6.L90.90,mp4a.40.2"',
        '480p.m3u8',
        '',
      ].join('\n'),
    );
  });

  it('refuses an empty rendition list', async () => {
    await expect(write('cmaf', [])).rejects.toThrow(RangeError);
  });
});
