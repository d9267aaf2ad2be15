import { access, copyFile, cp, link, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { VIDEO_EXTENSIONS, type StorageLayout } from './storage-layout.js';

export async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch {
    return false;
  }
}

/** The source upload of a video, if any (first allowed extension present). */
export async function findUpload(
  layout: StorageLayout,
  videoId: number,
  archived = false,
): Promise<string | null> {
  for (const ext of VIDEO_EXTENSIONS) {
    const p = archived ? layout.archivedUploadFile(videoId, ext) : layout.uploadFile(videoId, ext);
    if (await exists(p)) return p;
  }
  return null;
}

export interface Move {
  from: string;
  to: string;
}

/** Runs moves in order; if one fails, moves back what was moved and rethrows. */
export async function moveAllOrNothing(moves: Move[]): Promise<void> {
  const done: Move[] = [];
  try {
    for (const m of moves) {
      if (!(await exists(m.from))) continue;
      await mkdir(path.dirname(m.to), { recursive: true });
      await rm(m.to, { recursive: true, force: true });
      await rename(m.from, m.to);
      done.push(m);
    }
  } catch (err) {
    for (const m of done.reverse()) await rename(m.to, m.from).catch(() => undefined);
    throw err;
  }
}

export async function removeIfExists(p: string): Promise<void> {
  await rm(p, { recursive: true, force: true });
}

export async function listDir(p: string): Promise<string[]> {
  try {
    return await readdir(p);
  } catch {
    return [];
  }
}

/** Renames a directory, copying when it has to cross filesystems (scratch dir → storage). */
export async function moveDir(from: string, to: string): Promise<void> {
  await rm(to, { recursive: true, force: true });
  try {
    await rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

/**
 * Copies a file or a directory tree by hard links where the filesystem allows (instant, no extra space
 * for large files such as the original remux), else by copying. For files that are replaced, not edited.
 */
export async function linkOrCopy(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { withFileTypes: true }).catch(() => null);
  if (entries) {
    await mkdir(to, { recursive: true });
    for (const e of entries) await linkOrCopy(path.join(from, e.name), path.join(to, e.name));
    return;
  }
  await rm(to, { force: true });
  await link(from, to).catch(() => copyFile(from, to));
}
