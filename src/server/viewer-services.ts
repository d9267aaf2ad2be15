import type { Kysely } from 'kysely';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/database.types.js';
import { createDownloadSlots } from '../domain/downloads/download-slots.js';
import { createOriginalDownloadService } from '../domain/downloads/original-download.service.js';
import { createStorageProbe } from '../domain/downloads/storage-probe.js';
import type { SettingsService } from '../domain/settings/settings.service.js';
import { createSharingService } from '../domain/sharing/sharing.service.js';
import { createSitemapRepository } from '../domain/sharing/sitemap.repository.js';
import { createWatermarkService } from '../domain/viewer-config/watermark.service.js';
import type { VideoRepository } from '../domain/videos/video.repository.js';
import type { StorageLayout } from '../storage/storage-layout.js';
import type { LiveSettings } from './live-settings.js';

/** What the public site offers around playback: link previews and sitemap, the watermark, original downloads. */
export function viewerServices(deps: {
  db: Kysely<Database>;
  config: Config;
  settings: SettingsService;
  live: LiveSettings;
  videos: VideoRepository;
  layout: StorageLayout;
}) {
  const { db, config, settings, live, videos, layout } = deps;
  return {
    sharing: createSharingService({
      videos,
      sitemap: createSitemapRepository(db),
      thumbnailFile: (slug) => layout.thumbnailFile(slug),
    }),
    watermark: createWatermarkService({ settings, storageRoot: config.storageRoot, options: live }),
    originalDownloads: createOriginalDownloadService({
      settings,
      videos,
      layout,
      storageAvailable: createStorageProbe(layout.dirs.uploadsDir, {
        timeoutMs: config.storageCheckTimeout * 1000,
      }),
      slots: createDownloadSlots(),
    }),
  };
}
