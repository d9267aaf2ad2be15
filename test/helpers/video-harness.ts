import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Updateable } from 'kysely';
import { expect } from 'vitest';
import type { VideosTable } from '../../src/db/database.types.js';
import { adminInject, adminMultipart, FAKE_VIDEO } from './admin-inject.js';
import type { TestApp } from './test-app.js';

/**
 * The video lifecycle tests' harness (video-lifecycle, video-retranscode, video-publish-edit): admin
 * requests, videos seeded or uploaded, rows read and set directly, a video made "ready" with files.
 */

/** Files of a finished video: CMAF 480p/360p, a TS `original`, master, DASH, thumbnail, captions. */
export const READY_FILES = [
  'master.m3u8',
  'manifest.mpd',
  'thumbnail.jpg',
  'captions.vtt',
  '480p/stream.m3u8',
  '480p/init.mp4',
  '480p/seg_0000.m4s',
  '360p/stream.m3u8',
  '360p/init.mp4',
  '360p/seg_0000.m4s',
  'original.m3u8',
  'original_0000.ts',
  'original_0001.ts',
];

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface Uploaded {
  video_id: number;
  slug: string;
}

export function videoHarness(get: () => TestApp) {
  const api = (
    method: Method,
    url: string,
    payload?: object | string,
    headers: Record<string, string> = {},
  ) => adminInject(get(), method, url, payload, headers);
  const sendMultipart = (
    url: string,
    fields: Record<string, string>,
    file?: { name: string; content: Buffer },
  ) =>
    adminMultipart(get(), url.replace(/^PUT /, ''), fields, file, {
      method: url.startsWith('PUT ') ? 'PUT' : 'POST',
    });
  const db = () => get().container.db;
  let seeded = 0;
  return {
    api,
    sendMultipart,
    /** A pending video with its job and a source file, written directly (no HTTP, no ffprobe). */
    async seed(title: string): Promise<Uploaded> {
      const { layout } = get().container;
      const slug = `${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${++seeded}`;
      const row = await db()
        .insertInto('videos')
        .values({ title, slug, status: 'pending' })
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('transcoding_jobs')
        .values({ video_id: row.id, current_step: 'pending', attempt_number: 1, max_attempts: 3 })
        .execute();
      await writeFile(layout.uploadFile(row.id, '.mp4'), FAKE_VIDEO);
      await mkdir(layout.videoDir(row.slug), { recursive: true });
      return { video_id: row.id, slug: row.slug };
    },
    async upload(title: string, content = FAKE_VIDEO, name = 'clip.mp4'): Promise<Uploaded> {
      const res = await sendMultipart('/api/videos', { title }, { name, content });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<Uploaded>();
    },
    video: (id: number) =>
      db().selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    /** Sets columns of a video row directly (a state the API would take a worker to reach). */
    setVideo: (id: number, values: Updateable<VideosTable>) =>
      db().updateTable('videos').set(values).where('id', '=', id).execute(),
    job: (id: number) =>
      db().selectFrom('transcoding_jobs').selectAll().where('video_id', '=', id).executeTakeFirstOrThrow(),
    transcriptionIds: async (id: number) =>
      (await db().selectFrom('transcriptions').select('id').where('video_id', '=', id).execute()).map(
        (r) => r.id,
      ),
    qualityNames: async (id: number) =>
      (await db().selectFrom('video_qualities').select('quality').where('video_id', '=', id).execute())
        .map((r) => r.quality)
        .sort(),
    /** Claims exactly this video's job (other unfinished jobs are parked as completed first). */
    async claimOnly(videoId: number) {
      await db()
        .updateTable('transcoding_jobs')
        .set({ completed_at: new Date() })
        .where('video_id', '!=', videoId)
        .where('completed_at', 'is', null)
        .execute();
      const claimed = await get().container.services.jobs.claim({
        workerId: 'test-worker',
        workerName: 'test',
      });
      expect(claimed?.videoId).toBe(videoId);
      return claimed as NonNullable<typeof claimed>;
    },
    /** Turns an upload into a finished 854x480 video with files, quality rows and a transcript. */
    async makeReady(v: Uploaded, files = READY_FILES, qualities = ['480p', '360p', 'original']) {
      for (const f of files) {
        await mkdir(path.dirname(path.join(get().container.layout.videoDir(v.slug), f)), { recursive: true });
        await writeFile(path.join(get().container.layout.videoDir(v.slug), f), `#${f}\n`);
      }
      const db = get().container.db;
      await db
        .updateTable('videos')
        .set({
          status: 'ready',
          duration: 2,
          source_width: 854,
          source_height: 480,
          published_at: new Date(),
        })
        .where('id', '=', v.video_id)
        .execute();
      await db
        .insertInto('video_qualities')
        .values(
          qualities.map((q) => ({
            video_id: v.video_id,
            quality: q,
            width: 854,
            height: 480,
            bitrate: 1000,
          })),
        )
        .execute();
      await db.insertInto('transcriptions').values({ video_id: v.video_id, status: 'completed' }).execute();
      await db
        .updateTable('transcoding_jobs')
        .set({ completed_at: new Date(), progress_percent: 100, current_step: 'finalize' })
        .where('video_id', '=', v.video_id)
        .execute();
    },
  };
}
