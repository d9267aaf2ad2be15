import type { Container } from '../server/container.js';
import { createBaseApp, type AppOptions } from './app-base.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { registerWorkerAuth } from './plugins/worker-auth.js';
import { healthRoutes } from './routes/health.routes.js';
import { workerIdentityRoutes } from './routes/worker/worker-identity.routes.js';
import { fileTransfer } from './routes/worker/file-transfer.js';
import { workerJobRoutes } from './routes/worker/worker-jobs.routes.js';
import { workerReencodeRoutes } from './routes/worker/worker-reencode.routes.js';
import { workerSettingsRoutes } from './routes/worker/worker-settings.routes.js';
import { workerSpriteRoutes } from './routes/worker/worker-sprites.routes.js';
import { workerTranscriptionRoutes } from './routes/worker/worker-transcription.routes.js';
import { workerWaitRoutes } from './routes/worker/worker-wait.routes.js';

/**
 * Worker API (port 9002): every /api route needs a worker API key unless it declares the worker
 * admin secret (or is /api/health): identity and heartbeats, and the job protocol remote workers use.
 */
export async function buildWorkerApp(c: Container, options: AppOptions) {
  const app = await createBaseApp(options, {
    title: 'VLog worker API',
    description: 'Protocol for transcoding workers.',
  });
  // No default class: a worker sends a request per uploaded segment, and per-IP limits would throttle
  // transcodes on one host. Only register/revoke (WREG) and failed authentications (WDEF) are counted.
  const limits = await registerRateLimit(app, { config: c.config, defaultClass: null });
  registerWorkerAuth(app, c.services.workerAuth, limits.authFailures('workerDefault'));
  await app.register(healthRoutes(c.services.health, '/api/health'));
  await app.register(
    workerIdentityRoutes({ registry: c.services.workerRegistry, admin: c.services.workerAdmin }),
  );
  await app.register(workerWaitRoutes({ events: c.events }));
  await app.register(workerSettingsRoutes({ settings: c.services.settings }));
  await app.register(
    fileTransfer([
      workerJobRoutes({
        jobs: c.services.jobs,
        uploads: c.services.jobUploads,
        registry: c.services.workerRegistry,
        layout: c.layout,
      }),
      workerSpriteRoutes({ spriteJobs: c.services.spriteJobs, uploads: c.services.spriteUploads }),
      workerReencodeRoutes({ reencode: c.services.reencodeUploads, registry: c.services.workerRegistry }),
      workerTranscriptionRoutes({
        transcriptionJobs: c.services.transcriptionJobs,
        files: c.services.transcriptionFiles,
      }),
    ]),
  );
  return app;
}
