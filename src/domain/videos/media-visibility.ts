import type { JobEvents } from '../queue/job-events.js';
import { isValidSlug } from '../shared/slug.js';

/** The row fields the rule reads (VideoRepository.findMediaState). */
export interface MediaState {
  id: number;
  published_at: Date | string | null;
  deleted_at: Date | string | null;
}

/**
 * A video's files are served publicly while it is published and not deleted, whatever its status: the
 * rule of the public detail page (api-public.md §4.3), so a published video still transcoding plays.
 */
export const isPubliclyServed = (v: MediaState | null): boolean =>
  !!v && v.published_at !== null && v.deleted_at === null;

interface Entry {
  expires: number;
  /** The video's id once the lookup answered (null: no video has this slug, or not known yet). */
  videoId: number | null;
  visible: Promise<boolean>;
}

export const MEDIA_VISIBILITY_TTL_MS = 3000;
const MAX_ENTRIES = 10_000;

/**
 * Whether `/videos/{slug}/…` may be served publicly, cached per slug: segment requests are the hot path,
 * so there is at most one query per slug per `ttlMs` (concurrent misses share it) instead of one per file.
 *
 * Staleness: a change made in this process (publish, unpublish, edit, archive, delete, a job finishing)
 * emits JobEvents.changed(id), which drops that video's entry at once. A change made by another process
 * on the same database (a second `vlog serve`, the CLI) is seen here only when the entry expires, so a
 * video unpublished elsewhere stays playable here for at most `ttlMs`. Files a browser or CDN already
 * holds stay there whatever this says (segments are cacheable for a year, playlists revalidate).
 */
export function createMediaVisibility(deps: {
  find: (slug: string) => Promise<MediaState | null>;
  events: JobEvents;
  ttlMs?: number;
  now?: () => number;
}) {
  const ttlMs = deps.ttlMs ?? MEDIA_VISIBILITY_TTL_MS;
  const now = deps.now ?? Date.now;
  const entries = new Map<string, Entry>();
  const slugOf = new Map<number, string>();

  function forget(slug: string): void {
    const entry = entries.get(slug);
    if (entry?.videoId != null && slugOf.get(entry.videoId) === slug) slugOf.delete(entry.videoId);
    entries.delete(slug);
  }

  function lookup(slug: string): Entry {
    const entry: Entry = { expires: now() + ttlMs, videoId: null, visible: Promise.resolve(false) };
    entry.visible = deps.find(slug).then(
      (state) => {
        if (state && entries.get(slug) === entry) {
          entry.videoId = state.id;
          slugOf.set(state.id, slug);
        }
        return isPubliclyServed(state);
      },
      (err: unknown) => {
        if (entries.get(slug) === entry) entries.delete(slug); // the next request asks again
        throw err;
      },
    );
    if (entries.size >= MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest !== undefined) forget(oldest);
    }
    entries.set(slug, entry);
    return entry;
  }

  deps.events.onChanged((videoId) => {
    const slug = slugOf.get(videoId);
    if (slug !== undefined) return forget(slug);
    // A video not known here may be the one behind an entry still being looked up or cached as "no such
    // video" (its row just created): drop those, they are cheap to ask again.
    for (const [key, entry] of entries) if (entry.videoId === null) entries.delete(key);
  });

  return {
    async isPublic(slug: string): Promise<boolean> {
      if (!isValidSlug(slug)) return false;
      const cached = entries.get(slug);
      const entry = cached && cached.expires > now() ? cached : lookup(slug);
      return entry.visible;
    },
  };
}

export type MediaVisibility = ReturnType<typeof createMediaVisibility>;
