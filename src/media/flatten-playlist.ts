import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { parseMediaPlaylist } from './output-validation.js';

/**
 * One file from a VOD media playlist: its init segment (fMP4) and media segments concatenated in order,
 * which is itself a valid fragmented MP4 or MPEG-TS stream. Lets a rendition be downloaded as a single
 * source file (with Range) when the upload is gone. Written to a temp file renamed into `output`; segment
 * URIs must stay inside the playlist's directory.
 */
export async function flattenPlaylist(playlist: string, output: string): Promise<void> {
  const base = dirname(playlist);
  const parsed = parseMediaPlaylist(await readFile(playlist, 'utf8'));
  const uris = [...(parsed.initUri ? [parsed.initUri] : []), ...parsed.segments.map((s) => s.uri)];
  if (parsed.segments.length === 0) throw new Error(`${basename(playlist)} lists no segments`);
  const files = uris.map((uri) => {
    const file = resolve(base, uri);
    if (!file.startsWith(base + sep)) throw new Error(`Segment outside the playlist's directory: ${uri}`);
    return file;
  });
  const temp = join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const out = createWriteStream(temp);
    for (const file of files) await pipeline(createReadStream(file), out, { end: false });
    out.end();
    await finished(out);
    await rename(temp, output);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
