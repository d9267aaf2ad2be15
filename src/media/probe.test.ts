import { describe, expect, it } from 'vitest';
import { MediaError } from './media-error.js';
import { parseFrameRate, parseProbeOutput } from './probe.js';

const video = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  codec_type: 'video',
  codec_name: 'h264',
  width: 1920,
  height: 1080,
  avg_frame_rate: '30/1',
  r_frame_rate: '30/1',
  ...extra,
});
const audio = { codec_type: 'audio', codec_name: 'aac' };
const format = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
  duration: '12.500000',
  bit_rate: '5000000',
  size: '7812500',
  ...extra,
});

function expectMediaError(fn: () => unknown, code: MediaError['code']): MediaError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MediaError);
    expect((err as MediaError).code).toBe(code);
    return err as MediaError;
  }
  throw new Error('expected a MediaError');
}

describe('parseProbeOutput', () => {
  it('reads a normal landscape file', () => {
    const result = parseProbeOutput({ streams: [video(), audio], format: format() });
    expect(result).toEqual({
      width: 1920,
      height: 1080,
      duration: 12.5,
      videoCodec: 'h264',
      audioCodec: 'aac',
      frameRate: 30,
      bitRate: 5_000_000,
      formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
      sizeBytes: 7_812_500,
    });
  });

  it('accepts the JSON text as ffprobe prints it', () => {
    const result = parseProbeOutput(JSON.stringify({ streams: [video()], format: format() }));
    expect(result.width).toBe(1920);
  });

  it.each([
    ['display matrix -90', { side_data_list: [{ side_data_type: 'Display Matrix', rotation: -90 }] }],
    ['display matrix 90', { side_data_list: [{ side_data_type: 'Display Matrix', rotation: 90 }] }],
    ['legacy rotate tag 270', { tags: { rotate: '270' } }],
  ])('swaps width and height for a rotated phone clip (%s)', (_label, extra) => {
    const result = parseProbeOutput({ streams: [video(extra), audio], format: format() });
    expect([result.width, result.height]).toEqual([1080, 1920]);
  });

  it('keeps the size for a 180° rotation', () => {
    const result = parseProbeOutput({ streams: [video({ tags: { rotate: '180' } })], format: format() });
    expect([result.width, result.height]).toEqual([1920, 1080]);
  });

  it('reports no audio as null', () => {
    const result = parseProbeOutput({ streams: [video()], format: format() });
    expect(result.audioCodec).toBeNull();
  });

  it('falls back to r_frame_rate and understands NTSC rates', () => {
    const result = parseProbeOutput({
      streams: [video({ avg_frame_rate: '0/0', r_frame_rate: '30000/1001' })],
      format: format(),
    });
    expect(result.frameRate).toBeCloseTo(29.97, 2);
    expect(parseFrameRate('0/0')).toBeNull();
  });

  it('leaves out unknown bit rate and size', () => {
    const result = parseProbeOutput({
      streams: [video()],
      format: format({ bit_rate: 'N/A', size: undefined }),
    });
    expect(result.bitRate).toBeNull();
    expect(result).not.toHaveProperty('sizeBytes');
  });

  it('falls back to the stream duration when the container has none', () => {
    const result = parseProbeOutput({
      streams: [video({ duration: '4.0' })],
      format: format({ duration: undefined }),
    });
    expect(result.duration).toBe(4);
  });

  it.each([
    ['missing', undefined],
    ['N/A', 'N/A'],
    ['zero', '0.000000'],
    ['negative', '-3'],
    ['not a number', 'abc'],
    ['over 7 days', '604801'],
  ])('rejects a %s duration', (_label, duration) => {
    const err = expectMediaError(
      () => parseProbeOutput({ streams: [video()], format: format({ duration }) }),
      'invalid_duration',
    );
    expect(err.message).toMatch(/duration|longer than 7 days/);
  });

  it('rejects a file without a video stream', () => {
    const err = expectMediaError(
      () => parseProbeOutput({ streams: [audio], format: format() }),
      'no_video_stream',
    );
    expect(err.message).toBe('No video stream found');
  });

  it('does not count cover art as video', () => {
    const cover = video({ codec_name: 'mjpeg', disposition: { attached_pic: 1 } });
    expectMediaError(
      () => parseProbeOutput({ streams: [audio, cover], format: format() }),
      'no_video_stream',
    );
  });

  it.each([['{}'], ['not json'], [{ streams: [] }]])('rejects output that describes no media: %s', (json) => {
    const err = expectMediaError(() => parseProbeOutput(json), 'not_a_video');
    expect(err.message).toMatch(/not a playable video/);
  });
});
