// CODECS and size read from a CMAF init.mp4 without ffprobe (src/media/mp4-init.ts), checked against what
// ffprobe reports for real ffmpeg output.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeInit } from '../../src/media/mp4-init.js';
import { describeOutput } from '../../src/media/transcode-ladder.js';

const run = promisify(execFile);
let dir: string;

/** One second of CMAF HLS from lavfi: H.264 (x264 at the given size) or HEVC, with or without AAC. */
async function cmaf(name: string, o: { size: string; codec: 'libx264' | 'libx265'; audio: boolean }) {
  const out = join(dir, name);
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${o.size}:rate=30:duration=1`],
    ...(o.audio ? ['-f', 'lavfi', '-i', 'sine=duration=1', '-c:a', 'aac'] : []),
    // x264 veryfast: High profile as in the ladder (ultrafast would be Constrained Baseline, whose
    // constraint flags init.mp4 carries and the ffprobe-derived string leaves out).
    ...['-c:v', o.codec, '-preset', o.codec === 'libx264' ? 'veryfast' : 'ultrafast', '-pix_fmt', 'yuv420p'],
    ...['-f', 'hls', '-hls_segment_type', 'fmp4', '-hls_fmp4_init_filename', `${name}-init.mp4`],
    ...['-hls_segment_filename', join(dir, `${name}-%d.m4s`), `${out}.m3u8`],
  ]);
  return { init: join(dir, `${name}-init.mp4`), playlist: `${out}.m3u8` };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vlog-mp4-init-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('describeInit', () => {
  it.each([
    ['1280x720', true],
    ['640x360', false],
  ] as const)('H.264 %s (audio %s): the same size and CODECS as ffprobe finds', async (size, audio) => {
    const out = await cmaf(`h264-${size}-${audio}`, { size, codec: 'libx264', audio });
    const parsed = describeInit(await readFile(out.init));
    const probed = await describeOutput(out.playlist);
    expect(parsed).toEqual(probed);
    expect(parsed?.codecs).toMatch(audio ? /^avc1\.6400[0-9a-f]{2},mp4a\.40\.2$/ : /^avc1\.6400[0-9a-f]{2}$/);
  });

  it('returns null for what it does not describe (HEVC; not an MP4)', async () => {
    const out = await cmaf('hevc', { size: '640x360', codec: 'libx265', audio: true });
    expect(describeInit(await readFile(out.init))).toBeNull();
    expect(describeInit(Buffer.from('#EXTM3U\n'))).toBeNull();
    expect(describeInit(Buffer.alloc(0))).toBeNull();
  });
});
