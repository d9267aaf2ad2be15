// Chapter auto-detection (api-admin.md §9, pipeline.md §15) on both databases: from the embedded chapters of a
// real clip written by ffmpeg, from a completed transcript; the refusals, the 409 races and the deadline.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AutoDetectResponse } from '../../src/contracts/api/chapter.contract.js';
import { createChapterRepository } from '../../src/domain/chapters/chapter.repository.js';
import { createChapterService } from '../../src/domain/chapters/chapter.service.js';
import { DomainError } from '../../src/domain/shared/errors.js';
import { probeChapters } from '../../src/media/chapter-probe.js';
import { chapterFixtures } from '../helpers/chapter-fixtures.js';
import { clipWithChapters, type ClipChapter } from '../helpers/chapter-clips.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

/** A 120 s clip: Intro 0–30, an untitled 30–35, Main 35–90, Outro 90–115, Credits 115–120. */
const CLIP_CHAPTERS: ClipChapter[] = [
  { title: 'Intro & <Welcome>', start: 0, end: 30 },
  { title: '', start: 30, end: 35 },
  { title: 'Main', start: 35, end: 90 },
  { title: 'Outro', start: 90, end: 115 },
  { title: 'Credits', start: 115, end: 120 },
];
let chapteredClip = '';
let plainClip = '';
beforeAll(async () => {
  [chapteredClip, plainClip] = await Promise.all([
    clipWithChapters(CLIP_CHAPTERS, 120),
    clipWithChapters([], 20),
  ]);
}, 120_000);

describe.each(DRIVERS)('chapter auto-detection (%s)', (driver) => {
  const t = useTestApp(driver);
  const { api, video, hasChapters, add, titles } = chapterFixtures(t, `detect-${driver}`);

  describe('auto-detect from metadata', () => {
    const detect = (id: number, body: object) => api('POST', `/api/videos/${id}/chapters/auto-detect`, body);

    it("reads the clip's chapters, filters short ones and ones near the end, replaces only when asked", async () => {
      const { id } = await video({ duration: 120, source: chapteredClip });
      const res = await detect(id, { min_chapter_length: 10 });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<AutoDetectResponse>();
      // Main starts 5 s after the kept untitled chapter, Credits 5 s before the end: both dropped.
      expect(body.chapters.map((c) => [c.title, c.start_time, c.end_time, c.position])).toEqual([
        ['Intro & <Welcome>', 0, 30, 0],
        ['Chapter 2', 30, 90, 1],
        ['Outro', 90, 120, 2],
      ]);
      expect(body).toMatchObject({ video_id: id, chapters_created: 3, source_used: 'metadata' });
      expect(body.message).toContain('3');
      expect(await hasChapters(id)).toBe(true);

      const again = await detect(id, { min_chapter_length: 60 });
      expect(again.json()).toEqual({
        detail: 'Video already has 3 chapter(s). Set replace_existing to true to replace them.',
      });
      const replaced = await detect(id, { min_chapter_length: 60, replace_existing: true });
      expect(replaced.statusCode, replaced.body).toBe(200);
      expect(
        replaced.json<AutoDetectResponse>().chapters.map((c) => [c.title, c.start_time, c.end_time]),
      ).toEqual([['Intro & <Welcome>', 0, 120]]);
      expect(await titles(id)).toEqual(['Intro & <Welcome>']);
    });

    it('answers 400 when the source has no chapters, no source exists, or no transcript is there', async () => {
      const plain = await video({ duration: 20, source: plainClip });
      const none = await detect(plain.id, {});
      expect(none.statusCode).toBe(400);
      expect(none.json<{ detail: string }>().detail).toMatch(/^No chapters detected from metadata/);
      expect(await hasChapters(plain.id)).toBe(false);

      const sourceless = await video();
      const missing = await detect(sourceless.id, { source: 'metadata' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json<{ detail: string }>().detail).toMatch(/source file/);
      const both = await detect(sourceless.id, { source: 'both' });
      expect(both.json<{ detail: string }>().detail).toMatch(
        /^No chapters detected from metadata or transcription/,
      );
      const transcript = await detect(plain.id, { source: 'transcription' });
      expect(transcript.statusCode).toBe(400);
      expect(transcript.json()).toEqual({
        detail: 'Video has no completed transcription to detect chapters from',
      });
      expect((await detect(999999, {})).statusCode).toBe(404);
    });

    it('answers 409 when chapters appear during a detection, or another request holds the video', async () => {
      const repo = createChapterRepository(t.container.db);
      const { id } = await video({ duration: 120, source: chapteredClip });
      await add(id, { title: 'Typed meanwhile', start_time: 0 });
      // The detection checked "no chapters" before it ran; the add landed in between: no silent replace.
      expect(await repo.replaceAll(id, [], false)).toBe('changed');
      expect(await titles(id)).toEqual(['Typed meanwhile']);
      if (driver !== 'postgres') return; // one PGlite connection: no second holder of the lock
      const holder = new pg.Client({ connectionString: t.db.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('SELECT id FROM videos WHERE id = $1 FOR UPDATE', [id]);
        const res = await detect(id, { min_chapter_length: 10, replace_existing: true });
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json<{ detail: string }>().detail).toMatch(/another request/);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      expect((await detect(id, { min_chapter_length: 10, replace_existing: true })).statusCode).toBe(200);
    });

    it('gives up at the deadline (504) and stops ffprobe, here on a source that never ends', async () => {
      const { id } = await video({ duration: 120 });
      const fifo = join(await mkdtemp(join(tmpdir(), 'vlog-fifo-')), 'source.mkv');
      await promisify(execFile)('mkfifo', [fifo]);
      let aborted = false;
      const service = createChapterService({
        chapters: createChapterRepository(t.container.db),
        findSource: () => Promise.resolve(fifo),
        readEmbedded: (file, signal) => {
          signal.addEventListener('abort', () => (aborted = true));
          return probeChapters(file, { signal, timeoutMs: 30_000 });
        },
        detectTimeoutMs: 500,
      });
      const err = await service
        .autoDetect(id, { source: 'metadata', min_chapter_length: 60, replace_existing: false })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({
        kind: 'timeout',
        message: 'Chapter detection took longer than 0.5 s and was stopped',
      });
      expect(aborted).toBe(true);
    });

    it('cuts a completed transcript into sections when asked for the transcription source', async () => {
      const { id } = await video({ duration: 120 });
      await t.container.db
        .insertInto('transcriptions')
        .values({
          video_id: id,
          status: 'completed',
          transcript_text: 'So welcome to the show. Now the main part starts here! And that is all.',
          // The time the transcription took (pipeline.md §14), not the span of the sections.
          duration_seconds: 7.5,
        })
        .execute();
      const res = await detect(id, { source: 'transcription', min_chapter_length: 40 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json<AutoDetectResponse>().chapters.map((c) => [c.title, c.start_time, c.end_time])).toEqual(
        [
          ['welcome to the show', 0, 40],
          ['the main part starts here', 40, 80],
          ['that is all', 80, 120],
        ],
      );
      expect(res.json<AutoDetectResponse>().source_used).toBe('transcription');
    });
  });
});
