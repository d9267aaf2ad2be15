/**
 * A catalogue for bench/discovery.ts, written with set-based SQL: `count` published videos with titles and
 * descriptions from a word list, 12 categories, 60 tags (3 per video), two custom fields (a global select,
 * a category number), 40 playlists of 25 items and about 3 views per video. Deterministic (no random()).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/database.types.js';

export const WORDS = [
  'kubernetes', 'garden', 'marathon', 'photography', 'guitar', 'sourdough', 'bicycle', 'mountain',
  'quantum', 'python', 'watercolor', 'espresso', 'volcano', 'origami', 'telescope', 'jazz', 'carpentry',
  'chess', 'sailing', 'robotics', 'pottery', 'climbing', 'astronomy', 'knitting', 'database', 'violin',
  'skateboard', 'beekeeping', 'calligraphy', 'surfing', 'typescript', 'gardening', 'drone', 'sushi',
  'woodworking', 'meditation', 'physics', 'photograph', 'synthesizer', 'archery',
]; // prettier-ignore
export const GENRES = ['Tutorial', 'Review', 'Vlog', 'Interview', 'Live', 'Documentary', 'Short', 'Talk'];
export const CATEGORY_COUNT = 12;
export const TAG_COUNT = 60;

/** Everything but the videos' own rows is sized from `count`; returns the seeding time in ms. */
export async function seedCatalogue(db: Kysely<Database>, count: number): Promise<number> {
  const started = performance.now();
  const words = sql`array[${sql.join(WORDS)}]::text[]`;
  const genres = sql`array[${sql.join(GENRES)}]::text[]`;
  await sql`insert into categories (name, slug)
    select 'Category ' || i, 'category-' || i from generate_series(1, ${CATEGORY_COUNT}) i`.execute(db);
  await sql`insert into tags (name, slug)
    select 'Tag ' || i, 'tag-' || i from generate_series(1, ${TAG_COUNT}) i`.execute(db);
  // Word picks use multiplicative hashes of the row number, so titles vary but runs are identical.
  await sql`insert into videos (title, slug, description, category_id, duration, status, published_at,
      is_featured, streaming_format, primary_codec)
    select initcap(w[1 + (i * 7) % 40]) || ' ' || w[1 + (i * 13 + 5) % 40] || ' ' || w[1 + (i * 31 + 11) % 40]
             || ' part ' || i,
           'video-' || i,
           'About ' || w[1 + (i * 17 + 3) % 40] || ' and ' || w[1 + (i * 23 + 7) % 40]
             || ', with notes on ' || w[1 + (i * 29 + 1) % 40] || ' for beginners and experts alike.',
           (select id from categories order by id offset (i % ${CATEGORY_COUNT}) limit 1),
           30 + (i * 37) % 3000, 'ready', now() - make_interval(mins => i * 7),
           i % 50 = 0, 'cmaf', 'h264'
      from generate_series(1, ${count}) i, (select ${words} as w) words`.execute(db);
  await sql`insert into video_tags (video_id, tag_id)
    select distinct v.id, t.id from videos v
      cross join generate_series(0, 2) k
      join tags t on t.slug = 'tag-' || (1 + (v.id * 11 + k * 17) % ${TAG_COUNT})`.execute(db);
  await sql`insert into custom_field_definitions (name, slug, field_type, options, category_id)
    values ('Genre', 'genre', 'select', ${JSON.stringify(GENRES)}, null),
           ('Year', 'year', 'number', null, (select min(id) from categories))`.execute(db);
  await sql`insert into video_custom_fields (video_id, field_id, value)
    select v.id, f.id, to_json((${genres})[1 + v.id % 8])::text from videos v, custom_field_definitions f
     where f.slug = 'genre'`.execute(db);
  await sql`insert into video_custom_fields (video_id, field_id, value)
    select v.id, f.id, (2000 + v.id % 25)::text from videos v, custom_field_definitions f
     where f.slug = 'year' and v.category_id = f.category_id`.execute(db);
  await sql`insert into playlists (title, slug, visibility, playlist_type, created_at)
    select 'Playlist ' || i, 'playlist-' || i, 'public', 'playlist', now() from generate_series(1, 40) i`.execute(
    db,
  );
  await sql`insert into playlist_items (playlist_id, video_id, position)
    select p.id, 1 + (p.id * 97 + k * 13) % ${count}, k from playlists p, generate_series(0, 24) k
    on conflict do nothing`.execute(db);
  await sql`insert into playback_sessions (video_id, session_token)
    select 1 + (i * 7919) % ${count}, 'bench-' || i from generate_series(1, ${count * 3}) i`.execute(db);
  // The triggers rewrote each video's search document once per tag: 3 of every 4 versions are dead. A live
  // site's autovacuum reclaims them as they come and reuses the space; rewriting the tables here measures
  // that steady state, not a table 3.6× its size (this machine's PostgreSQL runs with autovacuum off).
  await sql`vacuum full analyze`.execute(db);
  return performance.now() - started;
}
