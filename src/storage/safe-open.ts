import { constants, type Stats } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** An opened regular file and its stat (taken on the open handle, so both describe the same file). */
export interface OpenFile {
  handle: FileHandle;
  stat: Stats;
}

const MAX_PARTS = 16;
const MAX_PART_LENGTH = 255;

/**
 * The components of a relative URL path under a storage root, or null when one of them could name
 * something else than a plain child: empty (`a//b`), `.`/`..`, a dotfile, a backslash or NUL. The
 * check is on components, so an encoded separator (`..%2f`) decoded by the router is refused too.
 */
export function safePathParts(relative: string): string[] | null {
  const parts = relative.split('/');
  if (parts.length > MAX_PARTS) return null;
  for (const part of parts) {
    if (part === '' || part.length > MAX_PART_LENGTH || part.startsWith('.')) return null;
    if (part.includes('\\') || part.includes('\0')) return null;
  }
  return parts;
}

/** Errors that mean "there is no such regular file here" (a symlink under O_NOFOLLOW gives ELOOP). */
const ABSENT = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EISDIR', 'EACCES', 'EPERM', 'ENAMETOOLONG']);

const absentAsNull = (err: unknown): Promise<null> =>
  ABSENT.has((err as NodeJS.ErrnoException).code ?? '') ? Promise.resolve(null) : Promise.reject(err);

/** 0 where the platform lacks it (Windows): an lstat before the open refuses a link there instead. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
/** So a FIFO left in the tree fails the regular-file check instead of blocking the open. */
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Opens `root/parts…` read-only without following a symlink anywhere below `root` (the root itself may
 * be one: that is the operator's choice). Every directory component is lstat'ed and the file is opened
 * with O_NOFOLLOW, then checked on the handle. Resolves null when the file is absent, a symlink, or not
 * a regular file; rethrows other I/O errors (EIO, EMFILE…) for the caller to report as unavailable.
 * A directory swapped for a symlink between its lstat and the open is not caught: that needs write
 * access to the storage, which is outside what this guards against (links left in the tree).
 */
export async function openWithoutSymlinks(root: string, parts: string[]): Promise<OpenFile | null> {
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    if (!(await lstat(dir).catch(absentAsNull))?.isDirectory()) return null;
  }
  const file = path.join(dir, parts.at(-1) ?? '');
  if (!NOFOLLOW && !(await lstat(file).catch(absentAsNull))?.isFile()) return null;
  return openRegular(file, NOFOLLOW);
}

/** Opens a file (following links: the caller chose the path) if it is a regular file, else null. */
export function openRegularFile(file: string): Promise<OpenFile | null> {
  return openRegular(file, 0);
}

async function openRegular(file: string, extraFlags: number): Promise<OpenFile | null> {
  const handle = await open(file, constants.O_RDONLY | NONBLOCK | extraFlags).catch(absentAsNull);
  if (!handle) return null;
  const stat = await handle.stat().catch(async (err: unknown) => {
    await handle.close();
    throw err;
  });
  if (stat.isFile()) return { handle, stat };
  await handle.close();
  return null;
}
