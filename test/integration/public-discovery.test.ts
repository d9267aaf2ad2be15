// The public list's filters and sorts, bulk reads, related videos and the list cache (api-public.md §4.2),
// on both databases. Search ranking is in search.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { VideoListItem, PublicVideoPage } from '../../src/contracts/api/video.contract.js';
import { HOUR, NOW, PUBLIC, seedPublicCatalogue } from '../helpers/discovery-catalogue.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('public discovery (%s)', (driver) => {
  const t = useTestApp(driver);
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    ids = await seedPublicCatalogue(t);
  });
  const get = (url: string) => t.publicApp.inject({ method: 'GET', url });
  async function page(query: string): Promise<PublicVideoPage> {
    const res = await get(`/api/videos?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicVideoPage>();
  }
  const slugs = async (query: string) => (await page(query)).videos.map((v) => v.slug);
  const slugsOf = (items: VideoListItem[]) => items.map((v) => v.slug);

  it('lists public videos with real tags (by name), view counts, format and codec', async () => {
    const { videos } = await page('');
    expect(slugsOf(videos)).toEqual(PUBLIC);
    const one = videos[0]!;
    expect(one.tags.map((tag) => tag.name)).toEqual(['live', 'rock']);
    expect(one).toMatchObject({ view_count: 3, streaming_format: 'cmaf', primary_codec: 'av1' });
    expect(videos[1]).toMatchObject({ view_count: 1, streaming_format: 'hls_ts', primary_codec: 'h264' });
    expect(one).not.toHaveProperty('search_snippet');
  });

  it.each([
    ['tag=rock', ['rock-one', 'rock-two', 'news-four']],
    ['tag=jazz', ['jazz-three']],
    ['tag=nope', []],
    ['duration=short', ['rock-one']],
    ['duration=medium', ['rock-two', 'news-four']],
    ['duration=long', ['jazz-three', 'plain-five']],
    ['duration=short,LONG', ['rock-one', 'jazz-three', 'plain-five']],
    ['quality=720P,bogus', ['rock-one', 'rock-two']],
    ['quality=480p', ['jazz-three']],
    ['quality=bogus', PUBLIC],
    ['has_transcription=true', ['rock-one']],
    ['has_transcription=false', ['rock-two', 'jazz-three', 'news-four', 'plain-five']],
    ['featured=true', ['rock-one']],
    ['featured=false', ['rock-two', 'jazz-three', 'news-four', 'plain-five']],
    ['custom.genre=Rock', ['rock-one']],
    ['custom.genre=rock', []],
    ['custom.moods=happy', ['rock-one']],
    ['custom.moods=sad', ['rock-two']],
    ['custom.moods=hap', []],
    ['custom.year=2020', ['rock-one']],
    ['custom.year=2021', ['rock-two']],
    ['custom.year=abc', []],
    ['custom.unknown=x', PUBLIC],
    ['custom.genre=Rock&custom.moods=loud&tag=live&category=music', ['rock-one']],
    ['custom.genre=Pop&tag=jazz', []],
    ['tag=rock&duration=medium&category=news', ['news-four']],
  ])('filters %s', async (query, expected) => {
    expect(await slugs(query)).toEqual(expected);
  });

  it('filters by publication date, both ends inclusive', async () => {
    const at = (hoursAgo: number) => encodeURIComponent(new Date(NOW - hoursAgo * HOUR).toISOString());
    expect(await slugs(`date_from=${at(2.5)}`)).toEqual(['rock-one', 'rock-two']);
    expect(await slugs(`date_to=${at(3.5)}`)).toEqual(['news-four', 'plain-five']);
    expect(await slugs(`date_from=${at(3)}&date_to=${at(2)}`)).toEqual(['rock-two', 'jazz-three']);
    // An offset whose + the query string turned into a space still reads as +.
    const local = new Date(NOW - 2.5 * HOUR + 2 * HOUR).toISOString().slice(0, 19);
    expect(await slugs(`date_from=${local}+02:00`)).toEqual(['rock-one', 'rock-two']);
  });

  it('sorts by views, duration and title in both directions; relevance without search is newest first', async () => {
    expect((await slugs('sort=views')).slice(0, 2)).toEqual(['rock-one', 'rock-two']);
    expect((await slugs('sort=views&order=asc')).slice(-2)).toEqual(['rock-two', 'rock-one']);
    expect(await slugs('sort=duration&order=asc')).toEqual([
      'rock-one',
      'news-four',
      'rock-two',
      'plain-five',
      'jazz-three',
    ]);
    expect(await slugs('sort=title')).toEqual([
      'rock-two',
      'rock-one',
      'plain-five',
      'news-four',
      'jazz-three',
    ]);
    expect(await slugs('sort=relevance&order=asc')).toEqual(PUBLIC);
  });

  it('counts what it lists, featured filter included (the reference ignored featured)', async () => {
    expect((await page('include_total=true&limit=1')).total_count).toBe(5);
    expect((await page('include_total=true&featured=true')).total_count).toBe(1);
    expect((await page('include_total=true&tag=rock&limit=1')).total_count).toBe(3);
  });

  // A last page reached by offset knows the total without counting; one reached by cursor does not.
  it('counts the whole list on the last page of a cursor', async () => {
    const first = await page('include_total=true&limit=4');
    expect(first).toMatchObject({ total_count: 5, has_more: true });
    const last = await page(`include_total=true&limit=4&cursor=${first.next_cursor}`);
    expect(last).toMatchObject({ total_count: 5, has_more: false });
    expect(last.videos).toHaveLength(1);
  });

  // The total does not depend on the order, the page or a page past the last match.
  it.each([
    ['sort=views&limit=2', 2, 5],
    ['sort=views&featured=true', 1, 1],
    ['sort=title&tag=rock&offset=1', 2, 3],
    ['sort=title&tag=rock&offset=10', 0, 3],
    ['sort=duration&tag=nope', 0, 0],
    ['sort=duration&order=asc&duration=medium,long&limit=1&offset=3', 1, 4],
  ])('counts what it lists in any order and page: %s', async (query, shown, total) => {
    const result = await page(`include_total=true&${query}`);
    expect(result.videos).toHaveLength(shown);
    expect(result.total_count).toBe(total);
    expect(result.videos[0] ?? {}).not.toHaveProperty('total_count');
  });

  it.each([
    ['/api/videos?duration=tiny', "Invalid duration value: 'tiny'. Valid values are: short, medium, long"],
    [
      '/api/videos?duration=short,forever',
      "Invalid duration value: 'forever'. Valid values are: short, medium, long",
    ],
    [
      `/api/videos?date_from=2024-02-01&date_to=2024-01-01`,
      'Invalid date range: date_from must be before or equal to date_to',
    ],
    ['/api/videos?date_from=yesterday', 'Invalid date format. Use ISO format (YYYY-MM-DDTHH:MM)'],
    ['/api/videos?date_to=2024-13-01', 'Invalid date format. Use ISO format (YYYY-MM-DDTHH:MM)'],
    ['/api/videos/bulk?ids=1,abc', "Invalid video ID: 'abc'. IDs must be positive integers"],
    ['/api/videos/bulk?ids=0', "Invalid video ID: '0'. IDs must be positive integers"],
    ['/api/videos/bulk?ids=-3', "Invalid video ID: '-3'. IDs must be positive integers"],
    ['/api/videos/bulk?ids=2147483648', "Invalid video ID: '2147483648'. IDs must be positive integers"],
    [
      `/api/videos/bulk?ids=${Array.from({ length: 21 }, (_, i) => i + 1).join(',')}`,
      'Maximum 20 unique video IDs allowed per request',
    ],
    ['/api/videos/Bad_Slug/related', 'Invalid video slug'],
  ])('400 %s', async (url, detail) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail });
  });

  it.each([
    '/api/videos?sort=newest',
    '/api/videos?order=up',
    '/api/videos?featured=perhaps',
    '/api/videos?has_transcription=2',
    '/api/videos/bulk',
    '/api/videos/rock-one/related?limit=0',
    '/api/videos/rock-one/related?limit=25',
  ])('400 on the query schema: %s', async (url) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ detail: expect.stringMatching(/^Invalid querystring/) });
  });

  it('bulk: public videos only, in the order asked, duplicates once, empty ids give []', async () => {
    const res = await get(
      `/api/videos/bulk?ids=${ids['rock-two']},${ids['draft-six']},${ids['rock-one']},${ids['rock-two']},${ids['gone-seven']},999999`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<VideoListItem[]>();
    expect(slugsOf(items)).toEqual(['rock-two', 'rock-one']);
    expect(items[1]).toMatchObject({ view_count: 3, tags: [{ name: 'live' }, { name: 'rock' }] });
    expect((await get('/api/videos/bulk?ids=')).json()).toEqual([]);
    const twenty = Array.from({ length: 20 }, (_, i) => i + 1);
    expect((await get(`/api/videos/bulk?ids=${[...twenty, ...twenty].join(',')}`)).statusCode).toBe(200);
  });

  it('related: same category and tag, then category, then tag, then any — newest first in each', async () => {
    const related = async (slug: string, query = '') => {
      const res = await get(`/api/videos/${slug}/related${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return slugsOf(res.json<VideoListItem[]>());
    };
    expect(await related('rock-one')).toEqual(['rock-two', 'jazz-three', 'news-four', 'plain-five']);
    expect(await related('rock-one', '?limit=2')).toEqual(['rock-two', 'jazz-three']);
    // news-four: no other news video; its tag (rock) is shared by rock-one and rock-two.
    expect(await related('news-four')).toEqual(['rock-one', 'rock-two', 'jazz-three', 'plain-five']);
    // No category, no tags: only the recent tier.
    expect(await related('plain-five', '?limit=3')).toEqual(['rock-one', 'rock-two', 'jazz-three']);
  });

  it.each(['draft-six', 'gone-seven', 'no-such-video'])('related of %s: 404', async (slug) => {
    const res = await get(`/api/videos/${slug}/related`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: 'Video not found' });
  });
});

