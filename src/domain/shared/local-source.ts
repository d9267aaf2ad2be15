import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { flattenPlaylist } from '../../media/flatten-playlist.js';
import { QUALITY_NAMES } from '../../media/ladder.js';
import { exists, findUpload } from '../../storage/file-moves.js';
import type { StorageLayout } from '../../storage/storage-layout.js';

/**
 * A local video's best source: the upload (uploads/{id}.*), else the original remux, else the highest
 * rendition playlist in either layout (CMAF {q}/stream.m3u8 or HLS/TS {q}.m3u8).
 */
export async function findLocalSource(
  layout: StorageLayout,
  video: { videoId: number; slug: string },
): Promise<string | null> {
  const upload = await findUpload(layout, video.videoId);
  if (upload && (await stat(upload)).size > 0) return upload;
  const dir = layout.videoDir(video.slug);
  const candidates = [
    'original.m3u8',
    ...QUALITY_NAMES.flatMap((q) => [path.join(q, 'stream.m3u8'), `${q}.m3u8`]),
  ];
  for (const c of candidates) if (await exists(path.join(dir, c))) return path.join(dir, c);
  return null;
}

/** Why a worker gets no source: neither the upload nor any rendition is left. */
export const NO_SOURCE = 'No source found (neither the upload nor a rendition)';

/**
 * The source as one file a worker can download (with Range): the upload itself, or the best rendition
 * flattened into `flatFile` (made once; the caller removes it when the job ends). Null: no source at all.
 */
export async function transferableSource(
  layout: StorageLayout,
  video: { videoId: number; slug: string },
  flatFile: string,
): Promise<string | null> {
  const source = await findLocalSource(layout, video);
  if (!source || !source.endsWith('.m3u8')) return source;
  if (!(await exists(flatFile))) {
    await mkdir(path.dirname(flatFile), { recursive: true });
    await flattenPlaylist(source, flatFile);
  }
  return flatFile;
}
