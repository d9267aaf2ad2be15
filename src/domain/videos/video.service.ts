import path from 'node:path';
import type { StorageLayout } from '../../storage/storage-layout.js';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { exists } from '../../storage/file-moves.js';
import { MASTER_PLAYLIST } from '../../media/manifests.js';
import type { TranscodingJobRepository } from '../transcode/transcoding-job.repository.js';
import type { JobEvents } from '../queue/job-events.js';
import { badRequest, notFound } from '../shared/errors.js';
import { isValidSlug } from '../shared/slug.js';
import { createVideoArchive } from './video-archive.js';
import type { VideoDeletionRepository } from './video-deletion.repository.js';
import type { AdminVideoFilter } from './admin-video-filter.query.js';
import { decodeCursor, encodeCursor } from './video-list.query.js';
import { toProgress, toVideoDetail, toVideoListItem, type ChapterMark } from './video.mapper.js';
import type { VideoRepository, VideoRow } from './video.repository.js';

export function requireSlug(slug: string): string {
  if (!isValidSlug(slug)) throw badRequest('Invalid video slug');
  return slug;
}

/** Reading, archiving and restoring videos for the public and admin APIs. */
export function createVideoService(deps: {
  videos: VideoRepository;
  jobs: TranscodingJobRepository;
  layout: StorageLayout;
  events: JobEvents;
  errorSummaryMaxLength: number;
  /** Archive, restore and permanent delete (video-archive.ts). */
  deletion: VideoDeletionRepository;
  /** Queues a restored video's transcode again from its source (VideoLifecycleRepository.resetForRetry). */
  requeue: (trx: Transaction<Database>, videoId: number) => Promise<void>;
  /** The chapters a detail shows (the chapter service reads them only when `has_chapters`). */
  chapterMarks: (video: VideoRow) => Promise<ChapterMark[]>;
}) {
  const { videos, jobs, layout } = deps;
  const archive = createVideoArchive({
    deletion: deps.deletion,
    requeue: deps.requeue,
    layout,
    events: deps.events,
  });

  async function progressOf(video: VideoRow, sanitize: boolean) {
    const job = await jobs.findByVideo(video.id);
    const qualities = job ? await jobs.qualityProgress([job.id]) : [];
    return toProgress(video, job, qualities, { sanitize });
  }

  /** A processing video is playable once the worker published its (live) master playlist. */
  const isLive = async (video: VideoRow): Promise<boolean> =>
    video.status === 'processing' && (await exists(path.join(layout.videoDir(video.slug), MASTER_PLAYLIST)));

  async function requireVideo(id: number): Promise<VideoRow> {
    const video = await videos.findById(id);
    if (!video) throw notFound('Video not found');
    return video;
  }

  return {
    async getPublic(slug: string) {
      const video = await videos.findPublishedBySlug(requireSlug(slug));
      if (!video) throw notFound('Video not found');
      const [qualities, tags, chapters, transcription] = await Promise.all([
        videos.qualities(video.id),
        videos.tagsFor([video.id]),
        deps.chapterMarks(video),
        videos.transcription(video.id),
      ]);
      return toVideoDetail(video, {
        qualities,
        chapters,
        tags: tags.get(video.id) ?? [],
        versionedThumb: true,
        sanitize: true,
        summaryMax: deps.errorSummaryMaxLength,
        live: await isLive(video),
        transcription,
      });
    },

    /** Only for a video the public may see (published, not deleted): never confirms an unpublished slug. */
    async publicProgress(slug: string) {
      const video = await videos.findPublishedBySlug(requireSlug(slug));
      if (!video) throw notFound('Video not found');
      return progressOf(video, true);
    },

    async listAdmin(q: {
      filter: AdminVideoFilter;
      limit: number;
      offset: number;
      includeTotal: boolean;
      cursor?: string;
    }) {
      const { rows, totalCount } = await videos.listAdmin({ ...q, after: decodeCursor(q.cursor) });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        videos: page.map((r) => toVideoListItem(r, { versionedThumb: false })),
        next_cursor:
          rows.length > q.limit && last?.created_at ? encodeCursor(new Date(last.created_at), last.id) : null,
        has_more: rows.length > q.limit,
        total_count: totalCount,
      };
    },

    async getAdmin(id: number) {
      const video = await requireVideo(id);
      const [qualities, chapters] = await Promise.all([videos.qualities(id), deps.chapterMarks(video)]);
      return toVideoDetail(video, {
        qualities,
        chapters,
        tags: [],
        versionedThumb: false,
        sanitize: false,
        summaryMax: 10_000,
        live: await isLive(video),
      });
    },

    async adminProgress(id: number) {
      return progressOf(await requireVideo(id), false);
    },

    listArchived: (q: { limit: number; offset: number }) => videos.listArchived(q),

    ...archive,
  };
}

export type VideoService = ReturnType<typeof createVideoService>;
