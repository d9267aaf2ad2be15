import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { JobEvents } from '../queue/job-events.js';
import { cancelWaitingJob } from '../queue/cancel-waiting.js';
import { toJobPage, toQueueJobResponse } from '../queue/queue-job.mapper.js';
import { badRequest, notFound } from '../shared/errors.js';
import type { SpriteQueueRepository } from './sprite-queue.repository.js';
import type { QueuePriority, SpriteJobStatus } from './sprite-queue.types.js';

export interface SpriteServiceOptions {
  /** VLOG_SPRITE_SHEET_ENABLED: when false nothing is queued (no worker would run it). */
  enabled: boolean;
  /** VLOG_SPRITE_SHEET_AUTO_GENERATE: queue sprites when a transcode completes. */
  autoGenerate: boolean;
}

/** Admin use cases of the sprite sheet queue (api-admin.md §10) and the auto-enqueue hook. */
export function createSpriteService(deps: {
  db: Kysely<Database>;
  queue: SpriteQueueRepository;
  events: JobEvents;
  options: SpriteServiceOptions;
}) {
  const { db, queue, events, options } = deps;

  function requireEnabled(): void {
    if (!options.enabled) throw badRequest('Sprite sheet generation is disabled');
  }

  return {
    async status() {
      const counts = await queue.counts();
      const n = (s: SpriteJobStatus) => counts[s] ?? 0;
      return {
        pending: n('pending'),
        processing: n('processing'),
        completed: n('completed'),
        failed: n('failed'),
        total: Object.values(counts).reduce((a, b) => a + b, 0),
      };
    },

    /** Queues one ready video; a pending job already there is reported, not duplicated. */
    async generate(videoId: number, priority: QueuePriority) {
      requireEnabled();
      const outcome = await db.transaction().execute(async (trx) => {
        // Row lock: two concurrent requests for the same video queue one job.
        const video = await queue.lockVideo(trx, videoId);
        if (!video || video.deleted_at) throw notFound('Video not found');
        if (video.status !== 'ready')
          throw badRequest(
            `Video must be ready to generate sprites (status is ${video.status ?? 'unknown'})`,
          );
        const existing = await queue.hasOpenJob(trx, videoId, ['pending']);
        if (existing)
          return {
            status: 'already_queued' as const,
            message: 'Sprite generation is already queued for this video',
            job_id: existing.id,
          };
        const job = await queue.enqueue(trx, videoId, priority);
        return { status: 'queued' as const, message: 'Sprite generation queued', job_id: job.id };
      });
      if (outcome.status === 'queued') events.queued();
      return outcome;
    },

    async queueAll(priority: QueuePriority) {
      requireEnabled();
      const queued = await queue.enqueueAllMissing(priority);
      if (queued > 0) events.queued();
      return {
        status: 'ok',
        queued,
        message:
          queued === 1
            ? 'Queued 1 video for sprite generation'
            : `Queued ${queued} videos for sprite generation`,
      };
    },

    async listJobs(q: { status?: SpriteJobStatus; limit: number; offset: number }) {
      return toJobPage(await queue.list(q), toQueueJobResponse);
    },

    async videoSprites(videoId: number) {
      const v = await queue.videoSprites(videoId);
      if (!v) throw notFound('Video not found');
      return {
        video_id: v.id,
        status: v.sprite_sheet_status,
        error: v.sprite_sheet_error,
        count: v.sprite_sheet_count ?? 0,
        interval: v.sprite_sheet_interval,
        tile_size: v.sprite_sheet_tile_size,
        frame_width: v.sprite_sheet_frame_width,
        frame_height: v.sprite_sheet_frame_height,
      };
    },

    /** Only a pending job can be cancelled (a running one finishes or fails on its own). */
    async cancel(jobId: number) {
      await cancelWaitingJob(db, jobId, {
        find: (trx, id) => queue.findById(trx, id),
        cancel: (trx, job) => queue.cancel(trx, job),
      });
      return { status: 'cancelled', message: 'Sprite job cancelled' };
    },

    /**
     * Called when a transcode completes: with auto-generate on, queue sprites (normal priority)
     * unless a job is already pending or running. Never throws: sprites must not fail a transcode.
     */
    async enqueueAfterTranscode(videoId: number): Promise<void> {
      if (!options.enabled || !options.autoGenerate) return;
      try {
        const queued = await db.transaction().execute(async (trx) => {
          const video = await queue.lockVideo(trx, videoId);
          if (!video || video.deleted_at || video.status !== 'ready') return false;
          if (await queue.hasOpenJob(trx, videoId, ['pending', 'processing'])) return false;
          await queue.enqueue(trx, videoId, 'normal');
          return true;
        });
        if (queued) events.queued();
      } catch {
        // Best effort: the admin can still queue sprites by hand.
      }
    },
  };
}

export type SpriteService = ReturnType<typeof createSpriteService>;
