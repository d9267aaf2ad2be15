import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import {
  PublicCustomFieldList,
  PublicCustomFieldQuery,
} from '../../../contracts/api/public-custom-field.contract.js';
import type { PublicCustomFieldService } from '../../../domain/custom-fields/public-custom-field.service.js';
import { routeSchemas } from '../../schemas/route-schema.js';

/** `GET /api/custom-fields?category=<slug>`: the filterable field definitions (not in the spec; see the contract). */
export function publicCustomFieldRoutes(customFields: PublicCustomFieldService) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    const schema = routeSchemas({ tags: ['custom-fields'] });
    app.get(
      '/api/custom-fields',
      {
        schema: schema({ querystring: PublicCustomFieldQuery, ok: PublicCustomFieldList, fails: [400, 404] }),
      },
      (req) => customFields.list(req.query.category),
    );
  };
}
