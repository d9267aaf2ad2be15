// Archive retention (api-admin.md §5.3, pipeline.md §12): videos archived longer than
// VLOG_ARCHIVE_RETENTION_DAYS are purged with every file, incl. archive/uploads; newer ones stay; 0 disables.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createVideoRepository } from '../../src/domain/videos/video.repository.js';
import { createRetentionService } from '../../src/domain/videos/retention.service.js';
import { periodicTasks } from '../../src/server/periodic-tasks.js';
import { startSchedules } from '../../src/server/schedules.js';
import { multipart, TEST_ADMIN_SECRET } from '../helpers/test-app.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { waitFor } from '../helpers/wait.js';

const AUTH = { 'x-admin-secret': TEST_ADMIN_SECRET };
const DAY_MS = 86_400_000;

describe.each(DRIVERS)('archive retention (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_ARCHIVE_RETENTION_DAYS: '30' });

  /** Uploads a video, gives it output files, archives it, and backdates the archive by `daysAgo`. */
  async function archived(title: string, daysAgo: number) {
    const body = multipart({ title }, { name: 'clip.mp4', content: Buffer.from(`${title}\n`.repeat(40)) });
    const res = await t.adminApp.inject({
      method: 'POST',
      url: '/api/videos',
      payload: body.payload,
      headers: { ...body.headers, ...AUTH },
    });
    const v = res.json<{ video_id: number; slug: string }>();
    const dir = t.container.layout.videoDir(v.slug);
    await mkdir(path.join(dir, '360p'), { recursive: true });
    await writeFile(path.join(dir, 'master.m3u8'), '#EXTM3U\n');
    await writeFile(path.join(dir, '360p', 'stream.m3u8'), '#EXTM3U\n');
    if (daysAgo >= 0) {
      const del = await t.adminApp.inject({
        method: 'DELETE',
        url: `/api/videos/${v.video_id}`,
        headers: AUTH,
      });
      expect(del.statusCode, del.body).toBe(200);
      await t.container.db
        .updateTable('videos')
        .set({ deleted_at: new Date(Date.now() - daysAgo * DAY_MS) })
        .where('id', '=', v.video_id)
        .execute();
    }
    const { layout } = t.container;
    return {
      id: v.video_id,
      files: {
        videoDir: dir,
        archivedDir: layout.archivedVideoDir(v.slug),
        upload: layout.uploadFile(v.video_id, '.mp4'),
        archivedUpload: layout.archivedUploadFile(v.video_id, '.mp4'),
      },
    };
  }
  const rowCount = async (id: number) => ({
    videos: (await t.container.db.selectFrom('videos').select('id').where('id', '=', id).execute()).length,
    jobs: (
      await t.container.db.selectFrom('transcoding_jobs').select('id').where('video_id', '=', id).execute()
    ).length,
  });
  const serviceWith = (days: number) =>
    createRetentionService({
      videos: createVideoRepository(t.container.db),
      videoService: t.container.services.videos,
      retentionDays: days,
    });

  it('purges videos archived longer than the retention, with every file; keeps newer and live ones', async () => {
    const old = await archived('Old Archived', 40);
    const recent = await archived('Recent Archived', 5);
    const live = await archived('Still Live', -1);
    expect(existsSync(old.files.archivedDir)).toBe(true);
    expect(existsSync(old.files.archivedUpload)).toBe(true);
    // A leftover output dir under videos/ (e.g. re-created after archiving) goes too.
    await mkdir(old.files.videoDir, { recursive: true });
    await writeFile(path.join(old.files.videoDir, 'thumbnail.jpg'), 'x');

    const purged = await t.container.services.retention.purgeExpired();
    expect(purged).toEqual([old.id]);
    expect(await rowCount(old.id)).toEqual({ videos: 0, jobs: 0 });
    for (const [what, p] of Object.entries(old.files)) expect(existsSync(p), what).toBe(false);

    expect(await rowCount(recent.id)).toEqual({ videos: 1, jobs: 1 });
    expect(existsSync(recent.files.archivedDir)).toBe(true);
    expect(existsSync(recent.files.archivedUpload)).toBe(true);
    expect(await rowCount(live.id)).toEqual({ videos: 1, jobs: 1 });
    expect(existsSync(live.files.upload)).toBe(true);
    expect(existsSync(live.files.videoDir)).toBe(true);

    // A second run has nothing left to do; a shorter retention reaches the recent one.
    expect(await t.container.services.retention.purgeExpired()).toEqual([]);
    expect(await serviceWith(3).purgeExpired()).toEqual([recent.id]);
    expect(existsSync(recent.files.archivedUpload)).toBe(false);
  });

  it('0 days disables the purge', async () => {
    const ancient = await archived('Ancient Archived', 4000);
    const off = serviceWith(0);
    expect(off.enabled).toBe(false);
    expect(await off.purgeExpired()).toEqual([]);
    expect(await rowCount(ancient.id)).toEqual({ videos: 1, jobs: 1 });
    expect(existsSync(ancient.files.archivedUpload)).toBe(true);
  });

  it("the admin role's schedule runs the purge (and stops cleanly)", async () => {
    const due = await archived('Due Archived', 31);
    const errors: unknown[] = [];
    const logger = { info: () => undefined, error: (obj: object) => errors.push(obj) };
    const tasks = periodicTasks(t.container, ['admin'], logger);
    expect(tasks.map((task) => task.name)).toEqual([
      'archive retention',
      'admin session purge',
      'webhook delivery purge',
    ]);
    const schedules = startSchedules(tasks, logger);
    try {
      await schedules.runNow('archive retention');
      await waitFor(async () => ((await rowCount(due.id)).videos === 0 ? true : undefined), {
        timeoutMs: 10_000,
        what: 'the scheduled purge',
      });
    } finally {
      await schedules.stop();
    }
    expect(existsSync(due.files.archivedUpload)).toBe(false);
    expect(errors).toEqual([]);
  });
});
