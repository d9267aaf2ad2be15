import { readdir, rm } from 'node:fs/promises';
import { CAPTIONS_VTT, contained, type StorageLayout } from '../../storage/storage-layout.js';
import type { RetranscodeCleanupRepository } from './retranscode-cleanup.repository.js';
import type { ClaimedJobRow } from './transcoding-job.repository.js';

/**
 * Deferred retranscode cleanup (api-admin.md §5.5, api-worker.md §4.3 step 4). A retranscode
 * request only stores `retranscode_metadata` on a fresh job: the video stays ready and playable.
 * When a worker claims that job, the listed qualities' files and rows are removed, then the worker
 * rebuilds. The job service calls `afterClaim` right after the claim transaction committed, so no
 * file is deleted while the claim holds its row locks.
 *
 * The worker always encodes the whole ladder (and a fresh thumbnail.jpg). For `["all"]` that is
 * exactly the request; for a subset the listed qualities are deleted first (nothing stale is served
 * while they are rebuilt) and the others are re-encoded and replaced too.
 */
export interface RetranscodeMetadata {
  retranscode_all: boolean;
  qualities_to_delete: string[];
  delete_transcription: boolean;
  /** Kept for compatibility with the reference; cleanup derives the directory from the slug. */
  video_dir: string;
}

/** Quality names that may appear in file names: `original` or `<digits>p`. */
const QUALITY_NAME = /^(original|\d{3,4}p)$/;

export function serializeRetranscodeMetadata(m: RetranscodeMetadata): string {
  return JSON.stringify(m);
}

/** Parses stored metadata; null when absent or unusable (unknown names are dropped, never used as paths). */
export function parseRetranscodeMetadata(json: string | null): RetranscodeMetadata | null {
  if (!json) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const names = Array.isArray(r['qualities_to_delete']) ? r['qualities_to_delete'] : [];
  return {
    retranscode_all: r['retranscode_all'] === true,
    qualities_to_delete: [
      ...new Set(names.filter((n): n is string => typeof n === 'string' && QUALITY_NAME.test(n))),
    ],
    delete_transcription: r['delete_transcription'] === true,
    video_dir: typeof r['video_dir'] === 'string' ? r['video_dir'] : '',
  };
}

/**
 * The paths to delete inside `videoDir` (pure: `entries` is the directory listing). Per quality:
 * `{q}.m3u8`, `{q}_NNNN.ts` (HLS/TS) and the `{q}/` directory (CMAF); with `all` also the master
 * playlist (first, so no player reads a master naming missing files), the DASH manifest and the
 * thumbnail; with `delete_transcription` the captions.
 */
export function retranscodeCleanupPaths(
  videoDir: string,
  m: RetranscodeMetadata,
  entries: readonly string[],
): string[] {
  const names: string[] = [];
  if (m.retranscode_all) names.push('master.m3u8', 'manifest.mpd');
  for (const q of m.qualities_to_delete) {
    const segment = new RegExp(`^${q}_\\d+\\.ts$`);
    names.push(`${q}.m3u8`, ...entries.filter((e) => segment.test(e)).sort(), q);
  }
  if (m.retranscode_all) names.push('thumbnail.jpg');
  if (m.delete_transcription) names.push(CAPTIONS_VTT);
  return names.filter((n) => entries.includes(n)).map((n) => contained(videoDir, n));
}

export function createRetranscodeCleanup(deps: {
  repository: RetranscodeCleanupRepository;
  layout: StorageLayout;
  /** Cleanup failures are reported here; the claim itself still succeeds. */
  onError?: (err: unknown, context: { jobId: number; videoId: number }) => void;
}) {
  return {
    /** Runs after a claim; does nothing for an ordinary (non-retranscode) job. */
    async afterClaim(claimed: ClaimedJobRow): Promise<void> {
      const metadata = parseRetranscodeMetadata(claimed.job.retranscode_metadata);
      if (!metadata) return;
      try {
        const videoDir = deps.layout.videoDir(claimed.slug);
        const entries = await readdir(videoDir).catch(() => [] as string[]);
        for (const p of retranscodeCleanupPaths(videoDir, metadata, entries)) {
          await rm(p, { recursive: true, force: true });
        }
        await deps.repository.finish({
          jobId: claimed.job.id,
          videoId: claimed.videoId,
          all: metadata.retranscode_all,
          qualities: metadata.qualities_to_delete,
          deleteTranscription: metadata.delete_transcription,
        });
      } catch (err) {
        // The metadata stays on the job: a later claim of it retries the cleanup.
        deps.onError?.(err, { jobId: claimed.job.id, videoId: claimed.videoId });
      }
    },
  };
}

export type RetranscodeCleanup = ReturnType<typeof createRetranscodeCleanup>;
