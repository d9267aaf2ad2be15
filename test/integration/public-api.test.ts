// Public JSON API (api-public.md §4.2–4.3) on seeded rows: video list filters/sort/cursor, detail, progress, categories.
import { beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const HOUR = 3600 * 1000;

interface Page {
  videos: Array<{ id: number; slug: string; title: string }>;
  next_cursor: string | null;
  has_more: boolean;
  total_count: number | null;
}

describe.each(DRIVERS)('public API (%s)', (driver) => {
  const t = useTestApp(driver);
  /** Video ids by slug. */
  const id: Record<string, number> = {};
  const now = Date.now();

  beforeAll(async () => {
    const db = t.container.db;
    const cats = await db
      .insertInto('categories')
      .values([
        { name: 'Music', slug: 'music', description: 'songs' },
        { name: 'News', slug: 'news', description: '' },
        { name: 'Empty', slug: 'empty', description: '' },
      ])
      .returning(['id', 'slug'])
      .execute();
    const cat = Object.fromEntries(cats.map((c) => [c.slug, c.id]));
    const rows = [
      // Public: ready, published, not deleted.
      {
        title: 'Alpha Song',
        slug: 'alpha-song',
        category_id: cat.music,
        duration: 300,
        published_at: new Date(now - 5 * HOUR),
        streaming_format: 'cmaf',
      },
      {
        title: 'beta Talk',
        slug: 'beta-talk',
        category_id: cat.news,
        duration: 100,
        published_at: new Date(now - 4 * HOUR),
        description: 'a conversation',
      },
      {
        title: 'Gamma 100% Pure',
        slug: 'gamma-100-pure',
        category_id: cat.music,
        duration: 500,
        published_at: new Date(now - 3 * HOUR),
      },
      {
        title: 'Delta 100 Pure',
        slug: 'delta-100-pure',
        category_id: null,
        duration: 200,
        published_at: new Date(now - 2 * HOUR),
      },
      {
        title: 'epsilon clip',
        slug: 'epsilon-clip',
        category_id: cat.music,
        duration: 400,
        published_at: new Date(now - 1 * HOUR),
      },
      // Not listable.
      {
        title: 'Hidden Pending',
        slug: 'hidden-pending',
        category_id: cat.music,
        status: 'pending',
        published_at: null,
      },
      { title: 'Hidden Unpublished', slug: 'hidden-unpublished', category_id: cat.music, published_at: null },
      {
        title: 'Hidden Deleted',
        slug: 'hidden-deleted',
        category_id: cat.music,
        published_at: new Date(now - HOUR),
        deleted_at: new Date(),
      },
      {
        title: 'Processing Published',
        slug: 'processing-published',
        category_id: cat.news,
        status: 'processing',
        published_at: new Date(now - HOUR),
      },
    ];
    for (const r of rows) {
      const row = await db
        .insertInto('videos')
        .values({ status: 'ready', source_width: 1920, source_height: 1080, ...r })
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow();
      id[row.slug] = row.id;
    }
    await db
      .insertInto('video_qualities')
      .values([
        { video_id: id['alpha-song'], quality: '720p', width: 1280, height: 720, bitrate: 2500 },
        { video_id: id['alpha-song'], quality: '1080p', width: 1920, height: 1080, bitrate: 5000 },
        { video_id: id['beta-talk'], quality: '480p', width: 854, height: 480, bitrate: 1000 },
      ])
      .execute();
    const job = await db
      .insertInto('transcoding_jobs')
      .values({
        video_id: id['processing-published'],
        current_step: 'transcode',
        progress_percent: 42,
        started_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('quality_progress')
      .values({ job_id: job.id, quality: '720p', status: 'in_progress', progress_percent: 60 })
      .execute();
  });

  const get = (url: string, headers: Record<string, string> = {}) =>
    t.publicApp.inject({ method: 'GET', url, headers });
  const list = async (query: string) => {
    const res = await get(`/api/videos${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Page>();
  };
  const slugs = (p: Page) => p.videos.map((v) => v.slug);

  describe('GET /api/videos', () => {
    it('lists only ready, published, non-deleted videos, newest published first', async () => {
      const page = await list('');
      expect(slugs(page)).toEqual([
        'epsilon-clip',
        'delta-100-pure',
        'gamma-100-pure',
        'beta-talk',
        'alpha-song',
      ]);
      expect(page).toMatchObject({ has_more: false, next_cursor: null, total_count: null });
      const alpha = page.videos.find((v) => v.slug === 'alpha-song');
      expect(alpha).toMatchObject({
        category_name: 'Music',
        status: 'ready',
        streaming_format: 'cmaf',
        view_count: 0,
        tags: [],
      });
      expect(alpha).toMatchObject({
        thumbnail_url: expect.stringMatching(/^\/videos\/alpha-song\/thumbnail\.jpg\?v=\d+$/),
      });
    });

    it('pages with a cursor: no duplicates, nothing missed', async () => {
      const first = await list('?limit=2');
      expect(slugs(first)).toEqual(['epsilon-clip', 'delta-100-pure']);
      expect(first.has_more).toBe(true);
      expect(first.next_cursor).toEqual(expect.any(String));
      const second = await list(`?limit=2&cursor=${encodeURIComponent(first.next_cursor ?? '')}`);
      expect(slugs(second)).toEqual(['gamma-100-pure', 'beta-talk']);
      expect(second.has_more).toBe(true);
      const third = await list(`?limit=2&cursor=${encodeURIComponent(second.next_cursor ?? '')}`);
      expect(slugs(third)).toEqual(['alpha-song']);
      expect(third).toMatchObject({ has_more: false, next_cursor: null });
      const all = [...slugs(first), ...slugs(second), ...slugs(third)];
      expect(new Set(all).size).toBe(5);
    });

    it('ignores an invalid cursor and falls back to offset', async () => {
      expect(slugs(await list('?limit=2&offset=2&cursor=not-a-cursor'))).toEqual([
        'gamma-100-pure',
        'beta-talk',
      ]);
    });

    it('adds total_count on request', async () => {
      expect((await list('?include_total=true&limit=1')).total_count).toBe(5);
      expect((await list('?include_total=true&category=music')).total_count).toBe(2 + 1);
    });

    it('filters by category slug', async () => {
      expect(slugs(await list('?category=music'))).toEqual(['epsilon-clip', 'gamma-100-pure', 'alpha-song']);
      expect(slugs(await list('?category=news'))).toEqual(['beta-talk']);
      expect(slugs(await list('?category=nope'))).toEqual([]);
    });

    it('searches title and description case-insensitively', async () => {
      expect(slugs(await list('?search=ALPHA'))).toEqual(['alpha-song']);
      expect(slugs(await list('?search=pure'))).toEqual(['delta-100-pure', 'gamma-100-pure']);
      expect(slugs(await list('?search=Conversation'))).toEqual(['beta-talk']);
      expect(slugs(await list('?search=hidden'))).toEqual([]);
    });

    it('searches words: punctuation is a separator, never a wildcard (search.test.ts ranks)', async () => {
      expect(slugs(await list(`?search=${encodeURIComponent('100%')}`)).sort()).toEqual([
        'delta-100-pure',
        'gamma-100-pure',
      ]);
      expect(slugs(await list(`?search=${encodeURIComponent('%')}`))).toEqual([]);
      expect(slugs(await list('?search=_'))).toEqual([]);
    });

    it('sorts by title ascending and by duration', async () => {
      expect(slugs(await list('?sort=title&order=asc'))).toEqual([
        'alpha-song',
        'beta-talk',
        'delta-100-pure',
        'epsilon-clip',
        'gamma-100-pure',
      ]);
      expect(slugs(await list('?sort=duration&order=asc'))).toEqual([
        'beta-talk',
        'delta-100-pure',
        'alpha-song',
        'epsilon-clip',
        'gamma-100-pure',
      ]);
      expect(slugs(await list('?sort=duration'))).toEqual([
        'gamma-100-pure',
        'epsilon-clip',
        'alpha-song',
        'delta-100-pure',
        'beta-talk',
      ]);
    });

    it.each([
      ['sort=bogus'],
      ['order=sideways'],
      ['limit=101'],
      ['limit=0'],
      ['offset=-1'],
      ['include_total=maybe'],
      [`search=${'s'.repeat(201)}`],
    ])('refuses %s (400)', async (q) => {
      const res = await get(`/api/videos?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ detail: expect.stringMatching(/^Invalid querystring/) });
    });
  });

  describe('GET /api/videos/{slug}', () => {
    it('returns the detail with stream URLs and qualities (highest first)', async () => {
      const res = await get('/api/videos/alpha-song');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: id['alpha-song'],
        slug: 'alpha-song',
        category_slug: 'music',
        status: 'ready',
        stream_url: '/videos/alpha-song/master.m3u8',
        dash_url: '/videos/alpha-song/manifest.mpd',
        source_width: 1920,
        source_height: 1080,
        qualities: [
          { quality: '1080p', width: 1920, height: 1080, bitrate: 5000 },
          { quality: '720p', width: 1280, height: 720, bitrate: 2500 },
        ],
        error_message: null,
      });
      expect(res.json()).not.toHaveProperty('view_count');
      expect((await get('/api/videos/beta-talk')).json()).toMatchObject({
        stream_url: '/videos/beta-talk/master.m3u8',
        dash_url: null,
      });
    });

    it('returns a published video that is still processing, without stream URLs', async () => {
      const res = await get('/api/videos/processing-published');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'processing',
        stream_url: null,
        dash_url: null,
      });
    });

    it.each([['hidden-unpublished'], ['hidden-pending'], ['hidden-deleted'], ['no-such-video']])(
      '404 for %s',
      async (slug) => {
        const res = await get(`/api/videos/${slug}`);
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ detail: 'Video not found' });
      },
    );

    it.each([['Bad_Slug'], ['UPPER'], ['-dash'], ['a--b'], [encodeURIComponent('a.b')]])(
      '400 Invalid video slug for %s',
      async (slug) => {
        const res = await get(`/api/videos/${slug}`);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toEqual({ detail: 'Invalid video slug' });
      },
    );
  });

  describe('GET /api/videos/{slug}/progress', () => {
    it('reports ready and processing progress of published videos', async () => {
      expect((await get('/api/videos/alpha-song/progress')).json()).toMatchObject({
        status: 'ready',
        progress_percent: 100,
        last_error: null,
      });
      expect((await get('/api/videos/processing-published/progress')).json()).toMatchObject({
        status: 'processing',
        current_step: 'transcode',
        progress_percent: 42,
        qualities: [{ name: '720p', status: 'in_progress', progress: 60 }],
        started_at: expect.any(String),
      });
    });

    it('404 for unpublished, deleted or unknown videos (issue 10.7: never confirms a slug), 400 for a bad slug', async () => {
      for (const slug of ['hidden-pending', 'hidden-unpublished', 'hidden-deleted', 'no-such-video']) {
        const res = await get(`/api/videos/${slug}/progress`);
        expect(res.statusCode, slug).toBe(404);
        expect(res.json()).toEqual({ detail: 'Video not found' });
      }
      const bad = await get('/api/videos/Bad_Slug/progress');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({ detail: 'Invalid video slug' });
    });
  });

  describe('categories', () => {
    it('GET /api/categories counts only public videos, ordered by name', async () => {
      const res = await get('/api/categories');
      expect(res.statusCode).toBe(200);
      const cats = res.json<Array<{ slug: string; video_count: number }>>();
      expect(cats.map((c) => [c.slug, c.video_count])).toEqual([
        ['empty', 0],
        ['music', 3],
        ['news', 1],
      ]);
    });

    it('GET /api/categories/{slug}: detail, 404, 400', async () => {
      expect((await get('/api/categories/music')).json()).toMatchObject({
        name: 'Music',
        slug: 'music',
        description: 'songs',
        video_count: 3,
      });
      const missing = await get('/api/categories/nope');
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ detail: 'Category not found' });
      const bad = await get('/api/categories/Bad_Slug');
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toEqual({ detail: 'Invalid category slug' });
    });
  });
});
