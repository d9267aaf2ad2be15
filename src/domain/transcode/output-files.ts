import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { contained, type StorageLayout } from '../../storage/storage-layout.js';

/** Temp files are staged here, beside (not inside) the video directories: same filesystem, never served. */
const STAGING_DIR = '.publishing';
/** One name or "dir/name" (a rendition directory); no dotfiles, no "..". */
const PUBLISHABLE = /^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*\/)?[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

export function isPublishablePath(relativePath: string): boolean {
  return PUBLISHABLE.test(relativePath);
}

/**
 * Puts a worker's finished files in place under videos/{slug}/, each atomically: the data is staged in
 * `<videos>/.publishing/<owner>/` and renamed over the target, so videos/{slug}/ never holds a partial file
 * and a reader gets the old file or the new one. `owner` (a worker id) keeps each worker's leftovers apart:
 * they are cleared on its first put. The worker API's uploads fill the temp file from the request body; a
 * local worker's same-host hand-over fills it with a hard link.
 */
export function createOutputFiles(layout: StorageLayout, owner: string) {
  const staging = path.join(layout.dirs.videosDir, STAGING_DIR, owner);
  let cleared: Promise<void> | null = null;

  return {
    /**
     * `fill` writes the temp file; `fence` runs the final mkdir + rename and may refuse it (the job's
     * lease is checked there, under the same lock a delete takes, so nothing lands after a delete).
     */
    async put(
      slug: string,
      relativePath: string,
      fill: (temp: string) => Promise<void>,
      fence: (publish: () => Promise<void>) => Promise<void> = (publish) => publish(),
    ): Promise<void> {
      if (!isPublishablePath(relativePath)) throw new Error(`Refusing to publish ${relativePath}`);
      const target = contained(layout.videoDir(slug), relativePath);
      cleared ??= rm(staging, { recursive: true, force: true });
      await cleared;
      await mkdir(staging, { recursive: true });
      const temp = path.join(staging, `${randomBytes(8).toString('hex')}.tmp`);
      try {
        await fill(temp);
        await fence(async () => {
          await mkdir(path.dirname(target), { recursive: true });
          await rename(temp, target);
        });
      } catch (err) {
        await rm(temp, { force: true });
        throw err;
      }
    },
  };
}

export type OutputFiles = ReturnType<typeof createOutputFiles>;
