import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * The published fMP4 segments of one rendition of a server's video: name → inode, mtime and SHA-256,
 * what shows that a file was not written again (a resumed job must keep the segments published before).
 */
export async function publishedSegments(
  dataDir: string,
  slug: string,
  rendition = '720p',
): Promise<Map<string, string>> {
  const dir = path.join(dataDir, 'storage', 'videos', slug, rendition);
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.m4s'));
  const out = new Map<string, string>();
  for (const n of names.sort()) {
    const file = path.join(dir, n);
    const s = await stat(file);
    const sha = createHash('sha256')
      .update(await readFile(file))
      .digest('hex');
    out.set(n, `${s.ino}:${s.mtimeMs}:${sha}`);
  }
  return out;
}
