import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The published fMP4 segments of one rendition of a server's video: name → inode, mtime and SHA-256,
 * what shows that a file was not written again (a resumed job must keep the segments published before).
 *
 * Published means listed in the rendition's playlist — what a viewer can fetch. A segment file already
 * uploaded whose playlist update had not happened yet when the worker died is not published: the
 * resumed job may encode it again (the checkpoint is the playlist), and no viewer ever saw the first copy.
 */
export async function publishedSegments(
  dataDir: string,
  slug: string,
  rendition = '720p',
): Promise<Map<string, string>> {
  const dir = path.join(dataDir, 'storage', 'videos', slug, rendition);
  const playlist = await readFile(path.join(dir, 'stream.m3u8'), 'utf8').catch(() => '');
  const listed = playlist
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.endsWith('.m4s') && !line.startsWith('#'));
  const out = new Map<string, string>();
  for (const name of listed) {
    const file = path.join(dir, name);
    const s = await stat(file).catch(() => null);
    if (!s) continue;
    const sha = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    out.set(name, `${s.ino}:${s.mtimeMs}:${sha}`);
  }
  return out;
}
