// GET /api/videos/export (api-admin.md §5.1, with CSV) and the admin list's filters (category, quality,
// featured, title search: beyond the reference, the Videos tab needs them), on both databases.
import { describe, expect, it } from 'vitest';
import type { VideoExport } from '../../src/contracts/api/video-export.contract.js';
import type { VideoPage } from '../../src/contracts/api/video.contract.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';
import { videoHarness } from '../helpers/video-harness.js';

describe.each(DRIVERS)('video export and admin filters (%s)', (driver) => {
  const t = useTestApp(driver);
  const h = videoHarness(() => t);
  let seeded = 0;

  /** A catalogue: two categories, featured and not, one with a 1080p output, one archived, one failed. */
  async function catalogue() {
    const run = ++seeded;
    const cat = async (name: string) =>
      (await h.api('POST', '/api/categories', { name: `${name} ${run}` })).json<{ id: number }>().id;
    const [music, films] = [await cat('Music'), await cat('Films')];
    const add = async (title: string, values: Record<string, unknown>) => {
      const v = await h.seed(`${title} ${run}`);
      await h.setVideo(v.video_id, values);
      return v.video_id;
    };
    const ids = {
      song: await add('=1+2 Song', { category_id: music, is_featured: true, status: 'ready' }),
      film: await add('Film, "Director\'s Cut"', { category_id: films, status: 'ready' }),
      loose: await add('Loose 100% Clip', { status: 'failed' }),
      gone: await add('Archived Song', { category_id: music, deleted_at: new Date() }),
    };
    await t.container.db
      .insertInto('video_qualities')
      .values({ video_id: ids.film, quality: '1080p', width: 1920, height: 1080, bitrate: 5000 })
      .execute();
    return { run, music, films, ids };
  }

  const listIds = async (query: string) => {
    const res = await h.api('GET', `/api/videos?limit=500&${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<VideoPage>().videos.map((v) => v.id);
  };

  it('exports JSON newest first with every field, filtered; a download', async () => {
    const c = await catalogue();
    const res = await h.api('GET', `/api/videos/export?category_id=${c.music}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="vlog-videos-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const body = res.json<VideoExport>();
    expect(body.total_count).toBe(1);
    expect(body.videos).toEqual([
      {
        id: c.ids.song,
        title: `=1+2 Song ${c.run}`,
        slug: expect.any(String),
        description: '',
        category_id: c.music,
        category_name: `Music ${c.run}`,
        duration: 0,
        source_width: 0,
        source_height: 0,
        status: 'ready',
        created_at: expect.any(String),
        published_at: null,
      },
    ]);
    expect(Date.parse(body.exported_at)).not.toBeNaN();

    const withDeleted = (
      await h.api('GET', `/api/videos/export?category_id=${c.music}&include_deleted=true`)
    ).json<VideoExport>();
    expect(withDeleted.videos.map((v) => v.id)).toEqual([c.ids.gone, c.ids.song]);
    const failed = (await h.api('GET', '/api/videos/export?status=failed')).json<VideoExport>();
    expect(failed.videos.map((v) => v.id)).toContain(c.ids.loose);
    expect(failed.videos.every((v) => v.status === 'failed')).toBe(true);
    const uncategorised = (await h.api('GET', '/api/videos/export?category_id=0')).json<VideoExport>();
    expect(uncategorised.videos.every((v) => v.category_id === null)).toBe(true);
    const paged = (
      await h.api('GET', '/api/videos/export?limit=1&offset=1&include_deleted=true')
    ).json<VideoExport>();
    expect(paged.videos).toHaveLength(1);
    expect(paged.total_count).toBeGreaterThanOrEqual(4);
  });

  it('exports CSV: header row, RFC 4180 quoting, formulas defused, attachment name', async () => {
    const c = await catalogue();
    const res = await h.api('GET', `/api/videos/export?format=csv&category_id=${c.films}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="vlog-videos-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.body.split('\r\n');
    expect(lines[0]).toBe(
      'id,title,slug,description,category_id,category_name,duration,source_width,source_height,status,created_at,published_at',
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${c.ids.film},"Film, ""Director's Cut"" ${c.run}",[^,]+,,${c.films},Films ${c.run},0,0,0,ready,\\d{4}-[^,]+Z,$`,
      ),
    );
    expect(lines.slice(2)).toEqual(['']);
    const song = await h.api('GET', `/api/videos/export?format=csv&category_id=${c.music}`);
    // The title starts with '=': a spreadsheet would run it; the cell starts with a quote instead.
    expect(song.body.split('\r\n')[1]).toContain(`,'=1+2 Song ${c.run},`);
  });

  it('filters the admin list by category (0 = none), quality, featured and title substring', async () => {
    const c = await catalogue();
    expect(await listIds(`category_id=${c.music}`)).toEqual([c.ids.song]);
    const none = await listIds('category_id=0');
    expect(none).toContain(c.ids.loose);
    expect(none).not.toContain(c.ids.song);
    expect(await listIds(`quality=1080p&category_id=${c.films}`)).toEqual([c.ids.film]);
    expect(await listIds('quality=2160p')).toEqual([]);
    const featured = await listIds('featured=true');
    expect(featured).toContain(c.ids.song);
    expect(featured).not.toContain(c.ids.film);
    expect(await listIds(`featured=false&category_id=${c.music}`)).toEqual([]);
    // LIKE wildcards are plain text; case does not matter; archived videos never show.
    expect(await listIds(`search=${encodeURIComponent(`100% clip ${c.run}`)}`)).toEqual([c.ids.loose]);
    expect(await listIds(`search=${encodeURIComponent(`archived song ${c.run}`)}`)).toEqual([]);
    expect(await listIds(`search=%3D1%2B2%20SONG%20${c.run}&status=ready`)).toEqual([c.ids.song]);
    const total = (
      await h.api('GET', `/api/videos?category_id=${c.music}&include_total=true`)
    ).json<VideoPage>();
    expect(total.total_count).toBe(1);
  });

  it.each([
    ['/api/videos/export?status=done', /^Invalid querystring field 'status'/],
    ['/api/videos/export?limit=0', /^Invalid querystring field 'limit'/],
    ['/api/videos/export?limit=10001', /^Invalid querystring field 'limit'/],
    ['/api/videos/export?offset=-1', /^Invalid querystring field 'offset'/],
    ['/api/videos/export?category_id=abc', /^Invalid querystring field 'category_id'/],
    ['/api/videos/export?format=xml', /^Invalid querystring field 'format'/],
    ['/api/videos/export?include_deleted=maybe', /^Invalid querystring field 'include_deleted'/],
    ['/api/videos?category_id=-1', /^Invalid querystring field 'category_id'/],
    ['/api/videos?featured=perhaps', /^Invalid querystring field 'featured'/],
    ['/api/videos?quality=', /^Invalid querystring field 'quality'/],
    ['/api/videos?search=' + 'x'.repeat(201), /^Invalid querystring field 'search'/],
  ])('refuses %s (400 with the field)', async (url, detail) => {
    const res = await h.api('GET', url);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json<{ detail: string }>().detail).toMatch(detail);
  });

  it('is not shadowed by /api/videos/{id}; an unknown video id is still the 404 shape', async () => {
    expect((await h.api('GET', '/api/videos/export?limit=1')).statusCode).toBe(200);
    const missing = await h.api('GET', '/api/videos/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ detail: 'Video not found' });
  });
});
