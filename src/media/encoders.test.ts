import { describe, expect, it } from 'vitest';
import {
  encoderArgs,
  hwEncoderName,
  keyframePlan,
  pickSoftwareEncoder,
  SOFTWARE_TUNING,
  type EncoderArgsOptions,
  type HwFamily,
} from './encoders.js';
import { buildLadderCommand } from './ffmpeg-args.js';
import { planLadder, type VideoCodec } from './ladder.js';
import { MediaError } from './media-error.js';

const rendition = { videoBitrateKbps: 2500, maxrateKbps: 2500, bufsizeKbps: 5000 };
const base: EncoderArgsOptions = { codec: 'h264', rendition, segmentDuration: 2, frameRate: 30 };
const FORCE = ['-force_key_frames', 'expr:gte(t,n_forced*2)'];
const CAP = ['-maxrate', '2500k', '-bufsize', '5000k'];

/** Values following every occurrence of a flag. */
function valuesOf(args: string[], flag: string): string[] {
  return args.flatMap((a, i) => (a === flag ? [args[i + 1] as string] : []));
}

describe('keyframePlan', () => {
  it('puts one segment of frames between keyframes, rounded up, with a two-segment GOP cap', () => {
    expect(keyframePlan(30, 2)).toEqual({ segmentFrames: 60, gop: 120, forceExpr: 'expr:gte(t,n_forced*2)' });
    expect(keyframePlan(30000 / 1001, 6)).toMatchObject({ segmentFrames: 180, gop: 360 });
    expect(keyframePlan(25, 6).segmentFrames).toBe(150);
    expect(keyframePlan(0, 4).segmentFrames).toBe(120); // unknown frame rate → 30 fps
    expect(keyframePlan(Number.NaN, 1).segmentFrames).toBe(30);
  });
});

describe('encoderArgs, software', () => {
  it('libx264: capped CRF, High, fixed GOP without scene cuts', () => {
    // prettier-ignore
    expect(encoderArgs(base)).toEqual([
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', ...CAP,
      '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-g', '120', '-sc_threshold', '0', ...FORCE,
    ]);
  });

  it('libx265: hvc1 tag, closed GOP, scenecut off, forced keyframes as IDR', () => {
    // prettier-ignore
    expect(encoderArgs({ ...base, codec: 'hevc' })).toEqual([
      '-c:v', 'libx265', '-preset', 'veryfast', '-crf', '28', ...CAP,
      '-profile:v', 'main', '-pix_fmt', 'yuv420p', '-tag:v', 'hvc1',
      '-x265-params', 'keyint=120:min-keyint=120:scenecut=0:open-gop=0:log-level=error',
      '-forced-idr', '1', ...FORCE,
    ]);
  });

  it('libsvtav1: the GOP is exactly one segment, scene detection off (forced keyframes are ignored)', () => {
    // prettier-ignore
    expect(encoderArgs({ ...base, codec: 'av1' })).toEqual([
      '-c:v', 'libsvtav1', '-preset', '8', '-crf', '32', ...CAP,
      '-pix_fmt', 'yuv420p', '-svtav1-params', 'keyint=60:scd=0',
    ]);
  });

  it('libaom-av1 fallback: constrained quality, keyint_min = GOP, forced keyframes', () => {
    // prettier-ignore
    expect(encoderArgs({ ...base, codec: 'av1', software: 'libaom-av1' })).toEqual([
      '-c:v', 'libaom-av1', '-usage', 'good', '-cpu-used', '6', '-row-mt', '1',
      '-crf', '32', '-b:v', '2500k', ...CAP,
      '-pix_fmt', 'yuv420p', '-g', '120', '-keyint_min', '120', ...FORCE,
    ]);
  });

  it('takes tuning overrides and refuses an encoder of another codec', () => {
    const fast = encoderArgs({ ...base, codec: 'av1', tuning: { av1: { preset: '12', crf: 40 } } });
    expect(valuesOf(fast, '-preset')).toEqual(['12']);
    expect(valuesOf(fast, '-crf')).toEqual(['40']);
    expect(() => encoderArgs({ ...base, codec: 'hevc', software: 'libx264' })).toThrow(RangeError);
  });

  it('keeps the tuning in one frozen constant', () => {
    expect(Object.isFrozen(SOFTWARE_TUNING)).toBe(true);
    expect(Object.isFrozen(SOFTWARE_TUNING.h264)).toBe(true);
    expect(SOFTWARE_TUNING.h264).toEqual({ preset: 'veryfast', crf: 23 });
  });
});

