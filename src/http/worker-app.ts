import type { Container } from '../server/container.js';
import { createBaseApp, type AppOptions } from './app-base.js';
import { healthRoutes } from './routes/health.routes.js';

/** Worker API (port 9002). The remote-worker protocol endpoints arrive with distributed transcoding. */
export async function buildWorkerApp(c: Container, options: AppOptions) {
  const app = await createBaseApp(options, {
    title: 'VLog worker API',
    description: 'Protocol for transcoding workers.',
  });
  await app.register(healthRoutes(c.services.health, '/api/health'));
  return app;
}
