import type { FastifyInstance } from 'fastify';
import type { CategoryService } from '../../../domain/categories/category.service.js';
import {
  Category,
  CategoryCreate,
  CategoryList,
  CategoryUpdate,
} from '../../../contracts/api/category.contract.js';
import { IdParam, StatusOk } from '../../../contracts/api/common.contract.js';
import { adminRouter } from '../../schemas/route-schema.js';

export function adminCategoryRoutes(categories: CategoryService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['categories']);
    app.get('/api/categories', { schema: schema({ ok: CategoryList }) }, () => categories.list('all'));
    app.post('/api/categories', { schema: schema({ body: CategoryCreate, ok: Category }) }, (req) =>
      categories.create(req.body),
    );
    app.put(
      '/api/categories/:id',
      { schema: schema({ params: IdParam, body: CategoryUpdate, ok: Category, fails: [404] }) },
      (req) => categories.update(req.params.id, req.body),
    );
    app.delete(
      '/api/categories/:id',
      { schema: schema({ params: IdParam, ok: StatusOk, fails: [404] }) },
      async (req) => {
        await categories.delete(req.params.id);
        return { status: 'ok' };
      },
    );
  };
}
