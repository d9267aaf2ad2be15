import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectHardware, selectEncoder } from '../../src/media/hwaccel.js';
import { planLadder, type StreamingFormat, type VideoCodec } from '../../src/media/ladder.js';
import { writeManifests } from '../../src/media/manifests.js';
import { remuxOriginal } from '../../src/media/original-remux.js';
import { parseMediaPlaylist } from '../../src/media/output-validation.js';
import { probeMedia, type ProbeResult } from '../../src/media/probe.js';
import { transcodeLadder, type RenditionResult } from '../../src/media/transcode-ladder.js';
import { getClip } from '../helpers/media-clips.js';

/**
 * Every supported streaming format × codec on real ffmpeg, with a 5 s 854x480 clip and 2 s segments
 * (→ 2 + 2 + 1 s): codec and tag of the produced streams, sizes, durations, segment lengths, segment
 * boundaries shared by all renditions, the DASH manifest as ffprobe reads it, and the original remux.
 */

const execFileAsync = promisify(execFile);
const SEGMENT = 2;
const CLIP_SECONDS = 5;

let workDir: string;
let input: string;
let probe: ProbeResult;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'vlog-formats-'));
  input = await getClip('landscape480x5s');
  probe = await probeMedia(input);
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

interface StreamSeen {
  duration: number;
  video: { codec_name: string; codec_tag_string: string; width: number; height: number };
  hasAudio: boolean;
}

async function ffprobe(path: string): Promise<StreamSeen> {
  const { stdout } = await execFileAsync('ffprobe', [
    ...['-v', 'error', '-of', 'json'],
    ...['-show_entries', 'format=duration:stream=codec_type,codec_name,codec_tag_string,width,height'],
    path,
  ]);
  const data = JSON.parse(stdout) as {
    format: { duration: string };
    streams: (StreamSeen['video'] & { codec_type: string })[];
  };
  const video = data.streams.find((s) => s.codec_type === 'video');
  if (!video) throw new Error(`${path}: no video stream`);
  return {
    duration: Number(data.format.duration),
    video,
    hasAudio: data.streams.some((s) => s.codec_type === 'audio'),
  };
}

async function extinfs(playlist: string): Promise<number[]> {
  return parseMediaPlaylist(await readFile(playlist, 'utf8')).segments.map((s) => s.duration);
}

const CODECS_PREFIX: Record<VideoCodec, RegExp> = {
  h264: /^avc1\.64001[ef],mp4a\.40\.2$/, // High, level 3.0 or 3.1 (x264 decides from size and rates)
  hevc: /^hvc1\.1\.6\.L\d+\.90,mp4a\.40\.2$/,
  av1: /^av01\.0\.\d\dM\.08,mp4a\.40\.2$/,
};

/** Ladders produced by the matrix, reused by the original-remux test. */
const ladders = new Map<string, RenditionResult[]>();

/** PTS (s) of the first video frame of a playlist, read by ffprobe. */
async function firstVideoPts(playlist: string): Promise<number> {
  const { stdout } = await execFileAsync('ffprobe', [
    ...['-v', 'error', '-select_streams', 'v:0', '-read_intervals', '%+#1'],
    ...['-show_entries', 'frame=pts_time', '-of', 'csv=p=0', playlist],
  ]);
  return Number.parseFloat(stdout.trim().split('\n')[0] ?? '');
}

