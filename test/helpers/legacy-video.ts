// Re-encode fixtures: a small clip and a ready video in the legacy HLS/TS layout, as the old pipeline left it.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.types.js';
import type { StorageLayout } from '../../src/storage/storage-layout.js';

const run = promisify(execFile);
const FF = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'];

/** The master entry of the fixture's original remux (HLS/TS masters list it first). */
export const LEGACY_ORIGINAL_ENTRY =
  '#EXT-X-STREAM-INF:BANDWIDTH=900000,RESOLUTION=320x180,CODECS="avc1.64000d,mp4a.40.2"';

/** A 2 s 320×180 H.264/AAC clip: a re-encode makes a single rendition of it. */
export async function makeSmallClip(file: string): Promise<string> {
  // prettier-ignore
  await run('ffmpeg', [...FF,
    '-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=2',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=2',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '25', '-pix_fmt', 'yuv420p',
    '-c:a', 'aac', '-b:a', '96k', '-shortest', file]);
  return file;
}

export async function insertLegacyVideo(
  db: Kysely<Database>,
  values: { status?: string; format?: string; deleted?: boolean } = {},
) {
  return db
    .insertInto('videos')
    .values({
      title: 'Legacy video',
      slug: `legacy-${Math.random().toString(36).slice(2, 10)}`,
      status: values.status ?? 'ready',
      streaming_format: values.format ?? 'hls_ts',
      primary_codec: 'h264',
      duration: 2,
      source_width: 320,
      source_height: 180,
      published_at: new Date(),
      deleted_at: values.deleted ? new Date() : null,
    })
    .returning(['id', 'slug'])
    .executeTakeFirstOrThrow();
}

async function hlsCopy(clip: string, dir: string, name: string): Promise<void> {
  // prettier-ignore
  await run('ffmpeg', [...FF, '-i', clip, '-c', 'copy', '-f', 'hls', '-hls_time', '1', '-hls_list_size', '0',
    '-hls_segment_filename', path.join(dir, `${name}_%04d.ts`), path.join(dir, `${name}.m3u8`)]);
}

export interface LegacyVideoOptions {
  /** The source upload: the clip (default), other bytes, or none. */
  upload?: Buffer | 'clip' | null;
  /** An original remux (original.m3u8 + original_NNNN.ts), listed first in the master. Default false. */
  original?: boolean;
  /** thumbnail.jpg ('old-thumbnail'). Default true. */
  thumbnail?: boolean;
}

/**
 * A ready hls_ts video: a 360p TS rendition, master, captions, sprites, stale 720p quality row; optionally
 * a thumbnail, an original remux and the upload.
 */
export async function legacyVideo(
  app: { db: Kysely<Database>; layout: StorageLayout },
  clip: string,
  opts: LegacyVideoOptions = {},
) {
  const v = await insertLegacyVideo(app.db);
  const dir = app.layout.videoDir(v.slug);
  await mkdir(path.join(dir, 'sprites'), { recursive: true });
  await hlsCopy(clip, dir, '360p');
  if (opts.original) await hlsCopy(clip, dir, 'original');
  const originalEntry = opts.original ? `${LEGACY_ORIGINAL_ENTRY}\noriginal.m3u8\n` : '';
  await writeFile(
    path.join(dir, 'master.m3u8'),
    `#EXTM3U\n#EXT-X-VERSION:3\n\n${originalEntry}#EXT-X-STREAM-INF:BANDWIDTH=600000,RESOLUTION=320x180\n360p.m3u8\n`,
  );
  if (opts.thumbnail ?? true) await writeFile(path.join(dir, 'thumbnail.jpg'), 'old-thumbnail');
  await writeFile(path.join(dir, 'captions.vtt'), 'WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n');
  await writeFile(path.join(dir, 'sprites', 'sprite_01.jpg'), 'sheet');
  await writeFile(path.join(dir, 'sprites.vtt'), 'WEBVTT\n');
  const upload = opts.upload === undefined ? 'clip' : opts.upload;
  if (upload === 'clip') await copyFile(clip, app.layout.uploadFile(v.id, '.mp4'));
  else if (upload) await writeFile(app.layout.uploadFile(v.id, '.mp4'), upload);
  await app.db
    .insertInto('video_qualities')
    .values([
      { video_id: v.id, quality: '360p', width: 320, height: 180, bitrate: 600 },
      { video_id: v.id, quality: '720p', width: 1280, height: 720, bitrate: 2500 }, // stale row
      ...(opts.original
        ? [{ video_id: v.id, quality: 'original', width: 320, height: 180, bitrate: 900 }]
        : []),
    ])
    .execute();
  return { ...v, dir };
}
