import { readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { OriginalVariant } from '../../media/original-remux.js';
import { exists, linkOrCopy, moveDir } from '../../storage/file-moves.js';
import type { StorageLayout } from '../../storage/storage-layout.js';
import { conflict } from '../shared/errors.js';
import type { KeptFiles, ReencodeJob, ReencodeResult } from '../../contracts/reencode-job.js';

/** Files the encode does not produce but the video keeps: thumbnail, captions, sprites, original remux. */
const CARRIED = /^(thumbnail\.jpg|captions\.vtt|sprites\.vtt|sprites|original\.m3u8|original_\d+\.ts)$/;
const THUMBNAIL = 'thumbnail.jpg';

/** Spec §8.2 fallback when the old master did not declare the original's codecs. */
const FALLBACK_ORIGINAL_CODECS = 'avc1.640028,mp4a.40.2';

/** Parses the `#EXT-X-STREAM-INF` entry of `uri` in a master playlist. */
export function masterEntry(master: string, uri: string): OriginalVariant | null {
  const lines = master.split(/\r?\n/).map((l) => l.trim());
  const i = lines.indexOf(uri);
  const inf = i > 0 ? lines[i - 1] : undefined;
  if (!inf?.startsWith('#EXT-X-STREAM-INF:')) return null;
  const bandwidth = /BANDWIDTH=(\d+)/.exec(inf)?.[1];
  const resolution = /RESOLUTION=(\d+)x(\d+)/.exec(inf);
  if (!bandwidth || !resolution) return null;
  return {
    width: Number(resolution[1]),
    height: Number(resolution[2]),
    bandwidthBps: Number(bandwidth),
    codecs: /CODECS="([^"]+)"/.exec(inf)?.[1] ?? FALLBACK_ORIGINAL_CODECS,
  };
}

/**
 * The server's end of a re-encode, behind the worker API's re-encode routes: what the live
 * directory keeps, and one all-or-nothing publish — carry the kept files into the new directory, swap it
 * in for videos/{slug}/ (old → backup, new → live, all renames on one filesystem), record completion; a
 * failed completion puts the old directory back. The video stays playable throughout.
 */
export function createReencodePublisher(deps: {
  layout: StorageLayout;
  /**
   * Records the new renditions and format (ReencodeJobService.complete), running `publish` inside its
   * fenced transaction; throws (without running it) when the job or the video is gone.
   */
  complete: (job: ReencodeJob, result: ReencodeResult, publish: () => Promise<void>) => Promise<void>;
}) {
  const { layout } = deps;
  // Dot names beside the videos: never served, never taken for a video.
  const staging = (job: ReencodeJob) => layout.videoDir(`.${job.slug}.reencode-new-${job.jobId}`);
  const backup = (job: ReencodeJob) => layout.videoDir(`.${job.slug}.reencode-old-${job.jobId}`);

  /** Undoes what a publish interrupted by a crash may have left half done. */
  async function recover(job: ReencodeJob): Promise<void> {
    const live = layout.videoDir(job.slug);
    if (!(await exists(live)) && (await exists(backup(job)))) await rename(backup(job), live);
    await rm(staging(job), { recursive: true, force: true });
    await rm(backup(job), { recursive: true, force: true });
  }

  async function kept(job: ReencodeJob): Promise<KeptFiles> {
    const live = layout.videoDir(job.slug);
    const names = await readdir(live).catch(() => [] as string[]);
    const master = names.includes('original.m3u8')
      ? await readFile(path.join(live, 'master.m3u8'), 'utf8').catch(() => '')
      : '';
    return { original: masterEntry(master, 'original.m3u8'), thumbnail: names.includes(THUMBNAIL) };
  }

  /** Links (or copies) the kept files of the live directory into `dir`. */
  async function carryOver(job: ReencodeJob, dir: string, keepOriginal: boolean): Promise<void> {
    const live = layout.videoDir(job.slug);
    if (keepOriginal && !(await kept(job)).original)
      throw conflict('The original rendition is no longer listed in the live master playlist');
    for (const name of await readdir(live)) {
      if (!CARRIED.test(name) || (!keepOriginal && name.startsWith('original'))) continue;
      await linkOrCopy(path.join(live, name), path.join(dir, name));
    }
  }

  /** Replaces videos/{slug}/ with the staged directory; returns the rollback. */
  async function swapIn(job: ReencodeJob): Promise<() => Promise<void>> {
    const live = layout.videoDir(job.slug);
    await rename(live, backup(job));
    try {
      await rename(staging(job), live);
    } catch (err) {
      await rename(backup(job), live);
      throw err;
    }
    return async () => {
      await rename(live, staging(job));
      await rename(backup(job), live);
      await rm(staging(job), { recursive: true, force: true });
    };
  }

  return {
    recover,
    kept,

    /**
     * Makes `outputDir` (the new renditions and manifests) the video's directory and completes the job,
     * all inside the completion's transaction (deps.complete), which holds the video row: a delete either
     * comes before (then nothing is swapped in: 409) or waits until the swap is done and archives it.
     */
    async publish(job: ReencodeJob, outputDir: string, result: ReencodeResult): Promise<void> {
      const swapped: { rollback?: () => Promise<void> } = {};
      try {
        await deps.complete(job, result, async () => {
          await recover(job);
          if (!(await exists(layout.videoDir(job.slug))))
            throw conflict('The video directory is missing (was the video deleted?)');
          await moveDir(outputDir, staging(job)); // same filesystem as live from here on
          try {
            await carryOver(job, staging(job), result.keepOriginal);
          } catch (err) {
            await rm(staging(job), { recursive: true, force: true });
            throw err;
          }
          swapped.rollback = await swapIn(job);
        });
      } catch (err) {
        // The transaction failed after the swap: the old directory goes back.
        await swapped.rollback?.();
        throw err;
      }
      await rm(backup(job), { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

export type ReencodePublisher = ReturnType<typeof createReencodePublisher>;
