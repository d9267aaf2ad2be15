// Reading a ladder's published output: playlists and their segments, what a directory holds, file
// fingerprints and ffprobe packet timestamps (for the live-publishing and resume tests).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseMediaPlaylist } from '../../src/media/output-validation.js';

const run = promisify(execFile);

export const playlistOf = (format: string, name: string) =>
  format === 'cmaf' ? `${name}/stream.m3u8` : `${name}.m3u8`;

export async function playlist(dir: string, rel: string) {
  const text = await readFile(path.join(dir, rel), 'utf8').catch(() => '');
  const parsed = parseMediaPlaylist(text);
  const type = /#EXT-X-PLAYLIST-TYPE:(\w+)/.exec(text)?.[1] ?? null;
  const base = path.dirname(path.join(dir, rel));
  return { ...parsed, type, text, files: parsed.segments.map((s) => path.join(base, s.uri)) };
}

/** Published segment count per rendition (0 when its playlist is not there yet). */
export async function published(dir: string, format: string, names: string[]): Promise<number[]> {
  return Promise.all(names.map(async (n) => (await playlist(dir, playlistOf(format, n))).segments.length));
}

export async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])),
  );
  return nested.flat();
}

/** Samples the directory until stopped; returns every temp/partial/hidden name it ever saw. */
export function watchForPartials(dir: string): () => Promise<string[]> {
  const seen = new Set<string>();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      for (const f of await walk(dir)) if (/\.tmp$|\/\./.test(f)) seen.add(path.relative(dir, f));
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return [...seen];
  };
}

/** inode, mtime and hash of each published segment (and init.mp4): rewriting any of them changes it. */
export async function fingerprints(files: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of files) {
    const s = await stat(f);
    out[f] = `${s.ino}:${s.mtimeMs}:${createHash('sha256')
      .update(await readFile(f))
      .digest('hex')}`;
  }
  return out;
}

/** One ffprobe-able piece of a rendition: a TS segment alone, or init.mp4 + an fMP4 segment. */
export const probeTarget = (format: string, segment: string) =>
  format === 'cmaf' ? `concat:${path.join(path.dirname(segment), 'init.mp4')}|${segment}` : segment;

export async function packets(target: string): Promise<{ stream: number; pts: number; dts: number }[]> {
  const { stdout } = await run(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,dts_time', '-of', 'json', target],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const json = JSON.parse(stdout) as {
    packets?: { stream_index: number; pts_time: string; dts_time: string }[];
  };
  return (json.packets ?? []).map((p) => ({
    stream: p.stream_index,
    pts: Number(p.pts_time),
    dts: Number(p.dts_time),
  }));
}

export const segmentName = (format: string, name: string, i: number) =>
  format === 'cmaf' ? `seg_${String(i).padStart(4, '0')}.m4s` : `${name}_${String(i).padStart(4, '0')}.ts`;
