import { VIDEO_EXTENSIONS, type StorageLayout } from '../../storage/storage-layout.js';
import { openWithoutSymlinks, type OpenFile } from '../../storage/safe-open.js';
import type { SettingsService } from '../settings/settings.service.js';
import { forbidden, notFound, tooManyRequests, unavailable } from '../shared/errors.js';
import type { VideoRepository } from '../videos/video.repository.js';
import { requireSlug } from '../videos/video.service.js';
import { downloadDisposition } from './download-filename.js';
import type { DownloadSlots } from './download-slots.js';

const MAX_ORIGINAL_BYTES = 100 * 1024 ** 3;
const MIME: Record<(typeof VIDEO_EXTENSIONS)[number], string> = {
  '.mp4': 'video/mp4',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.avi': 'video/x-msvideo',
};
const NOT_AVAILABLE = 'Original file not available. It may have been deleted after transcoding.';

export interface OriginalDownload {
  file: OpenFile;
  contentType: string;
  disposition: string;
  /** Frees the client's concurrent-download slot (idempotent): call when the response is over. */
  release: () => void;
}

/** GET /api/videos/{slug}/download/original (api-public.md §4.6), every check in the spec's order. */
export function createOriginalDownloadService(deps: {
  settings: Pick<SettingsService, 'get'>;
  videos: Pick<VideoRepository, 'findPublishedBySlug'>;
  layout: StorageLayout;
  storageAvailable: () => Promise<boolean>;
  slots: DownloadSlots;
}) {
  const { settings } = deps;

  /** uploads/{id}{ext}: a regular, non-empty file of at most 100 GB (no symlink), else null. */
  async function openSource(videoId: number) {
    for (const ext of VIDEO_EXTENSIONS) {
      const file = await openWithoutSymlinks(deps.layout.dirs.uploadsDir, [`${videoId}${ext}`]);
      if (!file) continue;
      if (file.stat.size > 0 && file.stat.size <= MAX_ORIGINAL_BYTES) return { file, ext };
      await file.handle.close();
    }
    return null;
  }

  return {
    /** Downloads in progress for a client IP. */
    slotsInUse: (clientIp: string): number => deps.slots.inUse(clientIp),

    async open(slug: string, clientIp: string): Promise<OriginalDownload> {
      if (!(await deps.storageAvailable()))
        throw unavailable('Video storage temporarily unavailable. Please try again later.', 30);
      requireSlug(slug);
      if (!settings.get('downloads.enabled')) throw forbidden('Downloads are disabled');
      if (!settings.get('downloads.allow_original')) throw forbidden('Original file downloads are disabled');
      const max = settings.get('downloads.max_concurrent');
      const release = deps.slots.acquire(clientIp, max);
      if (!release) throw tooManyRequests(`Too many concurrent downloads. Maximum ${max} allowed per IP.`);
      try {
        const video = await deps.videos.findPublishedBySlug(slug);
        if (!video || video.status !== 'ready') throw notFound('Video not found');
        const source = await openSource(video.id);
        if (!source) throw notFound(NOT_AVAILABLE);
        return {
          file: source.file,
          contentType: MIME[source.ext],
          disposition: downloadDisposition(video.title, video.slug, source.ext),
          release,
        };
      } catch (err) {
        release();
        throw err;
      }
    },
  };
}

export type OriginalDownloadService = ReturnType<typeof createOriginalDownloadService>;
