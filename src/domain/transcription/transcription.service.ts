import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import type { JobEvents } from '../queue/job-events.js';
import { badRequest, notFound } from '../shared/errors.js';
import type { TranscriptionQueueRepository } from './transcription-queue.repository.js';

export interface TranscriptionQueueingOptions {
  /** transcription.enabled */
  readonly enabled: boolean;
  /** transcription.on_upload: queue a transcription when a video becomes ready. */
  readonly onUpload: boolean;
}

/** The outcome of queueTranscription (api-admin.md §5.8's two messages). */
export interface QueuedTranscription {
  status: 'ok';
  message: 'Transcription queued' | 'Transcription queued for retry';
  transcription_id: number;
}

/**
 * Queueing transcriptions: automatically when a video becomes ready, and on an admin's request
 * (queueTranscription, for POST /api/videos/{id}/transcribe). The claim is driven by the table: a pending
 * row is all a worker needs, and workers are woken at once.
 */
export function createTranscriptionService(deps: {
  db: Kysely<Database>;
  queue: TranscriptionQueueRepository;
  events: JobEvents;
  options: TranscriptionQueueingOptions;
}) {
  const { db, queue, events, options } = deps;

  return {
    /**
     * Inserts a pending row for the video, or resets its row to pending (timings, text, VTT path, word
     * count, error and attempts cleared; `language` stored: null = the setting, else detect). Refuses,
     * with api-admin.md §5.8's texts, a missing or deleted video (404), one not ready and one whose
     * transcription is running (400).
     */
    async queueTranscription(videoId: number, language: string | null): Promise<QueuedTranscription> {
      const result = await db.transaction().execute(async (trx) => {
        const video = await queue.lockVideo(trx, videoId);
        if (!video || video.deleted_at) throw notFound('Video not found');
        if (video.status !== 'ready') throw badRequest('Video must be ready before transcription');
        const existing = await queue.findByVideo(trx, videoId);
        if (existing?.status === 'processing') throw badRequest('Transcription already in progress');
        const row = await queue.resetToPending(trx, videoId, language);
        return {
          status: 'ok' as const,
          message: existing ? ('Transcription queued for retry' as const) : ('Transcription queued' as const),
          transcription_id: row.id,
        };
      });
      events.queued();
      events.changed(videoId);
      return result;
    },

    /** A video became ready: a pending row when transcription and "on upload" are on and it has none. */
    async enqueueOnReady(videoId: number): Promise<boolean> {
      if (!options.enabled || !options.onUpload) return false;
      const inserted = await db.transaction().execute(async (trx) => {
        const video = await queue.lockVideo(trx, videoId);
        if (!video || video.deleted_at || video.status !== 'ready') return false;
        return queue.insertIfNone(trx, videoId, null);
      });
      if (inserted) events.queued();
      return inserted;
    },

    /** How many rows are in each status. */
    counts: () => queue.counts(),
  };
}

export type TranscriptionService = ReturnType<typeof createTranscriptionService>;
