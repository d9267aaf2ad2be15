import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MAX_CAPTIONS_BYTES, type Transcript } from '../../contracts/api/transcript.contract.js';
import {
  CaptionFormatError,
  transcriptOf,
  wordCount,
  type CaptionCue,
} from '../../media/captions/caption-cues.js';
import { srtToVtt } from '../../media/captions/srt.js';
import { parseVtt } from '../../media/captions/webvtt.js';
import { writeFileAtomic } from '../../media/fs-atomic.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import { badRequest, notFound, payloadTooLarge } from '../shared/errors.js';
import { toTranscriptResponse } from './transcript.mapper.js';
import type { TranscriptRepository } from './transcript.repository.js';
import { transcriptionLanguage } from './transcript-language.js';
import { captionsFile } from './transcript.service.js';

export const CAPTION_EXTENSIONS = ['.srt', '.vtt'] as const;

export const captionsTooLarge = () =>
  payloadTooLarge(`File too large. Maximum size: ${MAX_CAPTIONS_BYTES / 1048576}MB`);

/** An uploaded caption file as the route received it (at most MAX_CAPTIONS_BYTES). */
export interface CaptionUpload {
  filename: string;
  bytes: Buffer;
  /** Form field `language`; default `en`. */
  language: string | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file as WebVTT with its cues; 400 with the reason when it is not a usable .srt or .vtt file. */
function toWebVtt(upload: CaptionUpload): { vtt: string; cues: CaptionCue[] } {
  const ext = path.extname(upload.filename).toLowerCase();
  if (!(CAPTION_EXTENSIONS as readonly string[]).includes(ext))
    throw badRequest(`Unsupported caption format. Allowed: ${CAPTION_EXTENSIONS.join(', ')}`);
  let text: string;
  try {
    text = utf8.decode(upload.bytes);
  } catch {
    throw badRequest('The caption file is not UTF-8 text');
  }
  if (text.includes('\0')) throw badRequest('The caption file is not UTF-8 text');
  try {
    return ext === '.srt' ? srtToVtt(text) : parseVtt(text);
  } catch (err) {
    if (err instanceof CaptionFormatError) throw badRequest(err.message);
    throw err;
  }
}

/**
 * Caption upload (beyond api-admin.md; PeerTube has it): a .vtt file checked, or a .srt file converted,
 * stored as the video's captions.vtt (atomically), and the video's transcription set to completed with the
 * cues' text, word count and language.
 */
export function createCaptionUploadService(deps: {
  transcripts: TranscriptRepository;
  layout: StorageLayout;
}) {
  return {
    async upload(videoId: number, upload: CaptionUpload): Promise<Transcript> {
      if (upload.bytes.length > MAX_CAPTIONS_BYTES) throw captionsTooLarge();
      const language = transcriptionLanguage(upload.language) ?? 'en';
      const video = await deps.transcripts.videoById(videoId);
      if (!video) throw notFound('Video not found');
      if (video.deleted_at) throw badRequest('Cannot add captions to a deleted video');
      const { vtt, cues } = toWebVtt(upload);
      const current = await deps.transcripts.find(videoId);
      if (current?.status === 'processing') throw badRequest('Transcription already in progress');

      const file = captionsFile(deps.layout, video);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, vtt);
      const text = transcriptOf(cues);
      const stored = await deps.transcripts.storeCaptions(videoId, {
        text,
        wordCount: wordCount(text),
        language,
        vttPath: file,
      });
      // A worker claimed a transcription in between: its result will replace these captions.
      if (!stored) throw badRequest('Transcription already in progress');
      return toTranscriptResponse(video.slug, await deps.transcripts.find(videoId), 'admin');
    },
  };
}

export type CaptionUploadService = ReturnType<typeof createCaptionUploadService>;
