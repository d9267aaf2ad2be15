import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Category, CategoryList } from '../../../contracts/api/category.contract.js';
import { SlugParam } from '../../../contracts/api/common.contract.js';
import type { CategoryService } from '../../../domain/categories/category.service.js';
import { badRequest } from '../../../domain/shared/errors.js';
import { isValidSlug } from '../../../domain/shared/slug.js';
import { routeSchemas } from '../../schemas/route-schema.js';

export function publicCategoryRoutes(categories: CategoryService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['categories'] });
    app.get(
      '/api/categories',
      { config: { rateLimit: 'publicList' }, schema: schema({ ok: CategoryList }) },
      () => categories.list('public'),
    );
    app.get(
      '/api/categories/:slug',
      { schema: schema({ params: SlugParam, ok: Category, fails: [404] }) },
      (req) => {
        if (!isValidSlug(req.params.slug)) throw badRequest('Invalid category slug');
        return categories.getBySlug(req.params.slug, 'public');
      },
    );
  };
}
