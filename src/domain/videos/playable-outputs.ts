import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { MASTER_PLAYLIST } from '../../media/manifests.js';
import { validateMediaPlaylist } from '../../media/output-validation.js';
import { contained } from '../../storage/storage-layout.js';

/** The variant playlists a master lists (its URI lines), or null when it is not a playlist. */
function variants(master: string): string[] | null {
  const lines = master.split(/\r?\n/).map((l) => l.trim());
  if (lines[0] !== '#EXTM3U') return null;
  return lines.filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * Whether `dir` holds a finished, playable video: a master playlist listing at least one variant, and
 * every variant a finished (#EXT-X-ENDLIST) playlist whose segments (and init segment) are all there. A
 * transcode stopped half way leaves EVENT playlists, a missing master or missing segments: not playable.
 */
export async function isPlayableVideoDir(dir: string): Promise<boolean> {
  const master = await readFile(path.join(dir, MASTER_PLAYLIST), 'utf8').catch(() => null);
  const uris = master === null ? null : variants(master);
  if (!uris || uris.length === 0) return false;
  try {
    for (const uri of uris) await validateMediaPlaylist(contained(dir, uri));
    return true;
  } catch {
    return false; // a variant outside the directory, unfinished, or with missing segments
  }
}
