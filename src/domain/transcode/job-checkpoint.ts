import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CMAF_INIT_FILENAME, renditionLayout } from '../../media/hls-layout.js';
import { isQualityName, type StreamingFormat } from '../../media/ladder.js';
import { contiguousPrefix, readEncodeParameters, type EncodeParameters } from '../../media/live-playlist.js';
import { parseMediaPlaylist } from '../../media/output-validation.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import type { TranscodingJobRepository } from './transcoding-job.repository.js';
import type { SourceInfo, VideoSourceRepository } from './video-source.repository.js';

/**
 * A job's checkpoint: what its earlier attempts published, so a new attempt (after a crash, a lease
 * expiry, a release or a retryable failure) resumes after it instead of starting over. The published
 * files are the truth; the job's quality_progress rows say which of them this job wrote:
 * - no rows: the job never reached the transcode step, so nothing on disk is its own (a retranscode's
 *   older renditions, say) and the attempt starts from scratch;
 * - an EVENT playlist (no #EXT-X-ENDLIST) is always a live, unfinished one of this job;
 * - a VOD playlist counts only when the row already records all its segments (the worker reports the
 *   final counts before it finalizes), otherwise it belongs to an earlier job.
 * Kept segments must be numbered 0, 1, 2 … and exist, non-empty; the count stops at the first gap.
 */
export interface JobCheckpoint {
  /** How the kept segments were encoded (from their playlists); null when none are kept. */
  encode: EncodeParameters | null;
  source: SourceInfo | null;
  thumbnail: boolean;
  renditions: Record<string, { segments: number; durations: number[] }>;
}

export const NO_CHECKPOINT: JobCheckpoint = Object.freeze({
  encode: null,
  source: null,
  thumbnail: false,
  renditions: Object.freeze({}) as JobCheckpoint['renditions'],
});

async function nonEmpty(file: string): Promise<boolean> {
  try {
    return (await stat(file)).size > 0;
  } catch {
    return false;
  }
}

interface PublishedRendition {
  ended: boolean;
  encode: EncodeParameters | null;
  durations: number[];
}

/** The rendition's published playlist and how many of its segments are really there. */
async function readPublished(
  videoDir: string,
  format: StreamingFormat,
  name: string,
): Promise<PublishedRendition | null> {
  const layout = renditionLayout(format, name);
  const playlistPath = path.join(videoDir, layout.playlist);
  const text = await readFile(playlistPath, 'utf8').catch(() => null);
  if (text === null) return null;
  const parsed = parseMediaPlaylist(text);
  const base = path.dirname(playlistPath);
  const kept = contiguousPrefix(parsed.segments);
  const initOk = layout.initFile === null || (await nonEmpty(path.join(base, CMAF_INIT_FILENAME)));
  const durations: number[] = [];
  for (const s of initOk ? kept : []) {
    if (!(await nonEmpty(path.join(base, s.uri)))) break;
    durations.push(s.duration);
  }
  return { ended: parsed.hasEndList, encode: readEncodeParameters(text), durations };
}

export function createCheckpointReader(deps: {
  jobs: TranscodingJobRepository;
  sources: VideoSourceRepository;
  layout: StorageLayout;
}) {
  return async function readCheckpoint(job: {
    jobId: number;
    videoId: number;
    slug: string;
    format: StreamingFormat;
  }): Promise<JobCheckpoint> {
    const rows = await deps.jobs.qualityProgress([job.jobId]);
    if (rows.length === 0) return NO_CHECKPOINT;
    const videoDir = deps.layout.videoDir(job.slug);
    const renditions: JobCheckpoint['renditions'] = {};
    let encode: EncodeParameters | null = null;
    for (const row of rows) {
      if (!isQualityName(row.quality)) continue;
      const published = await readPublished(videoDir, job.format, row.quality);
      const count = published?.durations.length ?? 0;
      if (!published?.encode || count === 0) continue;
      if (encode && published.encode.segmentDuration !== encode.segmentDuration) continue;
      if (published.ended && (row.segments_completed ?? 0) < count) continue;
      renditions[row.quality] = { segments: count, durations: published.durations };
      encode ??= published.encode;
    }
    return {
      encode,
      source: await deps.sources.sourceInfo(job.videoId),
      thumbnail: await nonEmpty(path.join(videoDir, 'thumbnail.jpg')),
      renditions,
    };
  };
}

export type CheckpointReader = ReturnType<typeof createCheckpointReader>;