describe('encoderArgs, hardware', () => {
  /** What each codec adds after the family's arguments: H.264 High, HEVC Main with the hvc1 tag, AV1 nothing. */
  const CODEC_TAIL: Record<VideoCodec, string[]> = {
    h264: ['-profile:v', 'high'],
    hevc: ['-profile:v', 'main', '-tag:v', 'hvc1'],
    av1: [],
  };
  /** encoderArgs on `family` for each codec is `familyArgs(encoder name, codec)` and the codec's tail. */
  const expectFamilyArgs = (family: HwFamily, familyArgs: (enc: string, codec: VideoCodec) => string[]) => {
    for (const codec of ['h264', 'hevc', 'av1'] as const) {
      expect(encoderArgs({ ...base, codec, hw: { family } }), codec).toEqual([
        ...familyArgs(`${codec}_${family}`, codec),
        ...CODEC_TAIL[codec],
      ]);
    }
  };

  it('NVENC: p4/hq, VBR with CQ capped by maxrate, IDR on the forced keyframes', () => {
    const cq = { h264: '23', hevc: '28', av1: '30' };
    // prettier-ignore
    expectFamilyArgs('nvenc', (enc, codec) => [
      '-c:v', enc, '-preset', 'p4', '-tune', 'hq', '-rc', 'vbr', '-cq', cq[codec], '-b:v', '0', ...CAP,
      '-rc-lookahead', '32', '-bf', '3', '-pix_fmt', 'yuv420p',
      '-g', '120', '-no-scenecut', '1', '-forced-idr', '1', ...FORCE,
    ]);
  });

  it('VAAPI: VBR at the preset bitrate, capped', () => {
    // prettier-ignore
    expectFamilyArgs('vaapi', (enc) => [
      '-c:v', enc, '-rc_mode', 'VBR', '-b:v', '2500k', ...CAP, '-g', '120', ...FORCE,
    ]);
  });

  it('QSV: preset medium, bitrate capped, forced IDR', () => {
    // prettier-ignore
    expectFamilyArgs('qsv', (enc) => [
      '-c:v', enc, '-preset', 'medium', '-b:v', '2500k', ...CAP, '-g', '120', '-forced_idr', '1', ...FORCE,
    ]);
  });

  it('names hardware encoders codec_family', () => {
    expect(hwEncoderName('nvenc', 'hevc')).toBe('hevc_nvenc');
    expect(hwEncoderName('qsv', 'av1')).toBe('av1_qsv');
  });
});

describe('pickSoftwareEncoder', () => {
  it('prefers SVT-AV1, falls back to libaom, and says clearly when there is no AV1 encoder', () => {
    expect(pickSoftwareEncoder('av1')).toBe('libsvtav1');
    expect(pickSoftwareEncoder('av1', ['libx264', 'libsvtav1', 'libaom-av1'])).toBe('libsvtav1');
    expect(pickSoftwareEncoder('av1', ['libx264', 'libaom-av1'])).toBe('libaom-av1');
    expect(pickSoftwareEncoder('hevc', ['libx265'])).toBe('libx265');
    const err = (() => {
      try {
        return pickSoftwareEncoder('av1', ['libx264', 'libx265']);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).message).toMatch(/no av1 encoder \(it needs libsvtav1 or libaom-av1\)/);
  });
});

describe('buildLadderCommand uses the plan codec', () => {
  const probe = { frameRate: 30 };
  const command = (codec: 'h264' | 'hevc' | 'av1', extra: object = {}) =>
    buildLadderCommand({
      input: 'in.mp4',
      outputDir: '/out',
      plan: planLadder({ width: 1280, height: 720 }, { format: 'cmaf', segmentDuration: 2, codec }),
      probe,
      ...extra,
    });

  it('encodes every rendition with the codec, keyframes on the same grid', () => {
    expect(valuesOf(command('hevc'), '-c:v')).toEqual(Array(3).fill('libx265'));
    expect(valuesOf(command('hevc'), '-tag:v')).toEqual(Array(3).fill('hvc1'));
    expect(valuesOf(command('av1'), '-c:v')).toEqual(Array(3).fill('libsvtav1'));
    expect(valuesOf(command('av1'), '-svtav1-params')).toEqual(Array(3).fill('keyint=60:scd=0'));
    expect(valuesOf(command('h264'), '-c:v')).toEqual(Array(3).fill('libx264'));
  });

  it('passes the software encoder choice and tuning overrides through', () => {
    const aom = command('av1', {
      softwareEncoder: 'libaom-av1',
      tuning: { av1Libaom: { preset: '8', crf: 40 } },
    });
    expect(valuesOf(aom, '-c:v')).toEqual(Array(3).fill('libaom-av1'));
    expect(valuesOf(aom, '-cpu-used')).toEqual(Array(3).fill('8'));
  });
});
