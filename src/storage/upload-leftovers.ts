import { readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { findUpload } from './file-moves.js';
import { contained, HEALTH_PROBE_PREFIX, INCOMING_PREFIX, type StorageLayout } from './storage-layout.js';

/**
 * What a re-upload moves aside while it swaps the new source in (video-lifecycle.service.ts), named by
 * StorageLayout.replacedUploadFile / replacedVideoDir: `.{id}.replaced-{tag}{ext}` in the uploads dir and
 * `.{slug}.replaced-{tag}` in the videos dir, deleted once the swap committed.
 */
const REPLACED = /^\.(.+)\.replaced-([0-9a-f]+)(\.[a-z0-9]+)?$/;

export interface LeftoverReport {
  removed: string[];
  restored: string[];
}

/**
 * Start-up cleanup of what an upload or re-upload interrupted by a crash leaves behind (issue 10,
 * point 5): partial `.incoming-*` files are removed. A `.replaced-*` file or directory is removed when
 * its replacement is in place; when it is not (the crash came before the swap), it is the only copy and
 * goes back under its name.
 *
 * Runs before the server listens, so no request of this process owns any of these files. Files younger
 * than `minAgeMs` are left alone: another server sharing the storage may be writing them.
 */
export async function cleanUpInterruptedUploads(
  layout: StorageLayout,
  options: { minAgeMs: number },
): Promise<LeftoverReport> {
  const report: LeftoverReport = { removed: [], restored: [] };
  const { uploadsDir, videosDir } = layout.dirs;
  const cutoff = Date.now() - options.minAgeMs;
  const oldEnough = async (p: string) => ((await stat(p).catch(() => null))?.mtimeMs ?? Infinity) <= cutoff;
  const restoredTags = new Set<string>();

  for (const name of await entries(uploadsDir)) {
    const file = contained(uploadsDir, name);
    if (!(await oldEnough(file))) continue;
    const replaced = REPLACED.exec(name);
    if (name.startsWith(INCOMING_PREFIX) || name.startsWith(HEALTH_PROBE_PREFIX)) {
      await remove(file, report);
    } else if (replaced && /^\d+$/.test(replaced[1] ?? '')) {
      const [, id, tag, ext = ''] = replaced;
      if (await findUpload(layout, Number(id))) await remove(file, report);
      else {
        await putBack(file, layout.uploadFile(Number(id), ext), report);
        restoredTags.add(tag ?? '');
      }
    }
  }
  for (const name of await entries(videosDir)) {
    const replaced = REPLACED.exec(name);
    const dir = contained(videosDir, name);
    if (!replaced || replaced[3] || !(await oldEnough(dir))) continue;
    const [, slug = '', tag = ''] = replaced;
    const original = layout.videoDir(slug);
    // The swap did not happen for this re-upload (its source went back): the outputs go back too,
    // over the empty directory the re-upload had created.
    if (restoredTags.has(tag)) await rm(original, { recursive: true, force: true });
    if (await exists(original)) await remove(dir, report);
    else await putBack(dir, original, report);
  }
  return report;
}

async function entries(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => []);
}

async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null)) !== null;
}

async function remove(p: string, report: LeftoverReport): Promise<void> {
  await rm(p, { recursive: true, force: true });
  report.removed.push(path.basename(p));
}

async function putBack(from: string, to: string, report: LeftoverReport): Promise<void> {
  await rename(from, to);
  report.restored.push(path.basename(to));
}
