import { describe, expect, it } from 'vitest';
import { buildLadderCommand, resumeSeconds, TS_TIMELINE_START } from './ffmpeg-args.js';
import { planLadder } from './ladder.js';

// The resume options of buildLadderCommand (crash-safe restart at segment k); the rest is ffmpeg-args.test.ts.
const plan = (format: 'cmaf' | 'hls_ts') =>
  planLadder({ width: 1280, height: 720 }, { format, segmentDuration: 2 });
const command = (format: 'cmaf' | 'hls_ts', startSegment?: number) =>
  buildLadderCommand({
    input: '/in.mp4',
    outputDir: '/out',
    plan: plan(format),
    probe: { frameRate: 30 },
    startSegment,
  });
const valuesOf = (args: string[], flag: string) => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));

describe('buildLadderCommand resume options', () => {
  it('a fresh CMAF encode has no seek, numbering or offset options', () => {
    const args = command('cmaf');
    for (const flag of ['-ss', '-start_number', '-output_ts_offset', '-hls_segment_options'])
      expect(args).not.toContain(flag);
  });

  it('a resumed CMAF encode seeks the input to k × segment and continues numbering and timestamps', () => {
    const args = command('cmaf', 3);
    expect(resumeSeconds({ plan: plan('cmaf'), startSegment: 3 })).toBe(6);
    expect(valuesOf(args, '-ss')).toEqual(['6']);
    expect(args.indexOf('-ss')).toBeLessThan(args.indexOf('-i')); // input seeking
    expect(valuesOf(args, '-start_number')).toEqual(['3', '3', '3']);
    expect(valuesOf(args, '-output_ts_offset')).toEqual(['6', '6', '6']);
    // The mp4 muxer keeps the offset in tfdt only with frag_discont.
    expect(valuesOf(args, '-hls_segment_options')).toEqual(Array(3).fill('movflags=+frag_discont'));
  });

  it('MPEG-TS always starts its timeline at a fixed offset, so fresh and resumed encodes agree', () => {
    expect(valuesOf(command('hls_ts'), '-output_ts_offset')).toEqual(
      Array(3).fill(String(TS_TIMELINE_START)),
    );
    const resumed = command('hls_ts', 2);
    expect(valuesOf(resumed, '-output_ts_offset')).toEqual(Array(3).fill(String(TS_TIMELINE_START + 4)));
    expect(valuesOf(resumed, '-start_number')).toEqual(['2', '2', '2']);
    expect(resumed).not.toContain('-hls_segment_options');
  });
});