describe.each(DRIVERS)('public list cache (%s)', (driver) => {
  const t = useTestApp(driver, { VLOG_PUBLIC_LIST_CACHE_SECONDS: '30' });
  const slugs = async (url: string) =>
    (await t.publicApp.inject({ method: 'GET', url })).json<PublicVideoPage>().videos.map((v) => v.slug);
  const related = async (slug: string) =>
    (await t.publicApp.inject({ method: 'GET', url: `/api/videos/${slug}/related` }))
      .json<VideoListItem[]>()
      .map((v) => v.slug);
  const insert = (slug: string, hoursAgo: number) =>
    t.container.db
      .insertInto('videos')
      .values({ title: slug, slug, status: 'ready', published_at: new Date(NOW - hoursAgo * HOUR) })
      .returning('id')
      .executeTakeFirstOrThrow();

  it('answers a repeated query from the cache for 30 s; other parameters and a change event miss it', async () => {
    await insert('first', 2);
    expect(await slugs('/api/videos')).toEqual(['first']);
    expect(await related('first')).toEqual([]);
    const { id } = await insert('second', 1);
    expect(await slugs('/api/videos')).toEqual(['first']);
    expect(await related('first')).toEqual([]);
    expect(await slugs('/api/videos?limit=10')).toEqual(['second', 'first']);
    expect(await slugs('/api/videos?custom.any=1')).toEqual(['second', 'first']);
    t.container.events.changed(id);
    expect(await slugs('/api/videos')).toEqual(['second', 'first']);
    expect(await related('first')).toEqual(['second']);
  });
});
