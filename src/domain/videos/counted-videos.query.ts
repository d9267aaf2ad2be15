import { sql } from 'kysely';

/** Which videos a category's or tag's `video_count` includes. */
export type VideoCountScope = 'public' | 'all';

/**
 * The condition on `v` (an alias of `videos`) for the videos a count includes: public ones (ready,
 * published, not deleted — what the public site shows) or every non-deleted one (the admin's counts).
 */
export const countedVideos = (scope: VideoCountScope) =>
  scope === 'public'
    ? sql<boolean>`v.deleted_at is null and v.status = 'ready' and v.published_at is not null`
    : sql<boolean>`v.deleted_at is null`;
