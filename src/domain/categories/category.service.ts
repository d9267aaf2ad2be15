import { badRequest, notFound } from '../shared/errors.js';
import { slugOrDigest } from '../shared/slug.js';
import type { CategoryRepository, CategoryWithCount, VideoCountScope } from './category.repository.js';

export function toCategoryResponse(c: CategoryWithCount) {
  return {
    id: c.id,
    name: c.name,
    slug: c.slug,
    description: c.description ?? '',
    created_at: c.created_at ? new Date(c.created_at).toISOString() : null,
    video_count: c.video_count,
  };
}

const DUPLICATE = 'Category with this name already exists';

/** The name trimmed and its slug; names without ASCII letters (Arabic, CJK) get a digest-based slug. */
function named(raw: string): { name: string; slug: string } {
  const name = raw.trim();
  if (!name) throw badRequest('Category name is required');
  const slug = slugOrDigest(name, { fallback: 'category', maxLength: 100 });
  if (!slug) throw badRequest('Category name must contain letters or digits');
  return { name, slug };
}

export function createCategoryService(deps: { categories: CategoryRepository }) {
  const { categories } = deps;
  return {
    list: async (scope: VideoCountScope) => (await categories.list(scope)).map(toCategoryResponse),

    async getBySlug(slug: string, scope: VideoCountScope) {
      const c = await categories.findBySlug(slug, scope);
      if (!c) throw notFound('Category not found');
      return toCategoryResponse(c);
    },

    async create(input: { name: string; description?: string }) {
      const row = await categories.insert({ ...named(input.name), description: input.description ?? '' });
      if (!row) throw badRequest(DUPLICATE);
      return toCategoryResponse({ ...row, video_count: 0 });
    },

    /** Renames (the slug follows) or re-describes; the admin's count of videos comes back. */
    async update(id: number, input: { name?: string; description?: string }) {
      if (!(await categories.exists(id))) throw notFound('Category not found');
      if (input.name === undefined && input.description === undefined)
        throw badRequest('No update values provided');
      const values = { ...(input.name !== undefined && named(input.name)), description: input.description };
      if (values.slug !== undefined && (await categories.slugTaken(values.slug, id)))
        throw badRequest(DUPLICATE);
      await categories.update(id, values);
      const updated = await categories.findById(id, 'all');
      if (!updated) throw notFound('Category not found');
      return toCategoryResponse(updated);
    },

    async delete(id: number): Promise<void> {
      if (!(await categories.delete(id))) throw notFound('Category not found');
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
