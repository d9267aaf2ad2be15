// A small published catalogue written straight into a database, for the public pages' browser tests:
// two categories, three tags, a category-scoped select custom field, seven ready + published videos of
// varied duration, date and view count (one featured) and one unpublished video that must never show.
// No media files: thumbnails 404 and the cards must still look right.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/database.types.js';

export interface CatalogueVideo {
  title: string;
  slug: string;
  description: string;
  category: 'music' | 'travel' | null;
  tags: Array<'live' | 'acoustic' | 'beach'>;
  /** Seconds: short < 300, medium 300–1200, long > 1200. */
  duration: number;
  /** Days before now it was published (the newest first by default). */
  ageDays: number;
  views: number;
  genre?: 'Jazz' | 'Rock';
  featured?: boolean;
}

export const CATALOGUE: CatalogueVideo[] = [
  {
    title: 'Harbour Jazz Session',
    slug: 'harbour-jazz-session',
    description: 'A saxophone quartet plays by the water at dusk.',
    category: 'music',
    tags: ['live', 'acoustic'],
    duration: 1500,
    ageDays: 1,
    views: 3,
    genre: 'Jazz',
  },
  {
    title: 'Garage Rock Rehearsal',
    slug: 'garage-rock-rehearsal',
    description: 'Loud guitars and a drummer who never stops.',
    category: 'music',
    tags: ['live'],
    duration: 240,
    ageDays: 2,
    views: 0,
    genre: 'Rock',
  },
  {
    title: 'Unplugged Ballads',
    slug: 'unplugged-ballads',
    description: 'Quiet songs with one guitar.',
    category: 'music',
    tags: ['acoustic'],
    duration: 600,
    ageDays: 3,
    views: 12,
    genre: 'Jazz',
  },
  {
    title: 'Beach Walk at Sunrise',
    slug: 'beach-walk-at-sunrise',
    description: 'Waves, sand and a long walk along the shore.',
    category: 'travel',
    tags: ['beach'],
    duration: 90,
    ageDays: 4,
    views: 1,
  },
  {
    title: 'Mountain Pass Drive',
    slug: 'mountain-pass-drive',
    description: 'Hairpin bends above the clouds.',
    category: 'travel',
    tags: [],
    duration: 2400,
    ageDays: 5,
    views: 0,
  },
  {
    title: 'Island Hopping Diary',
    slug: 'island-hopping-diary',
    description: 'Ferries between small islands, with a saxophone busker at the port.',
    category: 'travel',
    tags: ['beach', 'live'],
    duration: 700,
    ageDays: 6,
    views: 0,
    featured: true, // not the newest: the hero must come from featured=true, not from the default order
  },
  {
    title: 'Kitchen Table Talk',
    slug: 'kitchen-table-talk',
    description: 'No category, no tags: a plain conversation.',
    category: null,
    tags: [],
    duration: 30,
    ageDays: 7,
    views: 0,
  },
];

const DAY_MS = 86_400_000;

/** Writes the catalogue (plus one unpublished draft) into `db`. */
export async function seedCatalogue(db: Kysely<Database>): Promise<void> {
  const categories = await db
    .insertInto('categories')
    .values([
      { name: 'Music', slug: 'music', description: 'Concerts, rehearsals and sessions.' },
      { name: 'Travel', slug: 'travel', description: 'Roads, beaches and islands.' },
    ])
    .returning(['id', 'slug'])
    .execute();
  const categoryId = new Map(categories.map((c) => [c.slug, c.id]));
  const tags = await db
    .insertInto('tags')
    .values([
      { name: 'Live', slug: 'live' },
      { name: 'Acoustic', slug: 'acoustic' },
      { name: 'Beach', slug: 'beach' },
    ])
    .returning(['id', 'slug'])
    .execute();
  const tagId = new Map(tags.map((t) => [t.slug, t.id]));
  const genre = await db
    .insertInto('custom_field_definitions')
    .values({
      name: 'Genre',
      slug: 'genre',
      field_type: 'select',
      options: JSON.stringify(['Jazz', 'Rock', 'Folk']),
      category_id: categoryId.get('music') ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const now = Date.now();
  for (const video of CATALOGUE) {
    const published = new Date(now - video.ageDays * DAY_MS);
    const row = await db
      .insertInto('videos')
      .values({
        title: video.title,
        slug: video.slug,
        description: video.description,
        category_id: video.category ? (categoryId.get(video.category) ?? null) : null,
        duration: video.duration,
        source_width: 1280,
        source_height: 720,
        status: 'ready',
        is_featured: video.featured ?? false,
        featured_at: video.featured ? published : null,
        created_at: published,
        published_at: published,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const tag of video.tags) {
      await db
        .insertInto('video_tags')
        .values({ video_id: row.id, tag_id: tagId.get(tag)! })
        .execute();
    }
    if (video.genre) {
      await db
        .insertInto('video_custom_fields')
        .values({ video_id: row.id, field_id: genre.id, value: JSON.stringify(video.genre) })
        .execute();
    }
    for (let i = 0; i < video.views; i++) {
      await db
        .insertInto('playback_sessions')
        .values({ video_id: row.id, session_token: `${video.slug}-${i}` })
        .execute();
    }
  }
  await db
    .insertInto('videos')
    .values({
      title: 'Unpublished Jazz Draft',
      slug: 'unpublished-jazz-draft',
      status: 'ready',
      duration: 60,
    })
    .execute();
}
