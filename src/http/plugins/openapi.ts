import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** OpenAPI document generated from the route schemas, browsable at /docs (JSON at /docs/json). */
export async function registerOpenApi(
  app: FastifyInstance,
  info: { title: string; description: string },
): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: { title: info.title, description: info.description, version: '0.1.0' },
      components: {
        securitySchemes: {
          adminSecret: { type: 'apiKey', in: 'header', name: 'X-Admin-Secret' },
          adminSession: { type: 'apiKey', in: 'cookie', name: 'vlog_admin_session' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
}
