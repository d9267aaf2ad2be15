// A small real Matroska file with chapters written by ffmpeg from an ffmetadata file, for chapter auto-detection.
// Matroska, not MP4: ffmpeg's MP4 muxer drops an untitled chapter and repeats others in its QuickTime track.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface ClipChapter {
  /** Empty: the chapter has no title tag. */
  title: string;
  start: number;
  end: number;
}

/** ffmetadata escapes `=`, `;`, `#`, `\` and newlines with a backslash. */
const escapeMeta = (text: string) => text.replace(/[=;#\\\n]/g, (c) => `\\${c}`);

function ffmetadata(chapters: ClipChapter[]): string {
  const blocks = chapters.map((c) =>
    [
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${Math.round(c.start * 1000)}`,
      `END=${Math.round(c.end * 1000)}`,
      ...(c.title ? [`title=${escapeMeta(c.title)}`] : []),
    ].join('\n'),
  );
  return [';FFMETADATA1', ...blocks, ''].join('\n');
}

/** A `seconds`-long tiny H.264 Matroska file (160×90, 5 fps, no audio) carrying `chapters`; returns its path. */
export async function clipWithChapters(chapters: ClipChapter[], seconds: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vlog-chapters-'));
  const meta = join(dir, 'chapters.txt');
  const out = join(dir, 'clip.mkv');
  await writeFile(meta, ffmetadata(chapters));
  // prettier-ignore
  await execFileAsync('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    '-f', 'lavfi', '-i', `testsrc2=size=160x90:rate=5:duration=${seconds}`,
    '-i', meta, '-map', '0:v', '-map_metadata', '1', '-map_chapters', '1',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-t', String(seconds), out,
  ]);
  return out;
}
