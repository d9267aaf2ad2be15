import { describe, expect, it } from 'vitest';
import { buildLadderCommand } from './ffmpeg-args.js';
import { planLadder } from './ladder.js';

// buildLadderCommand with a GPU family (no GPU here: the argument lists are the contract).
const plan = (codec: 'h264' | 'hevc') =>
  planLadder({ width: 1920, height: 1080 }, { format: 'cmaf', segmentDuration: 6, codec });
const command = (family: 'nvenc' | 'vaapi' | 'qsv', codec: 'h264' | 'hevc' = 'h264', startSegment = 0) =>
  buildLadderCommand({
    input: '/src/in.mp4',
    outputDir: '/out',
    plan: plan(codec),
    probe: { frameRate: 30 },
    hw: { family, device: family === 'nvenc' ? null : '/dev/dri/renderD129' },
    startSegment,
  });
const valuesOf = (args: string[], flag: string) =>
  args.flatMap((a, i) => (a === flag ? [args[i + 1] as string] : []));
const before = (args: string[], flag: string, other: string) => args.indexOf(flag) < args.indexOf(other);

describe('buildLadderCommand on a GPU', () => {
  it('VAAPI: the device before the input, one upload, GPU scaling per rendition, vaapi encoders', () => {
    const args = command('vaapi');
    expect(valuesOf(args, '-vaapi_device')).toEqual(['/dev/dri/renderD129']);
    expect(before(args, '-vaapi_device', '-i')).toBe(true);
    const [filter] = valuesOf(args, '-filter_complex');
    expect(filter).toBe(
      '[0:v:0]format=nv12,hwupload,split=4[s0][s1][s2][s3];' +
        '[s0]scale_vaapi=1920:1080,setsar=1[v0];[s1]scale_vaapi=1280:720,setsar=1[v1];' +
        '[s2]scale_vaapi=854:480,setsar=1[v2];[s3]scale_vaapi=640:360,setsar=1[v3]',
    );
    expect(valuesOf(args, '-c:v')).toEqual(Array(4).fill('h264_vaapi'));
    expect(args).not.toContain('-crf'); // no x264 options leak into a GPU encode
  });

  it('NVENC: CUDA decoding, CPU scaling, nvenc with forced IDR keyframes on the segment grid', () => {
    const args = command('nvenc', 'hevc');
    expect(valuesOf(args, '-hwaccel')).toEqual(['cuda']);
    expect(valuesOf(args, '-c:v')).toEqual(Array(4).fill('hevc_nvenc'));
    expect(valuesOf(args, '-tag:v')).toEqual(Array(4).fill('hvc1'));
    expect(valuesOf(args, '-force_key_frames')).toEqual(Array(4).fill('expr:gte(t,n_forced*6)'));
    expect(valuesOf(args, '-forced-idr')).toEqual(Array(4).fill('1'));
  });

  it('QSV: the device initialised before the input; the muxer and audio options are the CPU ones', () => {
    const args = command('qsv');
    expect(valuesOf(args, '-init_hw_device')).toEqual(['qsv=qs:hw_any,child_device=/dev/dri/renderD129']);
    expect(before(args, '-init_hw_device', '-i')).toBe(true);
    const cpu = buildLadderCommand({
      input: '/src/in.mp4',
      outputDir: '/out',
      plan: plan('h264'),
      probe: { frameRate: 30 },
    });
    for (const flag of ['-hls_time', '-hls_segment_filename', '-c:a', '-b:a', '-hls_fmp4_init_filename'])
      expect(valuesOf(args, flag), flag).toEqual(valuesOf(cpu, flag));
  });

  it('a resumed GPU encode seeks the input after the device options and continues the numbering', () => {
    const args = command('vaapi', 'h264', 3);
    expect(valuesOf(args, '-ss')).toEqual(['18']);
    expect(before(args, '-vaapi_device', '-ss')).toBe(true);
    expect(before(args, '-ss', '-i')).toBe(true);
    expect(valuesOf(args, '-start_number')).toEqual(Array(4).fill('3'));
  });
});
