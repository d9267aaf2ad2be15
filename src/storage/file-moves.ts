import { access, copyFile, cp, link, mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises';
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

/** A move refused because something is already at its destination (nothing was overwritten). */
export class DestinationExistsError extends Error {
  constructor(readonly destination: string) {
    super(`Destination already exists: ${destination}`);
  }
}

/**
 * Makes room for a move into `to` without destroying anything: an empty directory there is removed,
 * anything else refuses the move (a rename would fail on a non-empty directory, or replace a file).
 */
async function clearEmptyDestination(to: string): Promise<void> {
  const entries = await readdir(to).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    if (err.code === 'ENOTDIR') throw new DestinationExistsError(to);
    throw err;
  });
  if (entries === null) return;
  if (entries.length > 0) throw new DestinationExistsError(to);
  await rmdir(to);
}

/**
 * Runs moves in order (a missing source is skipped) and returns those made; if one fails, moves back what
 * was moved and rethrows. A destination that holds anything refuses the whole set with
 * DestinationExistsError: what is there is never deleted.
 */
export async function moveAllOrNothing(moves: Move[]): Promise<Move[]> {
  const done: Move[] = [];
  try {
    for (const m of moves) {
      if (!(await exists(m.from))) continue;
      await mkdir(path.dirname(m.to), { recursive: true });
      await clearEmptyDestination(m.to);
      await rename(m.from, m.to);
      done.push(m);
    }
    return done;
  } catch (err) {
    await moveBack(done);
    throw err;
  }
}

/** Undoes moves that were made (last first), as far as possible. */
export async function moveBack(done: readonly Move[]): Promise<void> {
  for (const m of [...done].reverse()) await rename(m.to, m.from).catch(() => undefined);
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
