// The copies the public list reads instead of joins (migrations/0008–0011): a tag's links and a custom
// field's values carry their video's public_at, the search document carries the tags a list item shows,
// and video_view_counts each video's sessions. Every change that moves the original must move the copy, on both databases.
import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicVideoPage } from '../../src/contracts/api/video.contract.js';
import { createDiscoveryRepository } from '../../src/domain/videos/discovery.repository.js';
import { parseListFilters } from '../../src/domain/videos/public-list-filters.js';
import { buildPublicListQuery } from '../../src/domain/videos/video-list.query.js';
import { HOUR, NOW, PUBLIC, seedPublicCatalogue } from '../helpers/discovery-catalogue.js';
import { DRIVERS } from '../helpers/test-db.js';
import { useTestApp } from '../helpers/use-test-app.js';

describe.each(DRIVERS)('public list copies (%s)', (driver) => {
  const t = useTestApp(driver);
  let ids: Record<string, number> = {};
  beforeAll(async () => {
    ids = await seedPublicCatalogue(t);
  });
  async function page(query: string): Promise<PublicVideoPage> {
    const res = await t.publicApp.inject({ method: 'GET', url: `/api/videos?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<PublicVideoPage>();
  }
  const slugsOf = (result: PublicVideoPage) => result.videos.map((v) => v.slug);
  const slugs = async (query: string) => slugsOf(await page(query));

  // A tag's page is read from its links' copy of public_at (migrations/0008): every way a video
  // becomes public or stops being public must reach them, and a new link must start right.
  it('a tag page follows publishing, archiving and status, and pages by cursor', async () => {
    const db = t.container.db;
    const setVideo = (slug: string, values: Record<string, unknown>) =>
      db.updateTable('videos').set(values).where('slug', '=', slug).execute();
    const rock = ['rock-one', 'rock-two', 'news-four'];
    await setVideo('draft-six', { published_at: new Date(NOW - 1.5 * HOUR) });
    expect(await slugs('tag=rock')).toEqual(['rock-one', 'draft-six', 'rock-two', 'news-four']);
    await setVideo('draft-six', { status: 'processing' });
    expect(await slugs('tag=rock')).toEqual(rock);
    await setVideo('draft-six', { status: 'ready' });
    await setVideo('rock-two', { deleted_at: new Date() });
    expect(await slugs('tag=rock')).toEqual(['rock-one', 'draft-six', 'news-four']);
    await setVideo('rock-two', { deleted_at: null });
    await setVideo('draft-six', { published_at: null });
    expect(await slugs('tag=rock')).toEqual(rock);
    // A link added to a public video lists it at once; to a draft, not.
    const jazz = (
      await db.selectFrom('tags').select('id').where('slug', '=', 'jazz').executeTakeFirstOrThrow()
    ).id;
    await db.insertInto('video_tags').values({ video_id: ids['plain-five']!, tag_id: jazz }).execute();
    await db.insertInto('video_tags').values({ video_id: ids['draft-six']!, tag_id: jazz }).execute();
    expect(await slugs('tag=jazz')).toEqual(['jazz-three', 'plain-five']);
    // Keyset paging by the cursor of a tag page, and the total.
    const first = await page('tag=rock&limit=2&include_total=true');
    expect(slugsOf(first)).toEqual(['rock-one', 'rock-two']);
    expect(first).toMatchObject({ has_more: true, total_count: 3 });
    const rest = await page(`tag=rock&limit=2&cursor=${first.next_cursor}`);
    expect(slugsOf(rest)).toEqual(['news-four']);
    expect(rest.has_more).toBe(false);
    expect(await slugs('tag=rock&order=asc')).toEqual([...rock].reverse());
    await db.deleteFrom('video_tags').where('video_id', '=', ids['plain-five']!).execute();
  });

  // List items read their tags from the search document's copy (migrations/0009).
  it("list items show a tag's new name and slug, and lose a removed link or a deleted tag", async () => {
    const db = t.container.db;
    const tagsOf = async (query: string) =>
      (await page(query)).videos.map((v) => [v.slug, v.tags.map((tag) => `${tag.name}/${tag.slug}`)]);
    await db.updateTable('tags').set({ slug: 'live-music' }).where('slug', '=', 'live').execute();
    await db.updateTable('tags').set({ name: 'a capella' }).where('slug', '=', 'jazz').execute();
    expect(await tagsOf('limit=3')).toEqual([
      ['rock-one', ['live/live-music', 'rock/rock']],
      ['rock-two', ['rock/rock']],
      ['jazz-three', ['a capella/jazz']],
    ]);
    const extra = await db
      .insertInto('tags')
      .values({ name: 'extra', slug: 'extra' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('video_tags').values({ video_id: ids['rock-two']!, tag_id: extra.id }).execute();
    expect(await tagsOf('limit=2')).toEqual([
      ['rock-one', ['live/live-music', 'rock/rock']],
      ['rock-two', ['extra/extra', 'rock/rock']],
    ]);
    const live = await db
      .selectFrom('tags')
      .select('id')
      .where('slug', '=', 'live-music')
      .executeTakeFirstOrThrow();
    await db
      .deleteFrom('video_tags')
      .where('video_id', '=', ids['rock-one']!)
      .where('tag_id', '=', live.id)
      .execute();
    expect(await tagsOf('limit=1')).toEqual([['rock-one', ['rock/rock']]]);
    await db.insertInto('video_tags').values({ video_id: ids['rock-one']!, tag_id: live.id }).execute();
    await db.deleteFrom('tags').where('id', '=', extra.id).execute();
    await db.updateTable('tags').set({ slug: 'live' }).where('slug', '=', 'live-music').execute();
    await db.updateTable('tags').set({ name: 'jazz' }).where('slug', '=', 'jazz').execute();
    expect(await tagsOf('limit=3')).toEqual([
      ['rock-one', ['live/live', 'rock/rock']],
      ['rock-two', ['rock/rock']],
      ['jazz-three', ['jazz/jazz']],
    ]);
  });

  // view_count is read from video_view_counts (migrations/0010), kept by the sessions' triggers.
  it('view counts follow sessions added in batches, moved and removed, and order the views sort', async () => {
    const db = t.container.db;
    const viewsOf = async () =>
      Object.fromEntries((await page('limit=5')).videos.map((v) => [v.slug, v.view_count]));
    const counted = async () => {
      const rows = await db
        .selectFrom('playback_sessions')
        .select(['video_id', db.fn.countAll<number>().as('n')])
        .groupBy('video_id')
        .execute();
      return Object.fromEntries(
        PUBLIC.map((slug) => [slug, Number(rows.find((r) => r.video_id === ids[slug])?.n ?? 0)]),
      );
    };
    const session = (slug: string, n: number) => ({
      video_id: ids[slug]!,
      session_token: `views-${slug}-${n}`,
    });
    const before = await viewsOf();
    expect(before).toEqual(await counted());
    // One statement, several sessions of several videos.
    await db
      .insertInto('playback_sessions')
      .values([
        session('jazz-three', 1),
        session('jazz-three', 2),
        session('jazz-three', 3),
        session('news-four', 1),
      ])
      .execute();
    expect(await viewsOf()).toEqual({
      ...before,
      'jazz-three': before['jazz-three']! + 3,
      'news-four': before['news-four']! + 1,
    });
    expect((await page('sort=views&limit=1')).videos[0]!.slug).toBe('jazz-three');
    // A session moved to another video, then sessions removed.
    await db
      .updateTable('playback_sessions')
      .set({ video_id: ids['plain-five']! })
      .where('session_token', '=', 'views-news-four-1')
      .execute();
    expect(await viewsOf()).toEqual(await counted());
    await db.deleteFrom('playback_sessions').where('session_token', 'like', 'views-%').execute();
    expect(await viewsOf()).toEqual(before);
    // A deleted video's counter goes with it.
    const gone = await db
      .insertInto('videos')
      .values({ title: 'Gone', slug: 'gone-video', status: 'ready' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('playback_sessions')
      .values({ video_id: gone.id, session_token: 'views-gone' })
      .execute();
    const counter = () =>
      db
        .selectFrom('video_view_counts')
        .select('view_count')
        .where('video_id', '=', gone.id)
        .executeTakeFirst();
    expect(await counter()).toEqual({ view_count: 1 });
    await db.deleteFrom('videos').where('id', '=', gone.id).execute();
    expect(await counter()).toBeUndefined();
  });

  // One custom field's value is read from its values' copy of public_at (migrations/0011).
  it('a custom field page follows publishing and values, pages, and counts', async () => {
    const db = t.container.db;
    const genre = await db
      .selectFrom('custom_field_definitions')
      .select('id')
      .where('slug', '=', 'genre')
      .executeTakeFirstOrThrow();
    const setGenre = (slug: string, value: string) =>
      db
        .insertInto('video_custom_fields')
        .values({ video_id: ids[slug]!, field_id: genre.id, value: JSON.stringify(value) })
        .onConflict((oc) =>
          oc.columns(['video_id', 'field_id']).doUpdateSet({ value: JSON.stringify(value) }),
        )
        .execute();
    // Only a field compared by its JSON text, alone with its slug, is read from the values' index.
    const fieldsRepo = createDiscoveryRepository(db);
    expect(await fieldsRepo.indexedFieldId('genre')).toBe(genre.id);
    for (const slug of ['moods', 'year', 'unknown']) expect(await fieldsRepo.indexedFieldId(slug)).toBeNull();
    const filters = parseListFilters({ custom: { genre: 'Pop' } });
    const built = buildPublicListQuery(db, {
      filters,
      search: null,
      limit: 24,
      offset: 0,
      includeTotal: false,
      indexedField: { id: genre.id },
    });
    expect(built.page.compile().sql).toContain('md5(vcf.value) = md5(');
    for (const slug of ['rock-two', 'jazz-three', 'draft-six']) await setGenre(slug, 'Pop');
    expect(await slugs('custom.genre=Pop')).toEqual(['rock-two', 'jazz-three']);
    // A draft published joins in date order; archived, it leaves.
    await db
      .updateTable('videos')
      .set({ published_at: new Date(NOW - 1.5 * HOUR) })
      .where('slug', '=', 'draft-six')
      .execute();
    expect(await slugs('custom.genre=Pop')).toEqual(['draft-six', 'rock-two', 'jazz-three']);
    await db.updateTable('videos').set({ deleted_at: new Date() }).where('slug', '=', 'rock-two').execute();
    expect(await slugs('custom.genre=Pop')).toEqual(['draft-six', 'jazz-three']);
    // A changed value moves the video; the order, cursor and total hold.
    await setGenre('jazz-three', 'Rock');
    await setGenre('news-four', 'Pop');
    expect(await slugs('custom.genre=Pop&order=asc')).toEqual(['news-four', 'draft-six']);
    const first = await page('custom.genre=Pop&limit=1&include_total=true');
    expect([slugsOf(first), first.total_count, first.has_more]).toEqual([['draft-six'], 2, true]);
    const rest = await page(`custom.genre=Pop&limit=1&include_total=true&cursor=${first.next_cursor}`);
    expect([slugsOf(rest), rest.total_count, rest.has_more]).toEqual([['news-four'], 2, false]);
    expect(await slugs('custom.genre=Rock')).toEqual(['rock-one', 'jazz-three']);
    await db.updateTable('videos').set({ deleted_at: null }).where('slug', '=', 'rock-two').execute();
    await db.updateTable('videos').set({ published_at: null }).where('slug', '=', 'draft-six').execute();
    await db
      .deleteFrom('video_custom_fields')
      .where('field_id', '=', genre.id)
      .where('value', '=', '"Pop"')
      .execute();
    await setGenre('jazz-three', 'Pop');
    await db
      .deleteFrom('video_custom_fields')
      .where('field_id', '=', genre.id)
      .where('video_id', '=', ids['jazz-three']!)
      .execute();
  });
});
