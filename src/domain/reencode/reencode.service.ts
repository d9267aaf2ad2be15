import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { JobEvents } from '../queue/job-events.js';
import { cancelWaitingJob } from '../queue/cancel-waiting.js';
import { toJobPage, toQueueJobResponse } from '../queue/queue-job.mapper.js';
import { badRequest } from '../shared/errors.js';
import type { ReencodeQueueRepository } from './reencode-queue.repository.js';
import type { ReencodeStatus, ReencodeTarget } from './reencode-queue.types.js';

/** AV1 has no MPEG-TS mapping players support: it needs CMAF (H.264 and HEVC work in both). */
function checkTarget(target: ReencodeTarget): void {
  if (target.format === 'hls_ts' && target.codec === 'av1')
    throw badRequest('target_codec av1 requires target_format cmaf');
}

/** Admin use cases of the re-encode queue (api-admin.md §15, admin side). */
export function createReencodeService(deps: {
  db: Kysely<Database>;
  queue: ReencodeQueueRepository;
  events: JobEvents;
}) {
  const { db, queue, events } = deps;

  return {
    async status() {
      const [counts, legacy] = await Promise.all([queue.counts(), queue.legacyRemaining()]);
      const n = (s: ReencodeStatus) => counts[s] ?? 0;
      return {
        queue_stats: {
          pending: n('pending'),
          in_progress: n('in_progress'),
          completed: n('completed'),
          failed: n('failed'),
          cancelled: n('cancelled'),
        },
        legacy_videos_remaining: legacy,
        total_in_queue: Object.values(counts).reduce((a, b) => a + b, 0),
      };
    },

    /** Per video: queued, skipped (a job is already open) or an error; one bad id spoils nothing. */
    async queue(videoIds: number[], target: ReencodeTarget) {
      checkTarget(target);
      const queued: number[] = [];
      const skipped: number[] = [];
      const errors: Array<{ video_id: number; error: string }> = [];
      for (const videoId of [...new Set(videoIds)]) {
        const result = await db.transaction().execute(async (trx) => {
          // Row lock: two concurrent requests for the same video queue one job.
          const video = await queue.lockVideo(trx, videoId);
          if (!video || video.deleted_at) return 'Video not found';
          if (video.status !== 'ready') return `Video status is ${video.status ?? 'unknown'}`;
          if (await queue.findOpenJob(trx, videoId)) return 'skipped';
          await queue.insert(trx, videoId, target);
          return 'queued';
        });
        if (result === 'queued') queued.push(videoId);
        else if (result === 'skipped') skipped.push(videoId);
        else errors.push({ video_id: videoId, error: result });
      }
      if (queued.length > 0) events.queued();
      return { queued, skipped, errors, total_queued: queued.length };
    },

    async queueAll(target: ReencodeTarget, batchSize: number) {
      checkTarget(target);
      const count = await queue.enqueueCandidates(target, batchSize);
      if (count > 0) events.queued();
      return {
        queued_count: count,
        message: `Queued ${count} video${count === 1 ? '' : 's'} for re-encoding to ${target.format}/${target.codec}`,
      };
    },

    async listJobs(q: { status?: ReencodeStatus; limit: number; offset: number }) {
      return toJobPage(await queue.list(q), (r) => ({
        ...toQueueJobResponse(r),
        target_format: r.target_format ?? 'cmaf',
        target_codec: r.target_codec ?? 'hevc',
        retry_count: r.retry_count ?? 0,
      }));
    },

    async cancel(jobId: number) {
      await cancelWaitingJob(db, jobId, {
        find: (trx, id) => queue.findById(trx, id),
        cancel: (trx, job) => queue.cancel(trx, job.id),
      });
      return { status: 'cancelled', message: 'Re-encode job cancelled' };
    },
  };
}

export type ReencodeService = ReturnType<typeof createReencodeService>;
