import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import type { JobEvents } from '../domain/queue/job-events.js';
import { createCaptionUploadService } from '../domain/transcripts/caption-upload.service.js';
import { createTranscriptRepository } from '../domain/transcripts/transcript.repository.js';
import { createTranscriptService } from '../domain/transcripts/transcript.service.js';
import type { StorageLayout } from '../storage/storage-layout.js';

/** Transcripts and captions (issue 14): the transcript endpoints' use cases and caption upload. */
export function transcriptServices(deps: { db: Kysely<Database>; layout: StorageLayout; events: JobEvents }) {
  const transcripts = createTranscriptRepository(deps.db);
  return {
    transcripts: createTranscriptService({
      transcripts,
      layout: deps.layout,
      // Stand-in for the transcription job kind's queueTranscription (insert/reset + wake the workers).
      queue: async (videoId, language) => {
        const outcome = await transcripts.queuePending(videoId, language);
        if (outcome !== 'in_progress') deps.events.queued();
        return outcome;
      },
    }),
    captionUploads: createCaptionUploadService({ transcripts, layout: deps.layout }),
  };
}
