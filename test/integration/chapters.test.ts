// Chapters of a video (api-admin.md §9), their auto-detection from the source's metadata on a real clip
// (pipeline.md §15) and the chapters of the video detail (api-public.md §4.2), on both databases.
import { copyFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AutoDetectResponse, Chapter, ChapterList } from '../../src/contracts/api/chapter.contract.js';
import type { VideoDetail } from '../../src/contracts/api/video.contract.js';
import { adminInject } from '../helpers/admin-inject.js';
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

describe.each(DRIVERS)('chapters (%s)', (driver) => {
  const t = useTestApp(driver);
  const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    adminInject(t, method, url, payload);

  let seeded = 0;
  async function video(opts: { duration?: number; archived?: boolean; source?: string } = {}) {
    const slug = `chaptered-${driver}-${++seeded}`;
    const row = await t.container.db
      .insertInto('videos')
      .values({
        title: `Chaptered ${seeded}`,
        slug,
        status: 'ready',
        duration: opts.duration ?? 120,
        published_at: new Date(),
        deleted_at: opts.archived ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (opts.source) await copyFile(opts.source, t.container.layout.uploadFile(row.id, '.mkv'));
    return { id: row.id, slug };
  }
  const hasChapters = async (id: number) =>
    (
      await t.container.db
        .selectFrom('videos')
        .select('has_chapters')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).has_chapters;
  async function add(id: number, body: object): Promise<Chapter> {
    const res = await api('POST', `/api/videos/${id}/chapters`, body);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Chapter>();
  }
  const list = async (id: number) => (await api('GET', `/api/videos/${id}/chapters`)).json<ChapterList>();
  const titles = async (id: number) => (await list(id)).chapters.map((c) => c.title);

  it('adds, reads, edits and deletes chapters, keeping positions and has_chapters', async () => {
    const { id } = await video();
    expect(await list(id)).toEqual({ chapters: [], video_id: id, total_count: 0 });
    const first = await add(id, { title: '  Opening ', start_time: 0, end_time: 12.5, description: 'Hello' });
    expect(first).toMatchObject({
      video_id: id,
      title: 'Opening',
      description: 'Hello',
      start_time: 0,
      end_time: 12.5,
      position: 0,
    });
    expect(first.created_at).not.toBeNull();
    expect(first.updated_at).toBeNull();
    expect(await hasChapters(id)).toBe(true);
    const second = await add(id, { title: 'Middle', start_time: 40 });
    const third = await add(id, { title: 'Late', start_time: 80, description: '' });
    expect([second.position, third.position, third.description, second.end_time]).toEqual([1, 2, null, null]);

    expect((await api('GET', `/api/videos/${id}/chapters/${second.id}`)).json()).toEqual(second);
    const edited = await api('PUT', `/api/videos/${id}/chapters/${second.id}`, {
      title: 'Centre',
      end_time: 60,
    });
    expect(edited.json<Chapter>()).toMatchObject({
      title: 'Centre',
      start_time: 40,
      end_time: 60,
      position: 1,
    });
    expect(edited.json<Chapter>().updated_at).not.toBeNull();
    const cleared = await api('PUT', `/api/videos/${id}/chapters/${second.id}`, { end_time: null });
    expect(cleared.json<Chapter>().end_time).toBeNull();

    expect((await api('DELETE', `/api/videos/${id}/chapters/${first.id}`)).json()).toMatchObject({
      status: 'ok',
    });
    const after = await list(id);
    expect(after.chapters.map((c) => [c.title, c.position])).toEqual([
      ['Centre', 0],
      ['Late', 1],
    ]);
    expect(after.total_count).toBe(2);
    await api('DELETE', `/api/videos/${id}/chapters/${second.id}`);
    expect(await hasChapters(id)).toBe(true);
    await api('DELETE', `/api/videos/${id}/chapters/${third.id}`);
    expect(await hasChapters(id)).toBe(false);
  });

  it('refuses bad input with the reason and answers 404 for a missing video or chapter', async () => {
    const { id } = await video({ duration: 100 });
    const archived = await video({ archived: true });
    const other = await video();
    const chapter = await add(id, { title: 'Kept', start_time: 10, end_time: 20 });
    const foreign = await add(other.id, { title: 'Elsewhere', start_time: 0 });
    const base = `/api/videos/${id}/chapters`;
    const cases: Array<
      [string, 'GET' | 'POST' | 'PUT' | 'DELETE', string, object | undefined, number, string | RegExp]
    > = [
      [
        'start at the duration',
        'POST',
        base,
        { title: 'x', start_time: 100 },
        400,
        "Start time (100s) must be before the video's duration (100s)",
      ],
      [
        'end before start',
        'POST',
        base,
        { title: 'x', start_time: 50, end_time: 50 },
        400,
        'End time must be after start time',
      ],
      ['blank title', 'POST', base, { title: '   ', start_time: 1 }, 400, 'Chapter title is required'],
      ['empty title', 'POST', base, { title: '', start_time: 1 }, 400, /title/],
      ['long title', 'POST', base, { title: 'x'.repeat(256), start_time: 1 }, 400, /title/],
      [
        'long description',
        'POST',
        base,
        { title: 'x', description: 'd'.repeat(1001), start_time: 1 },
        400,
        /description/,
      ],
      ['negative start', 'POST', base, { title: 'x', start_time: -1 }, 400, /start_time/],
      ['start not a number', 'POST', base, { title: 'x', start_time: 'soon' }, 400, /start_time/],
      ['no start', 'POST', base, { title: 'x' }, 400, /start_time/],
      [
        'edit: end before existing start',
        'PUT',
        `${base}/${chapter.id}`,
        { end_time: 5 },
        400,
        'End time must be after start time',
      ],
      [
        'edit: start after existing end',
        'PUT',
        `${base}/${chapter.id}`,
        { start_time: 30 },
        400,
        'End time must be after start time',
      ],
      [
        'edit: start past the duration',
        'PUT',
        `${base}/${chapter.id}`,
        { start_time: 150, end_time: 160 },
        400,
        /must be before the video's duration/,
      ],
      [
        'reorder: duplicates',
        'POST',
        `${base}/reorder`,
        { chapter_ids: [chapter.id, chapter.id] },
        400,
        `Duplicate chapter IDs: [${chapter.id}]`,
      ],
      ['reorder: empty', 'POST', `${base}/reorder`, { chapter_ids: [] }, 400, /chapter_ids/],
      [
        "reorder: another video's chapter",
        'POST',
        `${base}/reorder`,
        { chapter_ids: [foreign.id] },
        400,
        `Missing chapter IDs: [${chapter.id}]; Invalid chapter IDs: [${foreign.id}]`,
      ],
      [
        'auto-detect: short minimum',
        'POST',
        `${base}/auto-detect`,
        { min_chapter_length: 5 },
        400,
        /min_chapter_length/,
      ],
      ['auto-detect: unknown source', 'POST', `${base}/auto-detect`, { source: 'magic' }, 400, /source/],
      [
        'auto-detect: chapters exist',
        'POST',
        `${base}/auto-detect`,
        {},
        400,
        'Video already has 1 chapter(s). Set replace_existing to true to replace them.',
      ],
      ['bad video id', 'GET', '/api/videos/abc/chapters', undefined, 400, /id/],
      ['bad chapter id', 'GET', `${base}/0`, undefined, 400, /chapter_id/],
      ['missing video', 'GET', '/api/videos/999999/chapters', undefined, 404, 'Video not found'],
      [
        'archived video',
        'POST',
        `/api/videos/${archived.id}/chapters`,
        { title: 'x', start_time: 1 },
        404,
        'Video not found',
      ],
      ['missing chapter', 'GET', `${base}/999999`, undefined, 404, 'Chapter not found'],
      ["another video's chapter", 'PUT', `${base}/${foreign.id}`, { title: 'x' }, 404, 'Chapter not found'],
      ['delete a missing chapter', 'DELETE', `${base}/999999`, undefined, 404, 'Chapter not found'],
    ];
    for (const [name, method, url, payload, status, detail] of cases) {
      const res = await api(method, url, payload);
      expect(res.statusCode, `${name}: ${res.body}`).toBe(status);
      const body = res.json<{ detail: string }>();
      expect(Object.keys(body), name).toEqual(['detail']);
      if (typeof detail === 'string') expect(body.detail, name).toBe(detail);
      else expect(body.detail, name).toMatch(detail);
    }
    expect((await list(id)).chapters).toEqual([chapter]);
  });

  it('stops at 50 chapters', async () => {
    const { id } = await video({ duration: 0 });
    for (let i = 0; i < 50; i++) await add(id, { title: `Part ${i}`, start_time: i * 10 });
    const res = await api('POST', `/api/videos/${id}/chapters`, { title: 'One too many', start_time: 999 });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: 'Maximum chapters per video (50) reached' });
    expect((await list(id)).total_count).toBe(50);
  });

  it('reorders with exactly the set of the video, positions 0…n−1', async () => {
    const { id } = await video();
    const [a, b, c] = [
      await add(id, { title: 'A', start_time: 0 }),
      await add(id, { title: 'B', start_time: 10 }),
      await add(id, { title: 'C', start_time: 20 }),
    ];
    const res = await api('POST', `/api/videos/${id}/chapters/reorder`, { chapter_ids: [c.id, a.id, b.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ChapterList>().chapters.map((x) => [x.title, x.position])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    const partial = await api('POST', `/api/videos/${id}/chapters/reorder`, { chapter_ids: [a.id, b.id] });
    expect(partial.json()).toEqual({ detail: `Missing chapter IDs: [${c.id}]; Invalid chapter IDs: []` });
    expect(await titles(id)).toEqual(['C', 'A', 'B']);
  });

  it('shows the chapters in order in the public and admin video detail', async () => {
    const { id, slug } = await video();
    const detail = async () =>
      (await t.publicApp.inject({ method: 'GET', url: `/api/videos/${slug}` })).json<VideoDetail>();
    expect((await detail()).chapters).toEqual([]);
    const late = await add(id, { title: 'Late', start_time: 60, end_time: 90 });
    const early = await add(id, { title: 'Early', start_time: 0 });
    await api('POST', `/api/videos/${id}/chapters/reorder`, { chapter_ids: [early.id, late.id] });
    const expected = [
      { id: early.id, title: 'Early', start_time: 0, end_time: null },
      { id: late.id, title: 'Late', start_time: 60, end_time: 90 },
    ];
    expect((await detail()).chapters).toEqual(expected);
    expect((await api('GET', `/api/videos/${id}`)).json<VideoDetail>().chapters).toEqual(expected);
  });

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

    it('cuts a completed transcript into sections when asked for the transcription source', async () => {
      const { id } = await video({ duration: 120 });
      await t.container.db
        .insertInto('transcriptions')
        .values({
          video_id: id,
          status: 'completed',
          transcript_text: 'So welcome to the show. Now the main part starts here! And that is all.',
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
