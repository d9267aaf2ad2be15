import { sql, type RawBuilder } from 'kysely';
import type { DurationBucket, ListFilters } from './public-list-filters.js';

/** The SQL conditions of the public list's filters (api-public.md §4.2), on `v` (an alias of `videos`). */

const DURATION_SQL: Record<DurationBucket, RawBuilder<boolean>> = {
  short: sql<boolean>`v.duration < 300`,
  medium: sql<boolean>`v.duration between 300 and 1200`,
  long: sql<boolean>`v.duration > 1200`,
};

/** A JSON number as the admin API stores one (PostgreSQL's numeric reads every such text). */
const JSON_NUMBER = /^\s*-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?\s*$/;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/**
 * `custom.<slug>=value`: the video holds that value in a field with that slug (slugs are unique per
 * category, so several definitions may share one), tested by the field's type in SQL, so no look-up of the
 * definitions comes first. multi_select: the stored JSON array holds the value (matched as its JSON string
 * element, so "rock" does not match "rockabilly"); number: numeric equality, so `custom.year=2020` matches a
 * stored 2020 or 2020.0 (the reference compared JSON text, and a number never matched); others: the stored
 * JSON equals the value's JSON. A slug no field has is ignored, as the reference does.
 */
function customFieldCondition(slug: string, value: string): RawBuilder<boolean> {
  const n = Number(value.trim());
  const number = value.trim() !== '' && Number.isFinite(n) ? String(n) : null;
  // Only rows holding a plain JSON number are cast, so malformed text never fails the query.
  const matches = sql<boolean>`case d.field_type
      when 'multi_select' then vcf.value like ${`%${escapeLike(JSON.stringify(value))}%`}
      when 'number' then case when vcf.value ~ ${JSON_NUMBER.source}
        then vcf.value::numeric = ${number}::numeric else false end
      else vcf.value = ${JSON.stringify(value)} end`;
  return sql<boolean>`(not exists (select 1 from custom_field_definitions d where d.slug = ${slug})
    or exists (select 1 from video_custom_fields vcf join custom_field_definitions d on d.id = vcf.field_id
      where vcf.video_id = v.id and d.slug = ${slug} and ${matches}))`;
}

/**
 * Whether a field of this type matches a value by its JSON text (the `else` of customFieldCondition), so
 * that ix_video_custom_fields_public (the value's md5, migrations/0011) can find its videos.
 */
export const comparedAsJsonText = (fieldType: string) =>
  fieldType !== 'number' && fieldType !== 'multi_select';

/** The id of the tag with this slug (slugs are unique), looked up once by the statement (an InitPlan). */
export const tagIdOf = (slug: string) => sql<number>`(select id from tags where slug = ${slug})`;

/** How many filters are asked for (each custom field counts as one). */
function filterCount(f: ListFilters): number {
  const asked = [
    f.category,
    f.tag,
    f.durations.length > 0,
    f.qualities.length > 0,
    f.dateFrom,
    f.dateTo,
    f.hasTranscription !== undefined,
    f.featured !== undefined,
  ];
  return asked.filter(Boolean).length + Object.keys(f.custom).length;
}

/** The tag slug when it is the only filter (its page can be read from ix_video_tags_public alone). */
export function onlyTag(f: ListFilters): string | null {
  return f.tag && filterCount(f) === 1 ? f.tag : null;
}

/** The custom filter (slug, value) when it is the only filter (its page may be read from an index). */
export function onlyCustomField(f: ListFilters): [string, string] | null {
  const custom = Object.entries(f.custom);
  return custom.length === 1 && filterCount(f) === 1 ? custom[0]! : null;
}

/**
 * The tag filter read from the tag's links first, as an array of its public videos' ids: for a tag few
 * videos have (the caller counts them), the videos are then fetched by id. Without it the planner hash-joins
 * a scan of every video with the links whenever another filter narrows the videos (its costs miss that
 * their rows are cached): a tag of 500 videos and a duration of 10,000, 4.7 + 3.2 ms (page + count) → 1.4.
 */
const tagVideoIds = (slug: string) =>
  sql<boolean>`v.id = any(array(select vt.video_id from video_tags vt
    where vt.tag_id = ${tagIdOf(slug)} and vt.public_at is not null))`;

/** Every condition the filters ask for; `tagIdsFirst` when the tag is known to have few videos. */
export function filterConditions(f: ListFilters, tagIdsFirst = false): RawBuilder<boolean>[] {
  const conditions: RawBuilder<boolean>[] = [];
  // Slugs are unique: the id is looked up once (an InitPlan), so the planner can walk
  // ix_videos_public_category in date order instead of filtering every public video by a joined slug.
  if (f.category)
    conditions.push(sql<boolean>`v.category_id = (select id from categories where slug = ${f.category})`);
  if (f.tag && tagIdsFirst) conditions.push(tagVideoIds(f.tag));
  else if (f.tag)
    conditions.push(sql<boolean>`exists (select 1 from video_tags vt
      where vt.video_id = v.id and vt.tag_id = ${tagIdOf(f.tag)})`);
  if (f.durations.length > 0)
    conditions.push(
      sql<boolean>`(${sql.join(
        f.durations.map((d) => DURATION_SQL[d]),
        sql` or `,
      )})`,
    );
  if (f.qualities.length > 0)
    conditions.push(sql<boolean>`exists (select 1 from video_qualities vq
      where vq.video_id = v.id and vq.quality in (${sql.join(f.qualities)}))`);
  if (f.dateFrom) conditions.push(sql<boolean>`v.published_at >= ${f.dateFrom}`);
  if (f.dateTo) conditions.push(sql<boolean>`v.published_at <= ${f.dateTo}`);
  if (f.hasTranscription !== undefined) {
    const completed = sql`exists (select 1 from transcriptions tr
      where tr.video_id = v.id and tr.status = 'completed')`;
    conditions.push(f.hasTranscription ? sql<boolean>`${completed}` : sql<boolean>`not ${completed}`);
  }
  if (f.featured !== undefined) conditions.push(sql<boolean>`v.is_featured = ${f.featured}`);
  for (const [slug, value] of Object.entries(f.custom)) conditions.push(customFieldCondition(slug, value));
  return conditions;
}
