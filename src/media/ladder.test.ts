import { describe, expect, it } from 'vitest';
import { checkFormatCodec, isVideoCodec, planLadder, QUALITY_PRESETS } from './ladder.js';
import { MediaError } from './media-error.js';

const sizes = (w: number, h: number): string[] =>
  planLadder({ width: w, height: h }, { format: 'cmaf', segmentDuration: 6 }).renditions.map(
    (r) => `${r.name}=${r.width}x${r.height}`,
  );

describe('planLadder', () => {
  it('plans a 1080p landscape source down to 360p', () => {
    expect(sizes(1920, 1080)).toEqual(['1080p=1920x1080', '720p=1280x720', '480p=854x480', '360p=640x360']);
  });

  it('decides a portrait source by its short side', () => {
    expect(sizes(1080, 1920)).toEqual(['1080p=1080x1920', '720p=720x1280', '480p=480x854', '360p=360x640']);
  });

  it('plans an 854x480 source as 480p and 360p', () => {
    expect(sizes(854, 480)).toEqual(['480p=854x480', '360p=640x360']);
  });

  it('gives a tiny source one 360p rendition at its own size', () => {
    expect(sizes(320, 240)).toEqual(['360p=320x240']);
    expect(sizes(321, 241)).toEqual(['360p=320x240']);
  });

  it('plans the full ladder for 4K', () => {
    expect(sizes(3840, 2160)).toEqual([
      '2160p=3840x2160',
      '1440p=2560x1440',
      '1080p=1920x1080',
      '720p=1280x720',
      '480p=854x480',
      '360p=640x360',
    ]);
  });

  it('never upscales and keeps every size even', () => {
    for (const [w, h] of [
      [1280, 800],
      [1918, 1078],
      [1440, 1080],
      [720, 1280],
      [1921, 1081],
    ] as const) {
      for (const r of planLadder({ width: w, height: h }, { format: 'hls_ts', segmentDuration: 6 })
        .renditions) {
        expect(r.width % 2, `${w}x${h} ${r.name}`).toBe(0);
        expect(r.height % 2).toBe(0);
        expect(Math.min(r.width, r.height)).toBeLessThanOrEqual(Math.min(w, h));
        expect(Math.max(r.width, r.height)).toBeLessThanOrEqual(Math.max(w, h));
      }
    }
    expect(sizes(1918, 1078)).toEqual(['720p=1282x720', '480p=854x480', '360p=640x360']);
  });

  it('carries the preset bitrates and the plan settings', () => {
    const plan = planLadder({ width: 1920, height: 1080 }, { format: 'hls_ts', segmentDuration: 4 });
    expect(plan).toMatchObject({ format: 'hls_ts', codec: 'h264', segmentDuration: 4 });
    expect(plan.renditions[0]).toEqual({
      name: '1080p',
      width: 1920,
      height: 1080,
      videoBitrateKbps: 5000,
      maxrateKbps: 5000,
      bufsizeKbps: 10000,
      audioBitrateKbps: 128,
    });
    expect(QUALITY_PRESETS.map((p) => [p.name, p.videoBitrateKbps, p.audioBitrateKbps])).toEqual([
      ['2160p', 15000, 192],
      ['1440p', 8000, 192],
      ['1080p', 5000, 128],
      ['720p', 2500, 128],
      ['480p', 1000, 96],
      ['360p', 600, 96],
    ]);
  });

  it('rejects nonsense input', () => {
    expect(() => planLadder({ width: 0, height: 1080 }, { format: 'cmaf', segmentDuration: 6 })).toThrow(
      RangeError,
    );
    expect(() => planLadder({ width: 1920, height: 1080 }, { format: 'cmaf', segmentDuration: 0 })).toThrow(
      RangeError,
    );
  });

  it('carries the codec (default h264) and allows HEVC in both containers', () => {
    const size = { width: 1280, height: 720 };
    expect(planLadder(size, { format: 'cmaf', segmentDuration: 2 }).codec).toBe('h264');
    expect(planLadder(size, { format: 'cmaf', segmentDuration: 2, codec: 'av1' }).codec).toBe('av1');
    expect(planLadder(size, { format: 'hls_ts', segmentDuration: 2, codec: 'hevc' }).codec).toBe('hevc');
    expect(isVideoCodec('hevc')).toBe(true);
    expect(isVideoCodec('vp9')).toBe(false);
  });

  it('refuses AV1 in MPEG-TS with a message for the admin', () => {
    const err = (() => {
      try {
        return planLadder(
          { width: 1280, height: 720 },
          { format: 'hls_ts', segmentDuration: 2, codec: 'av1' },
        );
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).message).toBe(
      'AV1 cannot be packaged as HLS/MPEG-TS: choose the CMAF streaming format for AV1, or the H.264 or HEVC codec',
    );
    expect(() => checkFormatCodec('cmaf', 'av1')).not.toThrow();
  });
});
