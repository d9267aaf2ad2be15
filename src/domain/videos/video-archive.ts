import path from 'node:path';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database.types.js';
import {
  DestinationExistsError,
  findUpload,
  moveAllOrNothing,
  moveBack,
  removeIfExists,
  type Move,
} from '../../storage/file-moves.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import type { JobEvents } from '../queue/job-events.js';
import { badRequest, conflict, DomainError, notFound } from '../shared/errors.js';
import { isPlayableVideoDir } from './playable-outputs.js';
import type { LockedVideo, VideoDeletionRepository } from './video-deletion.repository.js';

type Trx = Transaction<Database>;
/** A move with what it moves, for a refusal the admin can act on. */
type NamedMove = Move & { what: string };

/**
 * Soft delete, restore and permanent delete (api-admin.md §5.3), each in one transaction that holds the
 * video's jobs and row: a delete fences every job of the video (see VideoDeletionRepository.fenceJobs)
 * before its files move, so nothing a worker sends afterwards lands in videos/{slug}; a restore brings
 * back a finished video as it was, or what there is plus a fresh transcode from the source, and never
 * deletes anything in its way. A failed move rolls the rows back; a failed commit moves the files back.
 */
export function createVideoArchive(deps: {
  deletion: VideoDeletionRepository;
  /** Queues the video's transcode again from its source (status pending, fresh job). */
  requeue: (trx: Trx, videoId: number) => Promise<void>;
  layout: StorageLayout;
  events: JobEvents;
}) {
  const { deletion, layout, events } = deps;

  /** The archive's moves for `video`, from live to archived (`toArchive`) or back. */
  async function movesOf(video: LockedVideo, toArchive: boolean): Promise<NamedMove[]> {
    const dirs = { live: layout.videoDir(video.slug), archived: layout.archivedVideoDir(video.slug) };
    const moves: NamedMove[] = [
      toArchive
        ? { from: dirs.live, to: dirs.archived, what: 'archived video directory' }
        : { from: dirs.archived, to: dirs.live, what: 'video directory' },
    ];
    const upload = await findUpload(layout, video.id, !toArchive);
    if (upload) {
      const ext = path.extname(upload);
      const to = toArchive ? layout.archivedUploadFile(video.id, ext) : layout.uploadFile(video.id, ext);
      moves.push({ from: upload, to, what: toArchive ? 'archived source upload' : 'source upload' });
    }
    return moves;
  }

  /**
   * Runs `fn` under the video's lock; the files `fn` moves are moved back if the transaction then fails.
   * Refusals and failures of the moves become the API's errors.
   */
  async function locked<T>(
    id: number,
    verb: 'archive' | 'restore',
    fn: (trx: Trx, video: LockedVideo, move: (moves: NamedMove[]) => Promise<void>) => Promise<T>,
  ): Promise<T> {
    let moved: Move[] = [];
    let refused: NamedMove | undefined;
    const move = async (moves: NamedMove[]) => {
      try {
        moved = await moveAllOrNothing(moves);
      } catch (err) {
        if (err instanceof DestinationExistsError) refused = moves.find((m) => m.to === err.destination);
        throw err;
      }
    };
    try {
      const done = await deletion.withVideoLocked(id, (trx, video) => fn(trx, video, move));
      if (!done) throw notFound('Video not found');
      return done.result;
    } catch (err) {
      await moveBack(moved);
      if (err instanceof DomainError) throw err;
      if (refused)
        throw conflict(
          `Cannot ${verb}: the ${refused.what} already exists (${path.basename(refused.to)}); nothing was moved`,
        );
      throw new DomainError('unavailable', `Failed to ${verb} files`);
    }
  }

  /** Whether a restore must queue the transcode again: the archived outputs are not a finished video. */
  async function needsTranscode(video: LockedVideo): Promise<boolean> {
    // A failed video comes back failed (the admin may retry it); it had nothing playable to lose.
    if (video.status === 'failed') return false;
    return !(video.status === 'ready' && (await isPlayableVideoDir(layout.archivedVideoDir(video.slug))));
  }

  return {
    /** Soft delete: deleted_at set and every job fenced, then the files moved to archive/, atomically. */
    async archive(id: number): Promise<void> {
      await locked(id, 'archive', async (trx, video, move) => {
        if (video.deleted_at) throw badRequest('Video is already deleted');
        await deletion.setDeletedAt(trx, id, new Date());
        await deletion.fenceJobs(trx, id);
        await move(await movesOf(video, true));
      });
      events.changed(id);
    },

    /**
     * A finished video comes back as it was; anything else (a transcode stopped by the delete, outputs
     * that are not complete) comes back with its transcode queued again from the source upload, and is
     * refused when that upload is gone. Nothing at the destination is ever removed.
     */
    async restore(id: number): Promise<void> {
      const requeued = await locked(id, 'restore', async (trx, video, move) => {
        if (!video.deleted_at) throw badRequest('Video is not deleted');
        const requeue = await needsTranscode(video);
        const source = (await findUpload(layout, id, true)) ?? (await findUpload(layout, id));
        if (requeue && !source)
          throw conflict(
            'Cannot restore: the archived files are not a finished video and the source upload is missing',
          );
        await move(await movesOf(video, false));
        await deletion.setDeletedAt(trx, id, null);
        if (requeue) await deps.requeue(trx, id);
        return requeue;
      });
      events.changed(id);
      if (requeued) events.queued();
    },

    /** Permanent delete of a live or archived video: rows (children cascade), then every file. */
    async deletePermanently(id: number): Promise<void> {
      const done = await deletion.withVideoLocked(id, async (trx, video) => {
        await deletion.deleteVideo(trx, id);
        return video;
      });
      if (!done) throw notFound('Video not found');
      const { slug } = done.result;
      const uploads = [await findUpload(layout, id), await findUpload(layout, id, true)];
      for (const p of [layout.videoDir(slug), layout.archivedVideoDir(slug), ...uploads]) {
        if (p) await removeIfExists(p);
      }
      events.changed(id);
    },
  };
}

export type VideoArchive = ReturnType<typeof createVideoArchive>;
