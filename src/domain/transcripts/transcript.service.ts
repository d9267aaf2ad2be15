import path from 'node:path';
import type { Transcript, TranscriptUpdated } from '../../contracts/api/transcript.contract.js';
import { wordCount } from '../../media/captions/caption-cues.js';
import { removeIfExists } from '../../storage/file-moves.js';
import { CAPTIONS_VTT, type StorageLayout } from '../../storage/storage-layout.js';
import { badRequest, notFound } from '../shared/errors.js';
import { toTranscriptResponse } from './transcript.mapper.js';
import type { QueuedTranscription } from '../transcription/transcription.service.js';
import type { TranscriptRepository, TranscriptVideo } from './transcript.repository.js';
import { transcriptionLanguage } from './transcript-language.js';

/** Where a video's captions file is now: its video directory, or the archive while it is deleted. */
export function captionsFile(layout: StorageLayout, video: Pick<TranscriptVideo, 'slug' | 'deleted_at'>) {
  const dir = video.deleted_at ? layout.archivedVideoDir(video.slug) : layout.videoDir(video.slug);
  return path.join(dir, CAPTIONS_VTT);
}

/**
 * A video's transcript (api-admin.md §5.8, api-public.md §4.2): read, queue a transcription, edit the
 * text, delete. `queue` is the transcription job kind's `queueTranscription` (domain/transcription): it
 * inserts or resets the pending row and wakes the workers, and refuses a transcription in progress.
 */
export function createTranscriptService(deps: {
  transcripts: TranscriptRepository;
  layout: StorageLayout;
  queue: (videoId: number, language: string | null) => Promise<Pick<QueuedTranscription, 'message'>>;
}) {
  const { transcripts, layout } = deps;

  async function requireVideo(id: number): Promise<TranscriptVideo> {
    const video = await transcripts.videoById(id);
    if (!video) throw notFound('Video not found');
    return video;
  }

  return {
    /** Admin: the video's transcript, archived videos included; `{"status":"none"}` without one. */
    async get(videoId: number): Promise<Transcript> {
      const video = await requireVideo(videoId);
      return toTranscriptResponse(video.slug, await transcripts.find(videoId), 'admin');
    },

    /** Public: by slug, any video that is not archived (published not required). */
    async getPublic(slug: string): Promise<Transcript> {
      const video = await transcripts.activeVideoBySlug(slug);
      if (!video) throw notFound('Video not found');
      return toTranscriptResponse(video.slug, await transcripts.find(video.id), 'public');
    },

    /** Queue (or re-queue) a transcription; `language` is checked against Whisper's list, lower-cased. */
    async transcribe(videoId: number, language: string | undefined) {
      const code = transcriptionLanguage(language);
      const video = await requireVideo(videoId);
      if (video.deleted_at) throw badRequest('Cannot transcribe a deleted video');
      if (video.status !== 'ready') throw badRequest('Video must be ready before transcription');
      // Refuses a transcription in progress (400 Transcription already in progress).
      const { message } = await deps.queue(videoId, code);
      // A reset row has no captions any more: their file goes too.
      if (message === 'Transcription queued for retry') await removeIfExists(captionsFile(layout, video));
      return { status: 'ok', message };
    },

    /**
     * New transcript text and its word count. The captions file (captions.vtt) is NOT regenerated: its cues
     * keep their timings and text (api-admin.md §5.8); upload captions to change them.
     */
    async updateText(videoId: number, text: string): Promise<TranscriptUpdated> {
      await requireVideo(videoId);
      const words = wordCount(text);
      if (!(await transcripts.updateText(videoId, text, words))) throw notFound('Transcription not found');
      return { status: 'ok', message: 'Transcript updated', word_count: words };
    },

    /** Deletes the row and the captions file (uploaded or transcribed). */
    async remove(videoId: number) {
      const video = await requireVideo(videoId);
      if (!(await transcripts.delete(videoId))) throw notFound('Transcription not found');
      await removeIfExists(captionsFile(layout, video));
      return { status: 'ok', message: 'Transcription deleted' };
    },
  };
}

export type TranscriptService = ReturnType<typeof createTranscriptService>;
