// /sitemap.xml (issue 13 §3): every public video with the video extension, the home, category, tag and
// playlist pages, absolute and XML-escaped; an index of ?page=N files beyond the page size.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSharingService } from '../../src/domain/sharing/sharing.service.js';
import { createSitemapRepository } from '../../src/domain/sharing/sitemap.repository.js';
import { createVideoRepository } from '../../src/domain/videos/video.repository.js';
import { insertSharedVideo } from '../helpers/shared-videos.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

const HOST = 'videos.example.com';
const ORIGIN = `http://${HOST}`;

/** Well-formed enough to trust: balanced tags, no bare `&` or `<` in text. */
function expectWellFormed(xml: string): void {
  const stack: string[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  for (const m of body.matchAll(/<(\/?)([\w:]+)[^<>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (m[1]) expect(stack.pop()).toBe(m[2]);
    else stack.push(m[2]!);
  }
  expect(stack).toEqual([]);
  expect(body.replace(/<[^<>]*>/g, '')).not.toMatch(/<|&(?!(?:amp|lt|gt|quot|#39);)/);
}

const locs = (xml: string) =>
  [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe.each(DRIVERS)('sitemap (%s)', (driver) => {
  const t = useTestApp(driver);
  const get = (url: string) => t.publicApp.inject({ method: 'GET', url, headers: { host: HOST } });

  beforeAll(async () => {
    await insertSharedVideo(t, {
      title: 'Fish & <Chips> "special"',
      slug: 'fish-and-chips',
      description: 'Batter <b>&</b> salt',
      duration: 93.6,
      publishedAt: new Date('2026-01-02T10:00:00Z'),
      category: 'food',
      tags: ['crispy'],
    });
    await insertSharedVideo(t, {
      title: 'No Description',
      slug: 'no-description',
      publishedAt: new Date('2026-01-03T10:00:00Z'),
      tags: ['crispy'],
    });
    await insertSharedVideo(t, {
      title: 'Processing Now',
      slug: 'processing-now',
      status: 'processing',
      publishedAt: new Date('2026-01-04T10:00:00Z'),
    });
    await insertSharedVideo(t, {
      title: 'Draft',
      slug: 'draft-video',
      published: false,
      category: 'hidden-cat',
    });
    await insertSharedVideo(t, { title: 'Gone', slug: 'gone-video', deleted: true, tags: ['hidden-tag'] });
    const playlist = (slug: string, visibility: string, deleted = false) =>
      t.container.db
        .insertInto('playlists')
        .values({
          title: slug,
          slug,
          visibility,
          created_at: new Date(),
          deleted_at: deleted ? new Date() : null,
        })
        .execute();
    await playlist('best-of', 'public');
    await playlist('link-only', 'unlisted');
    await playlist('private-list', 'private');
    await playlist('deleted-list', 'public', true);
  });

  it('lists public pages and videos, absolute and escaped, with the video extension', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const xml = res.body;
    expectWellFormed(xml);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"');
    expect(xml).toContain('xmlns:video="http://www.google.com/schemas/sitemap-video/1.1"');
    expect(locs(xml).filter((l) => !l.includes('thumbnail.jpg') && !l.includes('/embed/'))).toEqual([
      `${ORIGIN}/`,
      `${ORIGIN}/category/food`,
      `${ORIGIN}/tag/crispy`,
      `${ORIGIN}/playlist/best-of`,
      `${ORIGIN}/watch/fish-and-chips`,
      `${ORIGIN}/watch/no-description`,
      `${ORIGIN}/watch/processing-now`,
    ]);
    expect(xml).not.toMatch(/draft|gone|hidden|link-only|private-list|deleted-list/);

    const fish = /<url><loc>[^<]*fish-and-chips<\/loc>(.*?)<\/url>/.exec(xml)?.[1] ?? '';
    expect(fish).toContain('<lastmod>2026-01-02</lastmod>');
    expect(fish).toMatch(
      new RegExp(
        `<video:thumbnail_loc>${ORIGIN}/videos/fish-and-chips/thumbnail\\.jpg\\?v=\\d+</video:thumbnail_loc>`,
      ),
    );
    expect(fish).toContain('<video:title>Fish &amp; &lt;Chips&gt; &quot;special&quot;</video:title>');
    expect(fish).toContain('<video:description>Batter &lt;b&gt;&amp;&lt;/b&gt; salt</video:description>');
    expect(fish).toContain(`<video:player_loc>${ORIGIN}/embed/fish-and-chips</video:player_loc>`);
    expect(fish).toContain('<video:duration>94</video:duration>');
    expect(fish).toContain('<video:publication_date>2026-01-02T10:00:00.000Z</video:publication_date>');
    // The extension requires a description: the title stands in; no duration known, none given.
    const plain = /<url><loc>[^<]*no-description<\/loc>(.*?)<\/url>/.exec(xml)?.[1] ?? '';
    expect(plain).toContain('<video:description>No Description</video:description>');
    expect(plain).not.toContain('video:duration');
    // A video without a thumbnail yet is a plain URL (the extension requires thumbnail_loc).
    const processing = /<url><loc>[^<]*processing-now<\/loc>(.*?)<\/url>/.exec(xml)?.[1] ?? '';
    expect(processing).toBe('<lastmod>2026-01-04</lastmod>');
    // The category's and tag's lastmod is their newest public video.
    expect(xml).toContain(`<loc>${ORIGIN}/tag/crispy</loc><lastmod>2026-01-03</lastmod>`);
  });

  it('?page beyond the single page is not found; a bad page is refused', async () => {
    expect((await get('/sitemap.xml?page=1')).statusCode).toBe(200);
    expect((await get('/sitemap.xml?page=2')).statusCode).toBe(404);
    for (const bad of ['0', '-1', 'x', '1.5'])
      expect((await get(`/sitemap.xml?page=${bad}`)).statusCode).toBe(400);
  });

  it('beyond the page size: an index of pages that together list every URL once, in order', async () => {
    const sharing = createSharingService({
      videos: createVideoRepository(t.container.db),
      sitemap: createSitemapRepository(t.container.db),
      thumbnailFile: (slug) => t.container.layout.thumbnailFile(slug),
      sitemapPageSize: 3,
    });
    const single = locs(await sharing.sitemap({ origin: ORIGIN, page: 1 })).length;
    const all = locs((await get('/sitemap.xml')).body);
    expect(single).toBe(3);
    const index = await sharing.sitemap({ origin: ORIGIN });
    expectWellFormed(index);
    expect(index).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    // 7 page URLs (home, category, tag, playlist, 3 videos) in pages of 3: 3 files.
    expect(locs(index)).toEqual([1, 2, 3].map((n) => `${ORIGIN}/sitemap.xml?page=${n}`));
    const paged: string[] = [];
    for (const n of [1, 2, 3]) {
      const page = await sharing.sitemap({ origin: ORIGIN, page: n });
      expectWellFormed(page);
      expect(page).toContain('<urlset');
      paged.push(...locs(page));
    }
    expect(paged).toEqual(all);
    await expect(sharing.sitemap({ origin: ORIGIN, page: 4 })).rejects.toMatchObject({ kind: 'not_found' });
  });
});
