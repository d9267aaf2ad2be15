import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { QUALITY_PRESETS } from '../../media/ladder.js';
import { isMediaError } from '../../media/media-error.js';
import { findUpload, moveAllOrNothing, type Move } from '../../storage/file-moves.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import type { JobEvents } from '../queue/job-events.js';
import { serializeRetranscodeMetadata } from '../transcode/retranscode-cleanup.js';
import { badRequest, notFound, unavailable } from '../shared/errors.js';
import type { ProbeSummary, StagedUpload } from './upload.service.js';
import { toVideoUpdate, type VideoEditFields } from './video-edit.js';
import type { VideoLifecycleRepository } from './video-lifecycle.repository.js';
import type { VideoRepository, VideoRow } from './video.repository.js';

/** Names accepted by `POST /api/videos/{id}/retranscode` (api-admin.md §5.1). */
export { RETRANSCODE_NAMES } from '../../contracts/api/video-lifecycle.contract.js';
import { RETRANSCODE_NAMES } from '../../contracts/api/video-lifecycle.contract.js';
export type RetranscodeName = (typeof RETRANSCODE_NAMES)[number];

/** `original` plus every preset the ladder would produce for this source (decided by the short side). */
export function availableQualities(v: Pick<VideoRow, 'source_width' | 'source_height'>): string[] {
  const short = Math.min(v.source_width ?? 0, v.source_height ?? 0);
  const fitting = QUALITY_PRESETS.filter((p) => p.shortSide <= short).map((p) => p.name as string);
  // A source under 360p still gets one 360p rendition (media/ladder.ts).
  if (short > 0 && fitting.length === 0) fitting.push('360p');
  return ['original', ...fitting];
}

type LockedVideo = { status: string | null; deleted_at: Date | null };

/** Probe failures that mean the file is not a usable video (other failures, a timeout, may pass). */
const NOT_A_VIDEO: ReadonlySet<string> = new Set(['not_a_video', 'no_video_stream', 'invalid_duration']);

function checkReuploadable(v: LockedVideo): void {
  if (v.deleted_at) throw badRequest('Cannot re-upload a deleted video');
  if (v.status === 'processing') throw badRequest('Cannot re-upload while video is processing');
}

function checkRetranscodable(v: LockedVideo): void {
  if (v.deleted_at) throw badRequest('Cannot re-transcode a deleted video');
  if (v.status === 'processing') throw badRequest('Cannot re-transcode while video is processing');
}

/**
 * The video lifecycle after upload (api-admin.md §5.1, §5.4, §5.5): retry, re-upload,
 * retranscode (cleanup deferred to the claim, see jobs/retranscode-cleanup.ts), publish, edit.
 */
