import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { renditionLayout, isRenditionFile } from '../../media/hls-layout.js';
import type { StreamingFormat } from '../../media/ladder.js';
import { DASH_MANIFEST, MASTER_PLAYLIST } from '../../media/manifests.js';
import { isMediaError } from '../../media/media-error.js';
import { parseMediaPlaylist, validateMediaPlaylist } from '../../media/output-validation.js';
import { isPublishablePath } from '../transcode/output-files.js';
import { badRequest } from '../shared/errors.js';

/** Top-level files a re-encode uploads beside the renditions. */
const TOP_LEVEL = new Set([MASTER_PLAYLIST, DASH_MANIFEST, 'thumbnail.jpg']);

/** Whether a remote worker may upload `relativePath` for a re-encode into `format`. */
export function isReencodeUpload(format: StreamingFormat, relativePath: string): boolean {
  return (
    isPublishablePath(relativePath) && (TOP_LEVEL.has(relativePath) || isRenditionFile(format, relativePath))
  );
}

/**
 * Checks a remote worker's uploaded output before it is published: the master playlist is there, and
 * every reported rendition has a finished playlist whose init and segments were uploaded (and are the
 * layout's own names, so a playlist cannot point a player at another video's files).
 */
export async function checkReencodeUploads(
  dir: string,
  format: StreamingFormat,
  qualities: ReadonlyArray<{ name: string }>,
): Promise<void> {
  const master = await stat(path.join(dir, MASTER_PLAYLIST)).catch(() => null);
  if (!master?.isFile()) throw badRequest(`${MASTER_PLAYLIST} was not uploaded`);
  for (const { name } of qualities) {
    const layout = renditionLayout(format, name);
    const playlist = path.join(dir, layout.playlist);
    const text = await readFile(playlist, 'utf8').catch(() => null);
    if (text === null) throw badRequest(`${layout.playlist} was not uploaded`);
    const parsed = parseMediaPlaylist(text);
    const uris = parsed.segments.map((s) => s.uri);
    if (parsed.initUri !== null) uris.push(parsed.initUri);
    const foreign = uris.find((uri) => !layout.segmentFile.test(uri) && uri !== layout.initFile);
    if (foreign !== undefined)
      throw badRequest(`${layout.playlist} lists a file outside its rendition: ${foreign.slice(0, 100)}`);
    try {
      await validateMediaPlaylist(playlist, { label: name });
    } catch (err) {
      if (isMediaError(err)) throw badRequest(err.message);
      throw err;
    }
  }
}
