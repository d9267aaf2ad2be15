import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openWithoutSymlinks, safePathParts, type OpenFile } from '../../storage/safe-open.js';
import { payloadTooLarge } from '../shared/errors.js';

/** Image types a watermark may have (api-public.md §4.5, api-admin.md §13), by extension. */
export const WATERMARK_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.gif': 'image/gif',
};

export const contentTypeOf = (file: string): string =>
  WATERMARK_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * The components of a configured `watermark.image` under the storage root, or null when it could name
 * anything outside it: absolute, `..`, a dotfile, a backslash (the reference served any path it was given).
 */
export function watermarkPathParts(configured: string): string[] | null {
  if (configured === '' || path.isAbsolute(configured)) return null;
  return safePathParts(configured);
}

/** Opens the configured image under `root` (no symlinks followed), or null when it is unsafe or absent. */
export async function openWatermark(root: string, configured: string): Promise<OpenFile | null> {
  const parts = watermarkPathParts(configured);
  return parts ? openWithoutSymlinks(root, parts) : null;
}

/** Whether the configured image exists as a regular file under `root`. */
export async function watermarkExists(root: string, configured: string): Promise<boolean> {
  const opened = await openWatermark(root, configured);
  await opened?.handle.close();
  return opened !== null;
}

export function watermarkTooLarge(maxBytes: number) {
  return payloadTooLarge(`File too large. Maximum size: ${Math.round((maxBytes / 1048576) * 10) / 10}MB`);
}

/**
 * Writes `stream` to `target` through a temp file beside it, renamed into place once complete: a reader
 * never sees half an image. Refuses (413) as soon as more than `maxBytes` arrived. Returns the size.
 */
export async function writeWatermark(stream: Readable, target: string, maxBytes: number): Promise<number> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.watermark-upload-${randomBytes(6).toString('hex')}`);
  let bytes = 0;
  const limiter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? watermarkTooLarge(maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(stream, limiter, createWriteStream(temp, { flags: 'wx' }));
    await rename(temp, target);
    return bytes;
  } finally {
    await rm(temp, { force: true });
  }
}
