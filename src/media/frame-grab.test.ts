import { describe, expect, it } from 'vitest';
import { buildFrameGrabCommand, segmentFrameInput } from './frame-grab.js';

const ts = {
  initUri: null,
  segments: [
    { uri: '720p_0000.ts', duration: 6 },
    { uri: '720p_0001.ts', duration: 6 },
    { uri: '720p_0002.ts', duration: 2.5 },
  ],
};
const cmaf = {
  ...ts,
  initUri: 'init.mp4',
  segments: ts.segments.map((s, i) => ({ ...s, uri: `seg_000${i}.m4s` })),
};

describe('segmentFrameInput', () => {
  it('picks the TS segment holding the time and the offset inside it', () => {
    expect(segmentFrameInput('/v/slug/720p.m3u8', ts, 7.5)).toEqual({
      input: '/v/slug/720p_0001.ts',
      seekSeconds: 0,
      offsetSeconds: 1.5,
    });
    expect(segmentFrameInput('/v/slug/720p.m3u8', ts, 0)?.input).toBe('/v/slug/720p_0000.ts');
  });

  it('puts the init segment in front of a CMAF segment', () => {
    expect(segmentFrameInput('/v/slug/720p/stream.m3u8', cmaf, 12.4)).toEqual({
      input: 'concat:/v/slug/720p/init.mp4|/v/slug/720p/seg_0002.m4s',
      seekSeconds: 0,
      offsetSeconds: expect.closeTo(0.4, 6) as number,
    });
  });

  it('clamps a time at or past the end into the last segment, before its end', () => {
    expect(segmentFrameInput('/v/s/720p.m3u8', ts, 99)).toMatchObject({
      input: '/v/s/720p_0002.ts',
      offsetSeconds: 2.4,
    });
  });

  it('returns null without segments and refuses URIs leaving the directory', () => {
    expect(segmentFrameInput('/v/s/720p.m3u8', { initUri: null, segments: [] }, 1)).toBeNull();
    expect(() =>
      segmentFrameInput(
        '/v/s/720p.m3u8',
        { initUri: null, segments: [{ uri: '../../etc/x.ts', duration: 6 }] },
        1,
      ),
    ).toThrow(RangeError);
  });
});

describe('buildFrameGrabCommand', () => {
  it('seeks in the demuxer before -i and/or by decoding after -i', () => {
    expect(
      buildFrameGrabCommand({
        input: 'in.mp4',
        output: 'out.jpg',
        seekSeconds: 12.5,
        offsetSeconds: 0,
        width: 640,
      }),
    ).toEqual([
      ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-nostats', '-y'],
      ...['-ss', '12.5', '-i', 'in.mp4', '-frames:v', '1', '-vf', 'scale=640:-2', '-q:v', '3'],
      ...['-an', '-update', '1', 'out.jpg'],
    ]);
    const seg = buildFrameGrabCommand({
      input: 'seg.ts',
      output: 'o.jpg',
      seekSeconds: 0,
      offsetSeconds: 1.5,
      width: 320,
    });
    expect(seg.slice(6, 10)).toEqual(['-i', 'seg.ts', '-ss', '1.5']);
    expect(seg).toContain('scale=320:-2');
  });
});
