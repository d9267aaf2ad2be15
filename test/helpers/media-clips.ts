import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Deterministic short test clips generated with ffmpeg lavfi (testsrc2 + sine), cached in .cache/media/
 * and reused across runs. Generation writes to a temp name and renames, so parallel test files are safe.
 */
const execFileAsync = promisify(execFile);

export const CLIP_CACHE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.cache/media');

export type ClipName =
  | 'landscape1080'
  | 'portrait'
  | 'videoOnly'
  | 'webm'
  | 'truncated'
  | 'notAVideo'
  | 'landscape480x5s'
  | 'landscape1080x8s'
  | 'landscape720x8s'
  | 'landscape720x16s'
  | 'landscape1080x20s';

const FF = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];
const BITEXACT = [
  '-fflags',
  '+bitexact',
  '-flags:v',
  '+bitexact',
  '-flags:a',
  '+bitexact',
  '-map_metadata',
  '-1',
];

function lavfiVideo(width: number, height: number, seconds: number): string[] {
  return ['-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}:rate=30:duration=${seconds}`];
}

function lavfiAudio(seconds: number): string[] {
  return ['-f', 'lavfi', '-i', `sine=frequency=440:beep_factor=4:sample_rate=48000:duration=${seconds}`];
}

const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-pix_fmt', 'yuv420p'];
const AAC = ['-c:a', 'aac', '-b:a', '128k', '-ac', '2'];

/** H.264 + AAC MP4 without faststart (moov at the end, as ffmpeg writes by default). */
function avArgs(width: number, height: number, seconds: number): string[] {
  return [
    ...lavfiVideo(width, height, seconds),
    ...lavfiAudio(seconds),
    '-map',
    '0:v',
    '-map',
    '1:a',
    ...H264,
    ...AAC,
    ...BITEXACT,
    '-t',
    String(seconds),
    '-f',
    'mp4',
  ];
}

// prettier-ignore
const WEBM_ARGS = [
  ...lavfiVideo(854, 480, 2),
  ...lavfiAudio(2),
  '-map', '0:v', '-map', '1:a',
  '-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-b:v', '1M', '-g', '30',
  '-pix_fmt', 'yuv420p',
  '-c:a', 'libopus', '-b:a', '96k', '-ac', '2',
  ...BITEXACT, '-t', '2', '-f', 'webm',
];

interface ClipRecipe {
  file: string;
  make: (out: string) => Promise<void>;
}

async function ffmpeg(args: string[], out: string): Promise<void> {
  await execFileAsync('ffmpeg', [...FF, ...args, out]);
}

const RECIPES: Record<ClipName, ClipRecipe> = {
  landscape1080: { file: 'landscape1080.mp4', make: (out) => ffmpeg(avArgs(1920, 1080, 2), out) },
  // Small and long enough for several 2 s segments: the codec × format matrix runs fast on 2 cores.
  landscape480x5s: { file: 'landscape480x5s.mp4', make: (out) => ffmpeg(avArgs(854, 480, 5), out) },
  // Live publishing and resume (issue 3): four 2 s segments per rendition.
  landscape1080x8s: { file: 'landscape1080x8s.mp4', make: (out) => ffmpeg(avArgs(1920, 1080, 8), out) },
  landscape720x8s: { file: 'landscape720x8s.mp4', make: (out) => ffmpeg(avArgs(1280, 720, 8), out) },
  // Remote workers (issue 4): long enough to kill a worker or restart the server in the middle.
  landscape720x16s: { file: 'landscape720x16s.mp4', make: (out) => ffmpeg(avArgs(1280, 720, 16), out) },
  // Playback start-up bench (issue 13): a 1080p video with several segments per rendition.
  landscape1080x20s: { file: 'landscape1080x20s.mp4', make: (out) => ffmpeg(avArgs(1920, 1080, 20), out) },
  portrait: { file: 'portrait1080x1920.mp4', make: (out) => ffmpeg(avArgs(1080, 1920, 2), out) },
  videoOnly: {
    file: 'videoonly720.mp4',
    make: (out) =>
      ffmpeg(
        [...lavfiVideo(1280, 720, 2), '-map', '0:v', '-an', ...H264, ...BITEXACT, '-t', '2', '-f', 'mp4'],
        out,
      ),
  },
  webm: { file: 'vp9opus480.webm', make: (out) => ffmpeg(WEBM_ARGS, out) },
  truncated: {
    file: 'truncated1080.mp4',
    make: async (out) => {
      // A 3 s clip with moov at the end, cut to its first 64 KiB: what an interrupted upload looks like.
      const full = `${out}.full.mp4`;
      await ffmpeg(avArgs(1920, 1080, 3), full);
      const handle = await open(full, 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(64 * 1024), 0, 64 * 1024, 0);
        await writeFile(out, buffer.subarray(0, bytesRead));
      } finally {
        await handle.close();
        await rm(full, { force: true });
      }
    },
  },
  notAVideo: {
    file: 'notavideo.mp4',
    make: (out) =>
      writeFile(out, 'This is a plain text file, not a video.\nIt only has an .mp4 extension.\n'),
  },
};

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}

/** Absolute path of the named clip, generated on first use. */
export async function getClip(name: ClipName): Promise<string> {
  const recipe = RECIPES[name];
  const target = join(CLIP_CACHE_DIR, recipe.file);
  if (await exists(target)) return target;
  await mkdir(CLIP_CACHE_DIR, { recursive: true });
  const temp = join(CLIP_CACHE_DIR, `.${randomBytes(6).toString('hex')}.${recipe.file}`);
  try {
    await recipe.make(temp);
    await rename(temp, target);
  } finally {
    await rm(temp, { force: true });
  }
  return target;
}
