import { badRequest, notFound } from '../shared/errors.js';
import { slugOrDigest } from '../shared/slug.js';
import type { TagCountScope, TagRepository, TagWithCount } from './tag.repository.js';

export function toTagResponse(t: TagWithCount) {
  return {
    id: t.id,
    name: t.name,
    slug: t.slug,
    created_at: t.created_at ? new Date(t.created_at).toISOString() : null,
    video_count: t.video_count,
  };
}

const DUPLICATE = 'Tag with this name already exists';

/** The name trimmed and its slug (names without ASCII letters get a digest slug, as categories do). */
function named(raw: string): { name: string; slug: string } {
  const name = raw.trim();
  if (!name) throw badRequest('Tag name is required');
  const slug = slugOrDigest(name, { fallback: 'tag', maxLength: 50 });
  if (!slug) throw badRequest('Tag name must contain letters or digits');
  return { name, slug };
}

/** Tags (api-admin.md §4) and the tags of a video (§5.6); public counts only public videos (api-public.md §4.3). */
export function createTagService(deps: { tags: TagRepository }) {
  const { tags } = deps;

  async function requireVideo(videoId: number): Promise<void> {
    if (!(await tags.videoExists(videoId))) throw notFound('Video not found');
  }

  async function requireTag(tagId: number): Promise<void> {
    if ((await tags.existing([tagId])).length === 0) throw notFound('Tag not found');
  }

  return {
    list: async (scope: TagCountScope) => (await tags.list(scope)).map(toTagResponse),

    async getBySlug(slug: string, scope: TagCountScope) {
      const tag = await tags.find({ slug }, scope);
      if (!tag) throw notFound('Tag not found');
      return toTagResponse(tag);
    },

    async create(rawName: string) {
      const row = await tags.insert(named(rawName));
      if (!row) throw badRequest(DUPLICATE);
      return toTagResponse({ ...row, video_count: 0 });
    },

    async rename(id: number, rawName: string) {
      await requireTag(id);
      const values = named(rawName);
      if (await tags.taken(values, id)) throw badRequest(DUPLICATE);
      if (!(await tags.rename(id, values))) throw notFound('Tag not found');
      return toTagResponse((await tags.find({ id }, 'all')) as TagWithCount);
    },

    async delete(id: number): Promise<void> {
      if (!(await tags.delete(id))) throw notFound('Tag not found');
    },

    async videoTags(videoId: number) {
      await requireVideo(videoId);
      return tags.videoTags(videoId);
    },

    /** Replaces the video's tags (ids deduplicated); unknown ids → 400 naming them, nothing changed. */
    async setVideoTags(videoId: number, tagIds: number[]) {
      await requireVideo(videoId);
      const ids = [...new Set(tagIds)];
      const known = new Set(await tags.existing(ids));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) throw badRequest(`Tag IDs not found: [${missing.join(', ')}]`);
      await tags.setVideoTags(videoId, ids);
      return tags.videoTags(videoId);
    },

    async removeVideoTag(videoId: number, tagId: number): Promise<void> {
      await requireVideo(videoId);
      await requireTag(tagId);
      await tags.removeVideoTag(videoId, tagId);
    },
  };
}

export type TagService = ReturnType<typeof createTagService>;
