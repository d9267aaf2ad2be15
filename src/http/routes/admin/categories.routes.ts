import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { CategoryService } from '../../../domain/categories/category.service.js';
import { ADMIN_SECURITY, errors, IdParam, StatusOk } from '../../schemas/common.schemas.js';
import { Category } from '../../schemas/video.schemas.js';

export function adminCategoryRoutes(categories: CategoryService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const security = ADMIN_SECURITY;
    app.get(
      '/api/categories',
      {
        schema: {
          tags: ['categories'],
          security,
          response: { 200: Type.Array(Category), ...errors(401, 403) },
        },
      },
      () => categories.list('all'),
    );
    app.post(
      '/api/categories',
      {
        schema: {
          tags: ['categories'],
          security,
          body: Type.Object({
            name: Type.String({ minLength: 1, maxLength: 100 }),
            description: Type.String({ maxLength: 1000, default: '' }),
          }),
          response: { 200: Category, ...errors(400, 401, 403) },
        },
      },
      (req) => categories.create(req.body),
    );
    app.delete(
      '/api/categories/:id',
      {
        schema: {
          tags: ['categories'],
          security,
          params: IdParam,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404) },
        },
      },
      async (req) => {
        await categories.delete(req.params.id);
        return { status: 'ok' };
      },
    );
  };
}
