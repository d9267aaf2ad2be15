import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SlugParam } from '../../../contracts/api/common.contract.js';
import { Tag, TagList } from '../../../contracts/api/tag.contract.js';
import { badRequest } from '../../../domain/shared/errors.js';
import { isValidSlug } from '../../../domain/shared/slug.js';
import type { TagService } from '../../../domain/tags/tag.service.js';
import { routeSchemas } from '../../schemas/route-schema.js';

/** Public tags (api-public.md §4.3): counts are of public videos only (the reference counted every link). */
export function publicTagRoutes(tags: TagService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['tags'] });
    app.get('/api/tags', { config: { rateLimit: 'publicList' }, schema: schema({ ok: TagList }) }, () =>
      tags.list('public'),
    );
    app.get('/api/tags/:slug', { schema: schema({ params: SlugParam, ok: Tag, fails: [404] }) }, (req) => {
      if (!isValidSlug(req.params.slug)) throw badRequest('Invalid tag slug');
      return tags.getBySlug(req.params.slug, 'public');
    });
  };
}
