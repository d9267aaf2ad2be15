// Sprite-sheet fixtures: a clip that makes two 5×5 sheets, a video row to queue sprites for, and the
// size of a written sheet.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from './test-db.js';

const run = promisify(execFile);
const FF = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];

/** 27 s of 320x180 at 5 fps: 27 frames at a 1 s interval, i.e. two 5×5 sheets. Encodes in well under a second. */
export async function makeSpriteClip(dir: string): Promise<string> {
  const out = path.join(dir, 'clip27.mp4');
  // prettier-ignore
  await run('ffmpeg', [...FF, '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=5:duration=27',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '10', out]);
  return out;
}

/** Width and height of an image (a sprite sheet), read by ffprobe. */
export async function sheetSize(file: string): Promise<[number, number]> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=width,height',
    '-of',
    'json',
    file,
  ]);
  const s = (JSON.parse(stdout) as { streams: Array<{ width: number; height: number }> }).streams[0]!;
  return [s.width, s.height];
}

/** A 27 s 320×180 video row (ready and published unless told otherwise) with a random slug. */
export async function insertSpriteVideo(
  db: TestDatabase['db'],
  values: {
    status?: string;
    duration?: number;
    published?: boolean;
    deleted?: boolean;
    createdAt?: Date;
  } = {},
) {
  return db
    .insertInto('videos')
    .values({
      title: 'Sprite video',
      slug: `sprite-${Math.random().toString(36).slice(2, 10)}`,
      status: values.status ?? 'ready',
      duration: values.duration ?? 27,
      source_width: 320,
      source_height: 180,
      published_at: values.published === false ? null : new Date(),
      deleted_at: values.deleted ? new Date() : null,
      created_at: values.createdAt ?? new Date(),
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}
