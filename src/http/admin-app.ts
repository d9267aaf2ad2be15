import multipart from '@fastify/multipart';
import path from 'node:path';
import type { Container } from '../server/container.js';
import { createBaseApp, type AppOptions } from './app-base.js';
import { registerAdminAuth } from './plugins/admin-auth.js';
import { MULTIPART_LIMITS } from './plugins/multipart-errors.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { adminAnalyticsRoutes } from './routes/admin/analytics.routes.js';
import { adminAuthRoutes } from './routes/admin/auth.routes.js';
import { adminCategoryRoutes } from './routes/admin/categories.routes.js';
import { adminTagRoutes } from './routes/admin/tags.routes.js';
import { adminChapterRoutes } from './routes/admin/chapters.routes.js';
import { adminCustomFieldRoutes } from './routes/admin/custom-fields.routes.js';
import { adminPlaylistRoutes } from './routes/admin/playlists.routes.js';
import { adminReencodeRoutes } from './routes/admin/reencode.routes.js';
import { adminSettingsRoutes } from './routes/admin/settings.routes.js';
import { adminSpriteRoutes } from './routes/admin/sprites.routes.js';
import { adminEventRoutes } from './routes/admin/events.routes.js';
import { adminUploadRoutes } from './routes/admin/upload.routes.js';
import { adminThumbnailRoutes } from './routes/admin/thumbnails.routes.js';
import { adminWatermarkRoutes } from './routes/admin/watermark.routes.js';
import { adminVideoLifecycleRoutes } from './routes/admin/video-lifecycle.routes.js';
import { adminVideoRoutes } from './routes/admin/videos.routes.js';
import { adminVideoBulkRoutes } from './routes/admin/video-bulk.routes.js';
import { adminVideoExportRoutes } from './routes/admin/video-export.routes.js';
import { adminWebhookRoutes } from './routes/admin/webhooks.routes.js';
import { adminWorkerRoutes } from './routes/admin/workers.routes.js';
import { healthRoutes } from './routes/health.routes.js';
import { mediaFileRoutes } from './routes/media-files.routes.js';
import { pageRoutes } from './routes/pages.routes.js';

/** Admin API and UI (port 9001): every /api and /videos route needs the admin secret or a session (+ CSRF). */
export async function buildAdminApp(c: Container, options: AppOptions & { webDir: string }) {
  const { config, services } = c;
  const app = await createBaseApp(options, {
    title: 'VLog admin API',
    description: 'Manage videos, categories and transcoding.',
  });
  await app.register(multipart, {
    // The setting may be raised above the environment's value at run time: the upload service enforces it.
    limits: { fileSize: c.live.uploadCeiling, ...MULTIPART_LIMITS },
    throwFileSizeLimit: false,
  });
  // Before the auth guard: a guessed X-Admin-Secret counts against the limit too.
  await registerRateLimit(app, { config, defaultClass: 'adminDefault' });
  registerAdminAuth(app, services.auth);
  await app.register(adminAuthRoutes(services.auth, { secureCookies: config.secureCookies }));
  await app.register(healthRoutes(services.health));
  await app.register(adminVideoRoutes(services.videos));
  await app.register(adminUploadRoutes(services.uploads, c.live));
  await app.register(adminVideoLifecycleRoutes(services.lifecycle, services.uploads, c.live));
  await app.register(adminVideoBulkRoutes(services.videoBulk));
  await app.register(adminVideoExportRoutes(services.videoExport));
  await app.register(adminThumbnailRoutes(services.thumbnails, c.live));
  await app.register(adminCategoryRoutes(services.categories));
  await app.register(adminTagRoutes(services.tags));
  await app.register(adminChapterRoutes(services.chapters));
  await app.register(adminCustomFieldRoutes(services.customFields));
  await app.register(adminPlaylistRoutes(services.playlists));
  await app.register(adminSpriteRoutes(services.sprites));
  await app.register(adminReencodeRoutes(services.reencode));
  await app.register(adminSettingsRoutes(services.settingsAdmin));
  await app.register(adminWatermarkRoutes(services.watermark, c.live));
  await app.register(adminAnalyticsRoutes(services.analytics));
  await app.register(adminWebhookRoutes(services.webhookAdmin));
  await app.register(adminWorkerRoutes({ workers: services.workerAdmin, commands: services.workerCommands }));
  await app.register(
    adminEventRoutes(services.progressFeed, {
      heartbeatSeconds: config.sseHeartbeatInterval,
      retryMs: config.sseReconnectTimeoutMs,
    }),
  );
  // Every file of every video (previews while transcoding, unpublished ones), behind the auth guard.
  await app.register(mediaFileRoutes(c.layout.dirs.videosDir, { cacheScope: 'private' }));
  await app.register(pageRoutes(path.join(options.webDir, 'admin'), { '/': 'index.html' }));
  return app;
}
