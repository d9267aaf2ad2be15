// A small public catalogue for the public list tests (public-discovery, public-list-copies): five public
// videos with categories, tags, custom fields (select, multi_select, number), qualities, transcriptions and
// views, one draft and one archived video.
import type { TestApp } from './test-app.js';

export const HOUR = 3600 * 1000;
export const NOW = Date.now();

interface SeedVideo {
  slug: string;
  category?: 'music' | 'news';
  duration: number;
  hoursAgo: number | null;
  tags?: string[];
  qualities?: string[];
  transcription?: string;
  featured?: boolean;
  views?: number;
  custom?: Record<string, unknown>;
  deleted?: boolean;
}

const VIDEOS: SeedVideo[] = [
  {
    slug: 'rock-one',
    category: 'music',
    duration: 100,
    hoursAgo: 1,
    tags: ['rock', 'live'],
    qualities: ['1080p', '720p'],
    transcription: 'completed',
    featured: true,
    views: 3,
    custom: { genre: 'Rock', moods: ['happy', 'loud'], year: 2020 },
  },
  {
    slug: 'rock-two',
    category: 'music',
    duration: 600,
    hoursAgo: 2,
    tags: ['rock'],
    qualities: ['720p'],
    views: 1,
    custom: { genre: 'Pop', moods: ['sad'], year: 2021.0 },
  },
  { slug: 'jazz-three', category: 'music', duration: 1500, hoursAgo: 3, tags: ['jazz'], qualities: ['480p'] },
  {
    slug: 'news-four',
    category: 'news',
    duration: 300,
    hoursAgo: 4,
    tags: ['rock'],
    transcription: 'processing',
  },
  { slug: 'plain-five', duration: 1201, hoursAgo: 5 },
  // Never listed: unpublished, and archived.
  {
    slug: 'draft-six',
    category: 'music',
    duration: 50,
    hoursAgo: null,
    tags: ['rock'],
    custom: { genre: 'Rock' },
  },
  { slug: 'gone-seven', category: 'music', duration: 50, hoursAgo: 0.5, tags: ['rock'], deleted: true },
];
export const PUBLIC = ['rock-one', 'rock-two', 'jazz-three', 'news-four', 'plain-five'];

/** Categories, tags, custom fields (select, multi_select, number), qualities, transcriptions, views. */
export async function seedPublicCatalogue(t: TestApp): Promise<Record<string, number>> {
  const db = t.container.db;
  const cats = await db
    .insertInto('categories')
    .values([
      { name: 'Music', slug: 'music' },
      { name: 'News', slug: 'news' },
    ])
    .returning(['id', 'slug'])
    .execute();
  const catId = Object.fromEntries(cats.map((c) => [c.slug, c.id]));
  const tags = await db
    .insertInto('tags')
    .values(['rock', 'live', 'jazz'].map((name) => ({ name, slug: name })))
    .returning(['id', 'slug'])
    .execute();
  const tagId = Object.fromEntries(tags.map((tag) => [tag.slug, tag.id]));
  const fields = await db
    .insertInto('custom_field_definitions')
    .values([
      { name: 'Genre', slug: 'genre', field_type: 'select', options: '["Rock","Pop"]', category_id: null },
      { name: 'Moods', slug: 'moods', field_type: 'multi_select', options: '["happy","loud","sad"]' },
      { name: 'Year', slug: 'year', field_type: 'number', category_id: catId.music },
    ])
    .returning(['id', 'slug'])
    .execute();
  const fieldId = Object.fromEntries(fields.map((f) => [f.slug, f.id]));
  const ids: Record<string, number> = {};
  for (const v of VIDEOS) {
    const row = await db
      .insertInto('videos')
      .values({
        title: v.slug.replace('-', ' '),
        slug: v.slug,
        status: 'ready',
        category_id: v.category ? catId[v.category] : null,
        duration: v.duration,
        published_at: v.hoursAgo === null ? null : new Date(NOW - v.hoursAgo * HOUR),
        deleted_at: v.deleted ? new Date() : null,
        is_featured: v.featured ?? false,
        streaming_format: v.featured ? 'cmaf' : 'hls_ts',
        primary_codec: v.featured ? 'av1' : 'h264',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const id = (ids[v.slug] = row.id);
    for (const tag of v.tags ?? [])
      await db.insertInto('video_tags').values({ video_id: id, tag_id: tagId[tag]! }).execute();
    for (const quality of v.qualities ?? [])
      await db.insertInto('video_qualities').values({ video_id: id, quality, width: 1, height: 1 }).execute();
    if (v.transcription)
      await db.insertInto('transcriptions').values({ video_id: id, status: v.transcription }).execute();
    for (let i = 0; i < (v.views ?? 0); i++)
      await db
        .insertInto('playback_sessions')
        .values({ video_id: id, session_token: `${v.slug}-${i}` })
        .execute();
    for (const [slug, value] of Object.entries(v.custom ?? {}))
      await db
        .insertInto('video_custom_fields')
        .values({
          video_id: id,
          field_id: fieldId[slug]!,
          value: slug === 'year' && value === 2021 ? '2021.0' : JSON.stringify(value),
        })
        .execute();
  }
  return ids;
}
