// A rendition as one source file (src/media/flatten-playlist.ts): init + segments of real ffmpeg HLS output
// (fMP4 and MPEG-TS) concatenated are a playable file of the whole duration; segments may not escape.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flattenPlaylist } from '../../src/media/flatten-playlist.js';
import { probeMedia } from '../../src/media/probe.js';

const run = promisify(execFile);
let dir: string;

/** Three seconds of H.264 + AAC as HLS with one-second segments, fMP4 or MPEG-TS. */
async function hls(name: string, type: 'fmp4' | 'mpegts'): Promise<string> {
  const out = join(dir, name);
  await mkdir(out);
  await run('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...[
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=320x180:rate=25:duration=3',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=3',
    ],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-c:a', 'aac', '-shortest'],
    ...['-f', 'hls', '-hls_time', '1', '-hls_list_size', '0', '-hls_segment_type', type],
    ...(type === 'fmp4' ? ['-hls_fmp4_init_filename', 'init.mp4'] : []),
    ...['-hls_segment_filename', join(out, type === 'fmp4' ? 'seg_%04d.m4s' : 'seg_%04d.ts')],
    join(out, 'stream.m3u8'),
  ]);
  return join(out, 'stream.m3u8');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vlog-flatten-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('flattenPlaylist', () => {
  it.each(['fmp4', 'mpegts'] as const)('%s: one playable file of the whole duration', async (type) => {
    const playlist = await hls(type, type);
    const output = join(dir, `${type}.flat`);
    await flattenPlaylist(playlist, output);
    const probe = await probeMedia(output);
    expect(probe.videoCodec).toBe('h264');
    expect(probe.audioCodec).toBe('aac');
    expect([probe.width, probe.height]).toEqual([320, 180]);
    expect(probe.duration).toBeGreaterThan(2.9);
    expect(probe.duration).toBeLessThan(3.2);
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a segment outside the playlist directory and leaves nothing behind', async () => {
    const sub = join(dir, 'escape');
    await mkdir(sub);
    await writeFile(join(dir, 'secret.ts'), 'x');
    await writeFile(
      join(sub, 'stream.m3u8'),
      '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\n../secret.ts\n#EXT-X-ENDLIST\n',
    );
    const output = join(dir, 'escape.flat');
    await expect(flattenPlaylist(join(sub, 'stream.m3u8'), output)).rejects.toThrow(/outside/);
    expect((await readdir(dir)).filter((f) => f.startsWith('escape.flat') || f.endsWith('.tmp'))).toEqual([]);
  });
});
