import { describe, expect, it } from 'vitest';
import {
  buildLadderCommand,
  buildThumbnailCommand,
  ffmpegTimeoutSeconds,
  keyframeInterval,
  ladderTimeoutSeconds,
  thumbnailTime,
} from './ffmpeg-args.js';
import { planLadder } from './ladder.js';

const probe = { frameRate: 30 };
const landscape = (format: 'cmaf' | 'hls_ts', segmentDuration = 6) =>
  planLadder({ width: 1920, height: 1080 }, { format, segmentDuration });

/** The ladder command for `plan` from /src/in.mp4 into /out. */
const ladderCommand = (
  plan: ReturnType<typeof landscape>,
  extra: Partial<Parameters<typeof buildLadderCommand>[0]> = {},
) => buildLadderCommand({ input: '/src/in.mp4', outputDir: '/out', plan, probe, ...extra });

/** One value per rendition of the 1080p landscape ladder, in plan order. */
const perRung = (value: (name: string) => string) => ['1080p', '720p', '480p', '360p'].map(value);

/** Values following every occurrence of a flag. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((a, i) => (a === flag ? [args[i + 1] as string] : []));
}

describe('buildLadderCommand', () => {
  const args = ladderCommand(landscape('cmaf'));

  it('decodes the source once and scales in a cascade, each rendition from the next larger one', () => {
    expect(valuesOf(args, '-i')).toEqual(['/src/in.mp4']);
    const [filter] = valuesOf(args, '-filter_complex');
    expect(filter).toBe(
      '[0:v:0]scale=1920:1080,setsar=1,split=2[v0][c0];' +
        '[c0]scale=1280:720,setsar=1,split=2[v1][c1];' +
        '[c1]scale=854:480,setsar=1,split=2[v2][c2];' +
        '[c2]scale=640:360,setsar=1[v3]',
    );
  });

  it('keeps each rendition on its own output label whatever the order of the plan', () => {
    const plan = landscape('cmaf');
    const reversed = { ...plan, renditions: [...plan.renditions].reverse() };
    const [filter] = valuesOf(ladderCommand(reversed), '-filter_complex');
    expect(filter).toBe(
      '[0:v:0]scale=1920:1080,setsar=1,split=2[v3][c0];' +
        '[c0]scale=1280:720,setsar=1,split=2[v2][c1];' +
        '[c1]scale=854:480,setsar=1,split=2[v1][c2];' +
        '[c2]scale=640:360,setsar=1[v0]',
    );
  });

  it('maps one scaled video and the optional first audio track per output', () => {
    expect(valuesOf(args, '-map')).toEqual([
      '[v0]',
      '0:a:0?',
      '[v1]',
      '0:a:0?',
      '[v2]',
      '0:a:0?',
      '[v3]',
      '0:a:0?',
    ]);
    expect(valuesOf(args, '-f')).toEqual(['hls', 'hls', 'hls', 'hls']);
  });

  it('encodes H.264 high with CRF capped by the preset rates, and AAC stereo 48 kHz', () => {
    expect(valuesOf(args, '-c:v')).toEqual(Array(4).fill('libx264'));
    // The top rendition (cap-bound, the costliest) with its own faster preset, see TOP_RENDITION_H264.
    expect(valuesOf(args, '-preset')).toEqual(['superfast', 'veryfast', 'veryfast', 'veryfast']);
    expect(valuesOf(args, '-crf')).toEqual(Array(4).fill('23'));
    expect(valuesOf(args, '-maxrate')).toEqual(['5000k', '2500k', '1000k', '600k']);
    expect(valuesOf(args, '-bufsize')).toEqual(['10000k', '5000k', '2000k', '1200k']);
    expect(valuesOf(args, '-profile:v')).toEqual(Array(4).fill('high'));
    expect(valuesOf(args, '-pix_fmt')).toEqual(Array(4).fill('yuv420p'));
    expect(valuesOf(args, '-c:a')).toEqual(Array(4).fill('aac'));
    expect(valuesOf(args, '-b:a')).toEqual(['128k', '128k', '96k', '96k']);
    expect(valuesOf(args, '-ac')).toEqual(Array(4).fill('2'));
    expect(valuesOf(args, '-ar')).toEqual(Array(4).fill('48000'));
  });

  it('forces aligned keyframes on the segment grid and nowhere else', () => {
    expect(valuesOf(args, '-force_key_frames')).toEqual(Array(4).fill('expr:gte(t,n_forced*6)'));
    expect(valuesOf(args, '-sc_threshold')).toEqual(Array(4).fill('0'));
    expect(valuesOf(args, '-g')).toEqual(Array(4).fill('360'));
    expect(valuesOf(args, '-hls_time')).toEqual(Array(4).fill('6'));
    expect(valuesOf(args, '-hls_list_size')).toEqual(Array(4).fill('0'));
    expect(valuesOf(args, '-hls_playlist_type')).toEqual(Array(4).fill('vod'));
  });

  it('writes the CMAF layout', () => {
    expect(valuesOf(args, '-hls_segment_type')).toEqual(Array(4).fill('fmp4'));
    expect(valuesOf(args, '-hls_fmp4_init_filename')).toEqual(Array(4).fill('init.mp4'));
    expect(valuesOf(args, '-hls_segment_filename')).toEqual(perRung((n) => `/out/${n}/seg_%04d.m4s`));
    expect(args.filter((a) => a.endsWith('.m3u8'))).toEqual(perRung((n) => `/out/${n}/stream.m3u8`));
  });

  it('writes the HLS/TS layout', () => {
    const ts = ladderCommand(landscape('hls_ts', 4));
    expect(ts).not.toContain('-hls_segment_type');
    expect(ts).not.toContain('-hls_fmp4_init_filename');
    expect(valuesOf(ts, '-hls_segment_filename')).toEqual(perRung((n) => `/out/${n}_%04d.ts`));
    expect(ts.filter((a) => a.endsWith('.m3u8'))).toEqual(perRung((n) => `/out/${n}.m3u8`));
    expect(valuesOf(ts, '-force_key_frames')[0]).toBe('expr:gte(t,n_forced*4)');
  });

  it('has the process-level flags once, before the input', () => {
    for (const flag of ['-hide_banner', '-nostdin', '-nostats', '-y'])
      expect(args.filter((a) => a === flag)).toHaveLength(1);
    expect(valuesOf(args, '-progress')).toEqual(['pipe:1']);
    expect(valuesOf(args, '-loglevel')).toEqual(['error']);
    expect(args.indexOf('-progress')).toBeLessThan(args.indexOf('-i'));
  });

  it('supports event playlists for later progressive playback', () => {
    const ev = ladderCommand(landscape('cmaf'), { playlistType: 'event' });
    expect(valuesOf(ev, '-hls_playlist_type')).toEqual(Array(4).fill('event'));
  });

  it('builds a single-rendition ladder', () => {
    const plan = planLadder({ width: 320, height: 240 }, { format: 'cmaf', segmentDuration: 6 });
    const one = ladderCommand(plan);
    expect(valuesOf(one, '-filter_complex')).toEqual(['[0:v:0]scale=320:240,setsar=1[v0]']);
  });
});

describe('keyframeInterval', () => {
  it('is twice the segment length in frames, with a fallback frame rate', () => {
    expect(keyframeInterval(30, 6)).toBe(360);
    expect(keyframeInterval(29.97, 6)).toBe(360);
    expect(keyframeInterval(0, 2)).toBe(120);
  });
});

describe('buildThumbnailCommand', () => {
  it('seeks before the input and writes one scaled frame', () => {
    const args = buildThumbnailCommand({ input: '/in.mp4', output: '/out/thumbnail.jpg', atSeconds: 5 });
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i'));
    expect(valuesOf(args, '-ss')).toEqual(['5']);
    expect(valuesOf(args, '-frames:v')).toEqual(['1']);
    // A single decoding thread, as an input option (memory beside the ladder encode).
    expect(valuesOf(args, '-threads')).toEqual(['1']);
    expect(args.indexOf('-threads')).toBeLessThan(args.indexOf('-i'));
    expect(valuesOf(args, '-vf')).toEqual(['scale=640:-2']);
    expect(args.at(-1)).toBe('/out/thumbnail.jpg');
    expect(
      valuesOf(buildThumbnailCommand({ input: 'i', output: 'o', atSeconds: 1, width: 320 }), '-vf'),
    ).toEqual(['scale=320:-2']);
  });

  it('picks min(5 s, duration / 4)', () => {
    expect(thumbnailTime(60)).toBe(5);
    expect(thumbnailTime(2)).toBe(0.5);
  });
});

describe('ffmpegTimeoutSeconds', () => {
  it('scales with duration and resolution within the limits', () => {
    expect(ffmpegTimeoutSeconds(600, 1080)).toBe(2400); // 600 × 2 × 2.0
    expect(ffmpegTimeoutSeconds(600, 360)).toBe(1200);
    expect(ffmpegTimeoutSeconds(600, 2160)).toBe(4200);
    expect(ffmpegTimeoutSeconds(600, 999)).toBe(2400); // unknown height → 2.0
  });

  it('clamps to the minimum and maximum', () => {
    expect(ffmpegTimeoutSeconds(10, 1080)).toBe(300);
    expect(ffmpegTimeoutSeconds(36_000, 2160)).toBe(14_400);
    expect(ffmpegTimeoutSeconds(100, 720, { multiplier: 3, minimum: 10, maximum: 400 })).toBe(400);
    expect(ffmpegTimeoutSeconds(50, 720, { multiplier: 3, minimum: 10, maximum: 400 })).toBe(225);
  });

  it('adds up the per-quality budgets for a one-process ladder', () => {
    // 1080p ladder: factors 2 + 1.5 + 1.25 + 1 = 5.75; 100 s × 2 × 5.75 = 1150 s
    expect(ladderTimeoutSeconds(100, landscape('cmaf'))).toBe(1150);
    expect(ladderTimeoutSeconds(2, landscape('cmaf'))).toBe(300);
  });
});
