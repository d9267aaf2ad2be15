import path from 'node:path';
import type { Container } from '../server/container.js';
import { createBaseApp, type AppOptions } from './app-base.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { healthRoutes } from './routes/health.routes.js';
import { mediaFileRoutes } from './routes/media-files.routes.js';
import { pageRoutes } from './routes/pages.routes.js';
import { publicAnalyticsRoutes } from './routes/public/analytics.routes.js';
import { publicCategoryRoutes } from './routes/public/categories.routes.js';
import { publicCustomFieldRoutes } from './routes/public/custom-fields.routes.js';
import { publicTagRoutes } from './routes/public/tags.routes.js';
import { publicPlaylistRoutes } from './routes/public/playlists.routes.js';
import { publicVideoRoutes } from './routes/public/videos.routes.js';
import { publicDownloadRoutes } from './routes/public/downloads.routes.js';
import { publicViewerConfigRoutes } from './routes/public/viewer-config.routes.js';
import { publicSharingRoutes } from './routes/public/sharing.routes.js';
import { sharePageHeads } from './pages/share-page-heads.js';

/** Public API and site (port 9000): browsing, playback files, pages. No authentication. */
export async function buildPublicApp(c: Container, options: AppOptions & { webDir: string }) {
  const app = await createBaseApp(options, {
    title: 'VLog public API',
    description: 'Browse and play published videos.',
  });
  // LIST or DEF on every /api route (each route's config says which); /health, pages and files unlimited.
  // downloads.rate_limit_per_hour is fixed when the app starts (api-public.md §4.6); serve.ts has read the
  // stored settings by then.
  const downloadsPerHour = c.services.settings.current('downloads.rate_limit_per_hour');
  await registerRateLimit(app, { config: { ...c.config, downloadsPerHour }, defaultClass: 'publicDefault' });
  await app.register(healthRoutes(c.services.health));
  await app.register(publicVideoRoutes(c.services.videos, c.services.discovery, c.services.transcripts));
  await app.register(publicCategoryRoutes(c.services.categories));
  await app.register(publicTagRoutes(c.services.tags));
  await app.register(publicCustomFieldRoutes(c.services.publicCustomFields));
  await app.register(publicPlaylistRoutes(c.services.playlists));
  await app.register(publicDownloadRoutes(c.services.originalDownloads));
  await app.register(
    publicViewerConfigRoutes({ settings: c.services.settings, watermark: c.services.watermark }),
  );
  await app.register(publicAnalyticsRoutes(c.services.tracking, { secureCookies: c.config.secureCookies }));
  await app.register(publicSharingRoutes(c.services.sharing));
  await app.register(
    mediaFileRoutes(c.layout.dirs.videosDir, {
      isServed: (slug) => c.services.mediaVisibility.isPublic(slug),
      cacheScope: 'public',
    }),
  );
  const heads = sharePageHeads(c.services.sharing);
  await app.register(
    pageRoutes(path.join(options.webDir, 'public'), {
      '/': 'index.html',
      '/watch/:slug': { file: 'watch.html', head: heads.watch },
      // The one page other sites may frame (security-headers.ts).
      '/embed/:slug': { file: 'embed.html', head: heads.embed, frameable: true },
      '/playlist/:slug': 'playlist.html',
      '/category/:slug': 'listing.html',
      '/tag/:slug': 'listing.html',
      '/search': 'search.html',
    }),
  );
  return app;
}
