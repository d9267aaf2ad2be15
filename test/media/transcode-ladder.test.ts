import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildThumbnailCommand, thumbnailTime } from '../../src/media/ffmpeg-args.js';
import { planLadder, type StreamingFormat } from '../../src/media/ladder.js';
import { buildMasterPlaylist } from '../../src/media/master-playlist.js';
import { MediaError } from '../../src/media/media-error.js';
import { parseMediaPlaylist } from '../../src/media/output-validation.js';
import { probeMedia, type ProbeResult } from '../../src/media/probe.js';
import { runFfmpeg } from '../../src/media/run-ffmpeg.js';
import {
  transcodeLadder,
  type LadderProgress,
  type RenditionResult,
} from '../../src/media/transcode-ladder.js';
import { probePlaylist } from '../helpers/ffprobe.js';
import { getClip, type ClipName } from '../helpers/media-clips.js';

const SEGMENT = 1;

let workDir: string;
beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'vlog-media-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function extinfList(playlistPath: string): Promise<number[]> {
  return parseMediaPlaylist(await readFile(playlistPath, 'utf8')).segments.map((s) => s.duration);
}

/** ffmpeg processes whose parent is this test process (Linux /proc). */
async function ffmpegChildren(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
    const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (comm === 'ffmpeg' && ppid === process.pid) pids.push(Number(entry));
  }
  return pids;
}

interface LadderRun {
  probe: ProbeResult;
  results: RenditionResult[];
  progress: LadderProgress[];
  outputDir: string;
}

async function runLadder(clip: ClipName, format: StreamingFormat): Promise<LadderRun> {
  const input = await getClip(clip);
  const probe = await probeMedia(input);
  const plan = planLadder(probe, { format, segmentDuration: SEGMENT });
  const outputDir = join(workDir, `${clip}-${format}`);
  const progress: LadderProgress[] = [];
  const results = await transcodeLadder({
    input,
    outputDir,
    plan,
    probe,
    onProgress: (p) => progress.push(p),
  });
  return { probe, results, progress, outputDir };
}

/** Every rendition plays for ≈ 2 s at its planned size, and all segment boundaries line up. */
async function expectPlayableAligned(run: LadderRun, sizes: string[]): Promise<void> {
  expect(run.results.map((r) => `${r.name}=${r.width}x${r.height}`)).toEqual(sizes);
  const boundaries: number[][] = [];
  for (const r of run.results) {
    const seen = await probePlaylist(r.playlistPath);
    expect(seen.duration, r.name).toBeGreaterThan(1.7);
    expect(seen.duration, r.name).toBeLessThan(2.3);
    expect(`${seen.width}x${seen.height}`).toBe(`${r.width}x${r.height}`);
    expect(seen.audioCodec !== null).toBe(run.probe.audioCodec !== null);
    expect(r.durationSeconds).toBeCloseTo(2, 0);
    expect(r.segmentCount).toBe(2);
    boundaries.push(await extinfList(r.playlistPath));
  }
  for (const list of boundaries) expect(list).toEqual(boundaries[0]);
  const last = run.progress.at(-1);
  expect(last?.percent).toBe(100);
  expect(last?.renditions.map((r) => r.segmentsCompleted)).toEqual(run.results.map(() => 2));
}

