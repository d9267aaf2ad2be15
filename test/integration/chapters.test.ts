// Chapters of a video (api-admin.md §9) and the chapters of the video detail (api-public.md §4.2), on both
// databases. Auto-detection: chapter-detection.test.ts.
import { describe, expect, it } from 'vitest';
import type { Chapter, ChapterList } from '../../src/contracts/api/chapter.contract.js';
import type { VideoDetail } from '../../src/contracts/api/video.contract.js';
import { chapterFixtures } from '../helpers/chapter-fixtures.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('chapters (%s)', (driver) => {
  const t = useTestApp(driver);
  const { api, video, hasChapters, add, list, titles } = chapterFixtures(t, driver);

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
});
