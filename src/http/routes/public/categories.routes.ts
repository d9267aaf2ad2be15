import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { CategoryService } from '../../../domain/categories/category.service.js';
import { badRequest } from '../../../domain/shared/errors.js';
import { isValidSlug } from '../../../domain/shared/slug.js';
import { errors, SlugParam } from '../../schemas/common.schemas.js';
import { Category } from '../../schemas/video.schemas.js';

export function publicCategoryRoutes(categories: CategoryService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/categories',
      {
        config: { rateLimit: 'publicList' },
        schema: { tags: ['categories'], response: { 200: Type.Array(Category) } },
      },
      () => categories.list('public'),
    );
    app.get(
      '/api/categories/:slug',
      {
        schema: { tags: ['categories'], params: SlugParam, response: { 200: Category, ...errors(400, 404) } },
      },
      (req) => {
        if (!isValidSlug(req.params.slug)) throw badRequest('Invalid category slug');
        return categories.getBySlug(req.params.slug, 'public');
      },
    );
  };
}