async function runLadder(
  format: StreamingFormat,
  codec: VideoCodec,
  outputDir: string,
): Promise<RenditionResult[]> {
  const plan = planLadder(probe, { format, segmentDuration: SEGMENT, codec });
  const started = Date.now();
  const results = await transcodeLadder({ input, outputDir, plan, probe });
  console.info(`${format} × ${codec}: ladder in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  ladders.set(outputDir, results);
  return results;
}

const MATRIX: [StreamingFormat, VideoCodec][] = [
  ['cmaf', 'h264'],
  ['cmaf', 'hevc'],
  ['cmaf', 'av1'],
  ['hls_ts', 'h264'],
  ['hls_ts', 'hevc'],
];

describe.each(MATRIX)('%s × %s with real ffmpeg', (format, codec) => {
  it('produces the codec, aligned segments on the 2 s grid, and the manifests', async () => {
    const outputDir = join(workDir, `${format}-${codec}`);
    const results = await runLadder(format, codec, outputDir);
    expect(results.map((r) => `${r.name}=${r.width}x${r.height}`)).toEqual(['480p=854x480', '360p=640x360']);

    const grids: number[][] = [];
    for (const r of results) {
      const seen = await ffprobe(r.playlistPath);
      expect(seen.video.codec_name, r.name).toBe(codec);
      if (format === 'cmaf' && codec === 'hevc') expect(seen.video.codec_tag_string).toBe('hvc1');
      expect(`${seen.video.width}x${seen.video.height}`).toBe(`${r.width}x${r.height}`);
      expect(seen.hasAudio).toBe(true);
      expect(Math.abs(seen.duration - CLIP_SECONDS), `${r.name} duration ${seen.duration}`).toBeLessThan(0.3);
      expect(r.codecs).toMatch(CODECS_PREFIX[codec]);

      const grid = await extinfs(r.playlistPath);
      expect(grid.length).toBe(3);
      for (const d of grid.slice(0, -1))
        expect(Math.abs(d - SEGMENT) / SEGMENT, `${r.name} ${grid}`).toBeLessThan(0.1);
      expect(grid.reduce((a, b) => a + b, 0)).toBeCloseTo(CLIP_SECONDS, 0);
      grids.push(grid);
    }
    for (const grid of grids) expect(grid).toEqual(grids[0]);

    const written = await writeManifests({
      format,
      outputDir,
      renditions: results,
      durationSeconds: probe.duration,
      segmentDuration: SEGMENT,
      enableDash: true,
    });
    const master = await readFile(written.masterPath, 'utf8');
    expect(master).toContain(`CODECS="${results[0]?.codecs}"`);
    if (format === 'cmaf') {
      expect(written.dashPath).not.toBeNull();
      const { stdout } = await execFileAsync('ffprobe', [
        ...['-v', 'error', '-show_entries', 'format=duration', '-of', 'json'],
        written.dashPath as string,
      ]);
      const duration = Number((JSON.parse(stdout) as { format: { duration: string } }).format.duration);
      expect(duration).toBeCloseTo(probe.duration, 1);
    } else {
      expect(written.dashPath).toBeNull();
    }
  });
});

describe('AV1 in MPEG-TS', () => {
  it('is refused at plan time, before any encoding', () => {
    expect(() => planLadder(probe, { format: 'hls_ts', segmentDuration: SEGMENT, codec: 'av1' })).toThrow(
      /AV1 cannot be packaged as HLS\/MPEG-TS/,
    );
  });
});

describe('original remux with real ffmpeg', () => {
  it('copies an H.264/AAC source into a valid MPEG-TS playlist, listed first in the TS master', async () => {
    // Beside the HLS/TS H.264 ladder of the matrix (made here if that test did not run).
    const outputDir = join(workDir, 'hls_ts-h264');
    const ladder = ladders.get(outputDir) ?? (await runLadder('hls_ts', 'h264', outputDir));
    const result = await remuxOriginal({ input, outputDir, segmentDuration: SEGMENT, probe });
    if (result.status !== 'done') throw new Error(`skipped: ${result.reason}`);
    const seen = await ffprobe(result.playlistPath);
    expect(seen.video.codec_name).toBe('h264');
    expect(`${seen.video.width}x${seen.video.height}`).toBe('854x480');
    expect(seen.hasAudio).toBe(true);
    expect(Math.abs(seen.duration - CLIP_SECONDS)).toBeLessThan(0.3);
    const names = (await readdir(outputDir)).filter((n) => n.startsWith('original')).sort();
    expect(names).toEqual(['original.m3u8', 'original_0000.ts', 'original_0001.ts', 'original_0002.ts']);
    const size = (await stat(input)).size;
    expect(result.variant).toEqual({
      bandwidthBps: Math.round((size * 8) / probe.duration),
      // the clip is x264 ultrafast: Constrained Baseline, level 3.1
      codecs: 'avc1.42001f,mp4a.40.2',
      width: 854,
      height: 480,
    });

    const { masterPath } = await writeManifests({
      format: 'hls_ts',
      outputDir,
      renditions: ladder,
      original: result.variant,
      durationSeconds: probe.duration,
      segmentDuration: SEGMENT,
      enableDash: true,
    });
    const uris = (await readFile(masterPath, 'utf8')).split('\n').filter((l) => l.endsWith('.m3u8'));
    expect(uris).toEqual(['original.m3u8', '480p.m3u8', '360p.m3u8']);
    // One timeline: a player switching between original and the ladder finds each frame at the same PTS.
    const originalStart = await firstVideoPts(result.playlistPath);
    const ladderStart = await firstVideoPts(join(outputDir, '480p.m3u8'));
    expect(originalStart).toBeGreaterThanOrEqual(10);
    expect(Math.abs(originalStart - ladderStart)).toBeLessThan(0.2);
    expect((await ffprobe(masterPath)).duration).toBeGreaterThan(4.5);
  });

  it('skips a VP9/Opus WebM with a reason and writes nothing', async () => {
    const webm = await getClip('webm');
    const outputDir = join(workDir, 'original-webm');
    const result = await remuxOriginal({
      input: webm,
      outputDir,
      segmentDuration: SEGMENT,
      probe: await probeMedia(webm),
    });
    expect(result).toEqual({
      status: 'skipped',
      reason: 'the source video codec vp9 cannot be copied into MPEG-TS (only H.264 and HEVC)',
    });
    await expect(readdir(outputDir)).rejects.toThrow();
  });

  it('skips a rotated source, whose rotation MPEG-TS cannot carry', async () => {
    const rotated = join(workDir, 'rotated.mp4');
    await execFileAsync('ffmpeg', [
      ...['-hide_banner', '-loglevel', 'error', '-y', '-i', input],
      ...['-c', 'copy', '-metadata:s:v:0', 'rotate=90', rotated],
    ]);
    const rotatedProbe = await probeMedia(rotated);
    expect(`${rotatedProbe.width}x${rotatedProbe.height}`).toBe('480x854');
    const result = await remuxOriginal({
      input: rotated,
      outputDir: join(workDir, 'original-rotated'),
      segmentDuration: SEGMENT,
      probe: rotatedProbe,
    });
    expect(result).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/rotated/) });
  });
});

describe('hardware detection on this machine', () => {
  it('lists the software encoders and falls back to them when no GPU encoder works', async () => {
    const detection = await detectHardware({ type: 'auto' });
    expect(detection.ffmpegEncoders).toEqual(expect.arrayContaining(['libx264', 'libx265']));
    for (const acc of detection.accelerators) expect(acc.codecs.length).toBeGreaterThan(0);
    const none = await detectHardware({ type: 'none' });
    expect(none.accelerators).toEqual([]);
    expect(selectEncoder({ codec: 'hevc', detection: none })).toEqual({
      kind: 'software',
      codec: 'hevc',
      encoder: 'libx265',
    });
  });
});
