import type { FastifyInstance } from 'fastify';
import { IdParam, StatusMessage } from '../../../contracts/api/common.contract.js';
import * as wire from '../../../contracts/api/transcript.contract.js';
import {
  captionsTooLarge,
  type CaptionUploadService,
} from '../../../domain/transcripts/caption-upload.service.js';
import type { TranscriptService } from '../../../domain/transcripts/transcript.service.js';
import { adminRouter, byId } from '../../schemas/route-schema.js';
import { receiveSmallFile } from './file-upload.js';

/** A video's transcript (api-admin.md §5.8) and caption upload (beyond the spec; PeerTube has it). */
export function adminTranscriptRoutes(transcripts: TranscriptService, captions: CaptionUploadService) {
  return async (fastify: FastifyInstance) => {
    const { app, schema } = adminRouter(fastify, ['transcripts']);

    app.get(
      '/api/videos/:id/transcript',
      {
        schema: schema({
          summary: 'The video\'s transcript, or {"status":"none"}',
          ...byId,
          ok: wire.Transcript,
        }),
      },
      (req) => transcripts.get(req.params.id),
    );

    app.post(
      '/api/videos/:id/transcribe',
      {
        // The body is optional (api-admin.md §5.8): none is an empty object.
        preValidation: async (req) => {
          req.body ??= {};
        },
        schema: schema({
          summary: 'Queue a transcription (or queue it again)',
          description:
            'The video must be ready. `language`: ISO-639-1 code of a language Whisper transcribes (any case); ' +
            'absent: detected. 400 `Transcription already in progress` while one runs.',
          ...byId,
          body: wire.TranscribeBody,
          ok: StatusMessage,
        }),
      },
      (req) => transcripts.transcribe(req.params.id, req.body?.language),
    );

    app.put(
      '/api/videos/:id/transcript',
      {
        schema: schema({
          summary: 'Replace the transcript text (the captions file is not regenerated)',
          description:
            'Updates `text` and `word_count` only: captions.vtt keeps its cues, so captions and text may ' +
            'differ afterwards. Upload captions (PUT /api/videos/{id}/captions) to change the captions.',
          ...byId,
          body: wire.TranscriptTextBody,
          ok: wire.TranscriptUpdated,
        }),
      },
      (req) => transcripts.updateText(req.params.id, req.body.text),
    );

    app.delete(
      '/api/videos/:id/transcript',
      {
        schema: schema({
          summary: 'Delete the transcript and its captions file (also removes uploaded captions)',
          ...byId,
          ok: StatusMessage,
        }),
      },
      (req) => transcripts.remove(req.params.id),
    );

    app.put(
      '/api/videos/:id/captions',
      {
        config: { rateLimit: 'adminUpload' },
        schema: schema({
          summary: 'Upload captions (multipart: file .vtt or .srt ≤ 2 MB; language, default en)',
          description:
            'SRT is converted to WebVTT; WebVTT must start with `WEBVTT` and hold a well-formed cue. Stored as ' +
            "the video's captions.vtt; the transcription becomes completed with the cues' text. " +
            'Remove with DELETE /api/videos/{id}/transcript.',
          consumes: ['multipart/form-data'],
          params: IdParam,
          ok: wire.Transcript,
          fails: [404, 413],
        }),
      },
      async (req) => {
        const file = await receiveSmallFile(req, {
          maxBytes: wire.MAX_CAPTIONS_BYTES,
          tooLarge: captionsTooLarge,
          missing: 'A caption file is required (multipart field "file")',
        });
        return captions.upload(req.params.id, { ...file, language: file.fields.language });
      },
    );
  };
}