export function createVideoLifecycleService(deps: {
  videos: VideoRepository;
  lifecycle: VideoLifecycleRepository;
  categories: CategoryRepository;
  layout: StorageLayout;
  events: JobEvents;
  probe: (file: string) => Promise<ProbeSummary | null>;
  options: { maxAttempts: number };
}) {
  const { videos, lifecycle, layout, events, options } = deps;

  async function requireVideo(id: number): Promise<VideoRow> {
    const video = await videos.findById(id);
    if (!video) throw notFound('Video not found');
    return video;
  }

  async function requireLocked(trx: Parameters<VideoLifecycleRepository['lockVideo']>[0], id: number) {
    const v = await lifecycle.lockVideo(trx, id);
    if (!v) throw notFound('Video not found');
    return v;
  }

  /**
   * The staged re-upload's source facts; 400 when it is not a video (ffprobe cannot read it, no video
   * stream, no duration), 503 when it could not be read now (a probe timeout).
   */
  async function probeReupload(file: string): Promise<ProbeSummary> {
    const kept = 'the current video and its files are kept';
    let probed: ProbeSummary | null;
    try {
      probed = await deps.probe(file);
    } catch (err) {
      if (!isMediaError(err)) throw err;
      if (!NOT_A_VIDEO.has(err.code))
        throw unavailable(`The uploaded file could not be read now (${err.message}); ${kept}`);
      throw badRequest(`${err.message}; ${kept}`);
    }
    if (!probed) throw badRequest(`The uploaded file is not a playable video; ${kept}`);
    return probed;
  }

  /** Moves the old outputs and source out of the way (fast renames); returns the moves for undo. */
  async function moveAside(slug: string, videoId: number): Promise<Move[]> {
    const tag = randomBytes(4).toString('hex');
    const moves: Move[] = [
      {
        from: layout.videoDir(slug),
        to: layout.replacedVideoDir(slug, tag),
      },
    ];
    const upload = await findUpload(layout, videoId);
    if (upload) {
      moves.push({
        from: upload,
        to: layout.replacedUploadFile(videoId, tag, upload.slice(upload.lastIndexOf('.'))),
      });
    }
    await moveAllOrNothing(moves);
    return moves;
  }

  return {
    async retry(id: number): Promise<void> {
      const video = await requireVideo(id);
      if (video.status !== 'failed') throw badRequest('Video is not in failed state');
      if (video.deleted_at) throw badRequest('Cannot retry a deleted video');
      if (!(await findUpload(layout, id))) throw badRequest('Source file no longer exists');
      await lifecycle.transaction(async (trx) => {
        const locked = await requireLocked(trx, id);
        if (locked.status !== 'failed') throw badRequest('Video is not in failed state');
        await lifecycle.resetForRetry(trx, id, options.maxAttempts);
      });
      events.changed(id);
      events.queued();
    },

    /** Checked before the new file is streamed in, so a refused request costs no upload. */
    async assertCanReupload(id: number): Promise<void> {
      checkReuploadable(await requireVideo(id));
    },

    /**
     * Replaces the source: old outputs and source are renamed away inside the transaction that
     * resets the rows and queues a new job (deleted after commit, put back if it fails), and the
     * staged file takes its final name there too, so a worker never claims a job without its file.
     */
    async reupload(id: number, staged: StagedUpload): Promise<{ video_id: number; slug: string }> {
      checkReuploadable(await requireVideo(id));
      // Before anything is touched: a file that is not a video must not cost the current one its files.
      const probed = await probeReupload(staged.tempPath);
      let moves: Move[] = [];
      let finalPath: string | null = null;
      let slug = '';
      try {
        await lifecycle.transaction(async (trx) => {
          const locked = await requireLocked(trx, id);
          checkReuploadable(locked);
          slug = locked.slug;
          await lifecycle.resetForReupload(trx, id, probed);
          await lifecycle.replaceJob(trx, {
            videoId: id,
            maxAttempts: options.maxAttempts,
            retranscodeMetadata: null,
          });
          moves = await moveAside(locked.slug, id);
          await mkdir(layout.videoDir(locked.slug), { recursive: true });
          finalPath = layout.uploadFile(id, staged.ext);
          await rename(staged.tempPath, finalPath);
        });
      } catch (err) {
        if (finalPath) await rm(finalPath, { force: true });
        if (moves.length > 0) {
          await rm(layout.videoDir(slug), { recursive: true, force: true });
          for (const m of [...moves].reverse()) await rename(m.to, m.from).catch(() => undefined);
        }
        throw err;
      }
      for (const m of moves) await rm(m.to, { recursive: true, force: true });
      events.changed(id);
      events.queued();
      return { video_id: id, slug };
    },

    async qualities(id: number) {
      const video = await requireVideo(id);
      const rows = await videos.qualities(id);
      return {
        video_id: id,
        source_width: video.source_width ?? 0,
        source_height: video.source_height ?? 0,
        available_qualities: availableQualities(video),
        existing_qualities: rows.map((r) => ({
          name: r.quality ?? '',
          width: r.width ?? 0,
          height: r.height ?? 0,
          bitrate: r.bitrate ?? 0,
          status: 'completed',
        })),
      };
    },

    /**
     * Queues a retranscode without touching files: the video stays playable until a worker claims
     * the job; the listed qualities are deleted then (deferred cleanup).
     */
    async retranscode(id: number, names: RetranscodeName[]) {
      const video = await requireVideo(id);
      checkRetranscodable(video);
      if (!(await findUpload(layout, id)))
        throw badRequest('Source file not found. Cannot re-transcode without original video file.');
      const all = names.includes('all');
      const existing = (await videos.qualities(id)).map((q) => q.quality).filter((q): q is string => !!q);
      const toDelete = all
        ? [...new Set([...availableQualities(video), ...existing])]
        : [...new Set(names.filter((n) => n !== 'all'))];
      const metadata = serializeRetranscodeMetadata({
        retranscode_all: all,
        qualities_to_delete: toDelete,
        delete_transcription: all,
        video_dir: layout.videoDir(video.slug),
      });
      await lifecycle.transaction(async (trx) => {
        const locked = await requireLocked(trx, id);
        checkRetranscodable(locked);
        await lifecycle.replaceJob(trx, {
          videoId: id,
          maxAttempts: options.maxAttempts,
          retranscodeMetadata: metadata,
        });
        // A ready video stays ready (claimable through its metadata); a failed one is queued again.
        if (locked.status !== 'ready') await lifecycle.setStatus(trx, id, 'pending');
      });
      events.changed(id);
      events.queued();
      return {
        status: 'ok',
        video_id: id,
        message: 'Video queued for re-transcoding',
        qualities_queued: toDelete,
      };
    },

    async setPublished(id: number, published: boolean): Promise<void> {
      const video = await requireVideo(id);
      if (video.deleted_at) throw badRequest(`Cannot ${published ? 'publish' : 'unpublish'} a deleted video`);
      await lifecycle.setPublished(id, published);
      events.changed(id); // e.g. the public media cache (media-visibility.ts) forgets this video at once
    },

    async update(id: number, fields: VideoEditFields): Promise<void> {
      await requireVideo(id);
      const values = await toVideoUpdate(fields, (c) => deps.categories.exists(c));
      await lifecycle.update(id, values);
      if (values.published_at !== undefined) events.changed(id); // publication changed: as setPublished
    },
  };
}

export type VideoLifecycleService = ReturnType<typeof createVideoLifecycleService>;
