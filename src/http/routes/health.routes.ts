import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { HealthService } from '../../domain/health/health.service.js';

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('healthy'), Type.Literal('unhealthy')]),
  checks: Type.Object({ database: Type.Boolean(), storage: Type.Boolean() }),
  storage: Type.Object({
    healthy: Type.Boolean(),
    last_check: Type.Union([Type.String(), Type.Null()]),
    error: Type.Union([Type.String(), Type.Null()]),
  }),
});

export function healthRoutes(health: HealthService, url = '/health') {
  return async (app: FastifyInstance) => {
    app.get(
      url,
      { schema: { tags: ['health'], response: { 200: HealthResponse, 503: HealthResponse } } },
      async (_req, reply) => {
        const result = await health.check();
        return reply.status(result.status === 'healthy' ? 200 : 503).send(result);
      },
    );
  };
}
