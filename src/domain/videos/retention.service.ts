import type { VideoRepository } from './video.repository.js';
import type { VideoService } from './video.service.js';

export interface RetentionLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const DAY_MS = 86_400_000;

/**
 * Archive retention (api-admin.md §5.3, pipeline.md §12): videos soft-deleted more than
 * `retentionDays` ago are deleted for good, rows and every file (videos/, archive/, uploads/ and
 * archive/uploads/), through the same permanent delete as `DELETE ?permanent=true`. 0 disables.
 */
export function createRetentionService(deps: {
  videos: Pick<VideoRepository, 'videoIdsDeletedBefore'>;
  videoService: Pick<VideoService, 'deletePermanently'>;
  retentionDays: number;
}) {
  return {
    get enabled(): boolean {
      return deps.retentionDays > 0;
    },

    /** Purges what is due; returns the ids deleted. One failing video does not stop the others. */
    async purgeExpired(options: { now?: Date; logger?: RetentionLogger } = {}): Promise<number[]> {
      if (deps.retentionDays <= 0) return [];
      const { now = new Date(), logger } = options;
      const cutoff = new Date(now.getTime() - deps.retentionDays * DAY_MS);
      const purged: number[] = [];
      for (const id of await deps.videos.videoIdsDeletedBefore(cutoff)) {
        try {
          await deps.videoService.deletePermanently(id);
          purged.push(id);
        } catch (err) {
          logger?.error({ err, videoId: id }, 'archive retention: purge failed');
        }
      }
      if (purged.length > 0) logger?.info({ videoIds: purged }, 'archive retention: videos purged');
      return purged;
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
