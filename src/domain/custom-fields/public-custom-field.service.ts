import type { PublicCustomFieldList } from '../../contracts/api/public-custom-field.contract.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import { badRequest, notFound } from '../shared/errors.js';
import { isValidSlug } from '../shared/slug.js';
import type { CustomFieldRepository, FieldScope } from './custom-field.repository.js';

/**
 * The definitions visitors can filter the public lists by (`custom.<slug>=`): a category's fields and the
 * global ones, or the global ones alone without a category. Only what a filter needs leaves the server.
 */
export function createPublicCustomFieldService(deps: {
  fields: CustomFieldRepository;
  categories: CategoryRepository;
}) {
  const { fields, categories } = deps;
  return {
    async list(categorySlug: string | undefined): Promise<PublicCustomFieldList> {
      let scope: FieldScope = { kind: 'global' };
      if (categorySlug !== undefined) {
        if (!isValidSlug(categorySlug)) throw badRequest('Invalid category slug');
        const category = await categories.findBySlug(categorySlug, 'public');
        if (!category) throw notFound('Category not found');
        scope = { kind: 'category', categoryId: category.id };
      }
      const definitions = await fields.list(scope, { withCounts: false });
      return {
        fields: definitions.map((f) => ({
          slug: f.slug,
          name: f.name,
          field_type: f.field_type,
          options: f.options,
        })),
      };
    },
  };
}

export type PublicCustomFieldService = ReturnType<typeof createPublicCustomFieldService>;
