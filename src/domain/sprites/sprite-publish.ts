import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../media/fs-atomic.js';
import { exists, moveDir } from '../../storage/file-moves.js';
import type { SpriteJob } from '../../contracts/sprite-job.js';
import { SPRITES_DIR, SPRITES_VTT, type StorageLayout } from '../../storage/storage-layout.js';

/**
 * Makes `sheetsDir` live as videos/{slug}/sprites/ and writes videos/{slug}/sprites.vtt: the new sheets
 * are staged beside the live ones, then swapped in by rename, so a page never sees half a set.
 */
export async function publishSpriteSheets(
  layout: StorageLayout,
  job: SpriteJob,
  sheetsDir: string,
  vtt: string,
): Promise<void> {
  const videoDir = layout.videoDir(job.slug);
  if (!(await exists(videoDir))) throw new Error('The video directory is missing');
  // Dot names: never served (dotfiles are denied) and never taken for a rendition.
  const staging = path.join(videoDir, `.sprites-new-${job.jobId}`);
  const backup = path.join(videoDir, `.sprites-old-${job.jobId}`);
  const live = path.join(videoDir, SPRITES_DIR);
  await moveDir(sheetsDir, staging);
  await rm(backup, { recursive: true, force: true });
  const hadLive = await exists(live);
  if (hadLive) await rename(live, backup);
  try {
    await rename(staging, live);
  } catch (err) {
    if (hadLive) await rename(backup, live).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  await writeFileAtomic(path.join(videoDir, SPRITES_VTT), vtt);
  await rm(backup, { recursive: true, force: true });
}