describe('transcodeLadder with real ffmpeg', () => {
  it('encodes a 1080p landscape clip to an aligned CMAF ladder', async () => {
    const run = await runLadder('landscape1080', 'cmaf');
    await expectPlayableAligned(run, ['1080p=1920x1080', '720p=1280x720', '480p=854x480', '360p=640x360']);
    const names = await readdir(join(run.outputDir, '1080p'));
    expect(names.sort()).toEqual(['init.mp4', 'seg_0000.m4s', 'seg_0001.m4s', 'stream.m3u8']);
    expect(run.results[0]).toMatchObject({ bitrateKbps: 5000, codecs: 'avc1.640028,mp4a.40.2' });
    expect(run.results[1]?.codecs).toBe('avc1.64001f,mp4a.40.2');
    const master = buildMasterPlaylist({
      format: 'cmaf',
      variants: run.results.map((r) => ({
        ...r,
        bandwidthBps: r.bitrateKbps * 1000,
        uri: `${r.name}/stream.m3u8`,
      })),
    });
    expect(master).toContain('RESOLUTION=1920x1080,CODECS="avc1.640028,mp4a.40.2"\n1080p/stream.m3u8');
  });

  it('encodes a portrait clip by its short side', async () => {
    const run = await runLadder('portrait', 'cmaf');
    await expectPlayableAligned(run, ['1080p=1080x1920', '720p=720x1280', '480p=480x854', '360p=360x640']);
  });

  it('encodes a video-only clip (no audio track)', async () => {
    const run = await runLadder('videoOnly', 'cmaf');
    expect(run.probe.audioCodec).toBeNull();
    await expectPlayableAligned(run, ['720p=1280x720', '480p=854x480', '360p=640x360']);
    expect(run.results[0]?.codecs).toBe('avc1.64001f');
  });

  it('encodes a VP9/Opus WebM clip to HLS/TS', async () => {
    const run = await runLadder('webm', 'hls_ts');
    expect(run.probe).toMatchObject({ videoCodec: 'vp9', audioCodec: 'opus', width: 854, height: 480 });
    await expectPlayableAligned(run, ['480p=854x480', '360p=640x360']);
    expect((await readdir(run.outputDir)).sort()).toEqual([
      '360p.m3u8',
      '360p_0000.ts',
      '360p_0001.ts',
      '480p.m3u8',
      '480p_0000.ts',
      '480p_0001.ts',
    ]);
  });

  it('stops on abort with code "aborted" and leaves no ffmpeg process', async () => {
    const input = await getClip('landscape1080');
    const probe = await probeMedia(input);
    const plan = planLadder(probe, { format: 'cmaf', segmentDuration: SEGMENT });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    const err = await transcodeLadder({
      input,
      outputDir: join(workDir, 'aborted'),
      plan,
      probe,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    clearTimeout(timer);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('aborted');
    expect(Date.now() - started).toBeLessThan(4000);
    expect(await ffmpegChildren()).toEqual([]);
  });
});

describe('probeMedia with real files', () => {
  it('reads a normal clip', async () => {
    const probe = await probeMedia(await getClip('landscape1080'));
    expect(probe).toMatchObject({
      width: 1920,
      height: 1080,
      videoCodec: 'h264',
      audioCodec: 'aac',
      frameRate: 30,
    });
    expect(probe.duration).toBeCloseTo(2, 1);
    expect(probe.sizeBytes).toBeGreaterThan(0);
  });

  it('rejects a truncated upload with a readable message', async () => {
    const err = await probeMedia(await getClip('truncated')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('not_a_video');
    expect((err as MediaError).message).toMatch(/^The file is truncated or damaged/);
  });

  it('rejects a text file named .mp4 with a readable message', async () => {
    const err = await probeMedia(await getClip('notAVideo')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe('not_a_video');
    expect((err as MediaError).message).toBe('The file is not a playable video (ffprobe could not read it)');
  });

  it('rejects a missing file', async () => {
    await expect(probeMedia(join(workDir, 'nope.mp4'))).rejects.toMatchObject({
      code: 'not_a_video',
      message: /could not be found/,
    });
  });
});

describe('thumbnail command', () => {
  it('writes a 640-wide JPEG', async () => {
    const input = await getClip('landscape1080');
    const output = join(workDir, 'thumbnail.jpg');
    await runFfmpeg(buildThumbnailCommand({ input, output, atSeconds: thumbnailTime(2) }));
    const seen = await probePlaylist(output);
    expect(`${seen.width}x${seen.height}`).toBe('640x360');
  });
});
