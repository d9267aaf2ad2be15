import type { ChapterSource } from '../../contracts/api/chapter.contract.js';
import type { EmbeddedChapter } from '../../media/chapter-probe.js';
import { isMediaError } from '../../media/media-error.js';
import { badRequest, timedOut } from '../shared/errors.js';
import type { ChapterRepository } from './chapter.repository.js';
import { chaptersFromTranscript } from './transcript-chapters.js';

/** What one detection found, before the length filter, and the source it came from. */
export interface Detected {
  found: EmbeddedChapter[];
  sourceUsed: 'metadata' | 'transcription';
}

/**
 * Chapter detection from the source's embedded chapters and from a completed transcript (pipeline.md §15),
 * bounded by one deadline: past it the ffprobe run is killed and the request answers 504.
 */
export function createChapterDetector(deps: {
  chapters: ChapterRepository;
  findSource: (videoId: number) => Promise<string | null>;
  readEmbedded: (file: string, signal: AbortSignal) => Promise<EmbeddedChapter[]>;
  timeoutMs: number;
}) {
  /** `required`: a missing source is an error (else, for `both`, simply nothing found). */
  async function fromMetadata(videoId: number, signal: AbortSignal, required: boolean) {
    const file = await deps.findSource(videoId);
    if (!file && !required) return [];
    if (!file)
      throw badRequest(
        'The source file of this video is no longer available, so its metadata cannot be read',
      );
    try {
      return await deps.readEmbedded(file, signal);
    } catch (err) {
      if (signal.aborted) throw err;
      if (isMediaError(err)) throw badRequest(`Could not read chapters from the source file: ${err.message}`);
      throw err;
    }
  }

  async function fromTranscript(videoId: number, minLength: number, required: boolean) {
    const transcript = await deps.chapters.completedTranscript(videoId);
    if (!transcript && !required) return [];
    if (!transcript) throw badRequest('Video has no completed transcription to detect chapters from');
    return chaptersFromTranscript(transcript.text, transcript.duration, minLength);
  }

  async function run(
    videoId: number,
    source: ChapterSource,
    minLength: number,
    signal: AbortSignal,
  ): Promise<Detected> {
    if (source !== 'transcription') {
      const found = await fromMetadata(videoId, signal, source === 'metadata');
      if (found.length > 0 || source === 'metadata') return { found, sourceUsed: 'metadata' as const };
    }
    const found = await fromTranscript(videoId, minLength, source === 'transcription');
    return { found, sourceUsed: 'transcription' as const };
  }

  return {
    /** Throws 400 `No chapters detected from <source>…` when nothing is found, 504 past the deadline. */
    async detect(videoId: number, source: ChapterSource, minLength: number): Promise<Detected> {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(timedOut(`Chapter detection took longer than ${deps.timeoutMs / 1000} s and was stopped`));
        }, deps.timeoutMs);
      });
      try {
        const detected = await Promise.race([run(videoId, source, minLength, controller.signal), deadline]);
        if (detected.found.length === 0)
          throw badRequest(
            `No chapters detected from ${source === 'both' ? 'metadata or transcription' : source}. ` +
              'Add chapters manually, or try a shorter minimum chapter length.',
          );
        return detected;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
