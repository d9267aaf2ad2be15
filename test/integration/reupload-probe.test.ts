// Issue 10, point 2: re-upload checks before it destroys. The staged file is probed first; a file that is
// not a video is refused with 400 and the published video keeps its files, rows and job untouched.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getClip, type ClipName } from '../helpers/media-clips.js';
import { legacyVideo, makeSmallClip } from '../helpers/legacy-video.js';
import { adminMultipart } from '../helpers/admin-inject.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

/** Every file under `dir` with its content, so any change (deleted, replaced, added) shows. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFile()) continue;
    const file = path.join(e.parentPath, e.name);
    out[path.relative(dir, file)] = (await readFile(file)).toString('base64');
  }
  return out;
}

describe.each(DRIVERS)('re-upload probes the new file before replacing anything (%s)', (driver) => {
  const t = useTestApp(driver);
  let clip: string;
  beforeAll(async () => {
    clip = await makeSmallClip(path.join(t.dataDir, 'clip180.mp4'));
  });

  const reupload = async (id: number, name: ClipName) =>
    adminMultipart(
      t,
      `/api/videos/${id}/re-upload`,
      {},
      {
        name: 'replacement.mp4',
        content: await readFile(await getClip(name)),
      },
    );
  /** What a re-upload would change: the video row, its renditions, transcription, job. */
  const rows = async (id: number) => ({
    video: await t.container.db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst(),
    qualities: await t.container.db
      .selectFrom('video_qualities')
      .selectAll()
      .where('video_id', '=', id)
      .orderBy('id')
      .execute(),
    transcriptions: await t.container.db
      .selectFrom('transcriptions')
      .selectAll()
      .where('video_id', '=', id)
      .execute(),
    job: await t.container.db
      .selectFrom('transcoding_jobs')
      .selectAll()
      .where('video_id', '=', id)
      .executeTakeFirst(),
  });

  it.each([
    ['notAVideo', /^The file is not a playable video \(ffprobe could not read it\)/],
    ['truncated', /^The file is truncated or damaged/],
  ] as const)('a %s file is refused with 400; the published video is untouched', async (name, detail) => {
    const v = await legacyVideo({ db: t.container.db, layout: t.container.layout }, clip, { original: true });
    await t.container.db
      .insertInto('transcriptions')
      .values({ video_id: v.id, status: 'completed' })
      .execute();
    await t.container.db
      .insertInto('transcoding_jobs')
      .values({ video_id: v.id, current_step: 'finalize', completed_at: new Date(), progress_percent: 100 })
      .execute();
    const files = await snapshot(v.dir);
    const upload = (await readFile(t.container.layout.uploadFile(v.id, '.mp4'))).toString('base64');
    const before = await rows(v.id);

    const res = await reupload(v.id, name);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ detail: string }>().detail).toMatch(detail);
    expect(res.json<{ detail: string }>().detail).toMatch(/the current video and its files are kept$/);

    expect(await snapshot(v.dir)).toEqual(files);
    expect((await readFile(t.container.layout.uploadFile(v.id, '.mp4'))).toString('base64')).toBe(upload);
    expect(await rows(v.id)).toEqual(before);
    // Nothing staged or set aside is left behind.
    expect((await readdir(t.config.uploadsDir)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect((await readdir(t.config.videosDir)).filter((n) => n.includes('replaced'))).toEqual([]);
    // Still listed as a ready video.
    const listed = await t.publicApp.inject({ url: `/api/videos/${v.slug}` });
    expect(listed.json()).toMatchObject({ slug: v.slug, status: 'ready' });
  });
});
