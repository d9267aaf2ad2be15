import type { Kysely } from 'kysely';
import type { Database } from '../db/database.types.js';
import { createCaptionUploadService } from '../domain/transcripts/caption-upload.service.js';
import { createTranscriptRepository } from '../domain/transcripts/transcript.repository.js';
import { createTranscriptService } from '../domain/transcripts/transcript.service.js';
import type { TranscriptionService } from '../domain/transcription/transcription.service.js';
import type { StorageLayout } from '../storage/storage-layout.js';

/** Transcripts and captions (issue 14): the transcript endpoints' use cases and caption upload. */
export function transcriptServices(deps: {
  db: Kysely<Database>;
  layout: StorageLayout;
  transcription: TranscriptionService;
}) {
  const transcripts = createTranscriptRepository(deps.db);
  return {
    transcripts: createTranscriptService({
      transcripts,
      layout: deps.layout,
      queue: (videoId, language) => deps.transcription.queueTranscription(videoId, language),
    }),
    captionUploads: createCaptionUploadService({ transcripts, layout: deps.layout }),
  };
}
