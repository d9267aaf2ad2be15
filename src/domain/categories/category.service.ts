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
      const name = input.name.trim();
      if (!name) throw badRequest('Category name is required');
      // Names without ASCII letters (Arabic, CJK) get a digest-based slug instead of none.
      const slug = slugOrDigest(name, { fallback: 'category', maxLength: 100 });
      if (!slug) throw badRequest('Category name must contain letters or digits');
      const row = await categories.insert({ name, slug, description: input.description ?? '' });
      if (!row) throw badRequest('Category with this name already exists');
      return toCategoryResponse({ ...row, video_count: 0 });
    },

    async delete(id: number): Promise<void> {
      if (!(await categories.delete(id))) throw notFound('Category not found');
    },
  };
}

export type CategoryService = ReturnType<typeof createCategoryService>;
