/**
 * What a transcode produced: bytes per rendition (same layout for VLog and the reference script) and SSIM of
 * each rendition against the source scaled to the rendition's size.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

export type Format = 'cmaf' | 'hls_ts';

export interface RenditionOutput {
  name: string;
  /** Playlist a player (and ffmpeg's HLS demuxer) reads. */
  playlist: string;
  /** Sum of the playlist, init segment and media segments. */
  bytes: number;
}

const QUALITY = /^\d+p$/;

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

/**
 * Renditions found in an output directory, highest first. cmaf: `{q}/` directories; hls_ts: `{q}.m3u8` +
 * `{q}_NNNN.ts` at the root. The reference's `original` remux (always TS at the root) is returned too,
 * under the name "original", so callers can report it apart from the encodes.
 */
export async function renditionOutputs(dir: string, format: Format): Promise<RenditionOutput[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const out: RenditionOutput[] = [];
  const tsFamily = async (name: string): Promise<number> => {
    const re = new RegExp(`^${name}(\\.m3u8|_\\d+\\.ts)$`);
    let sum = 0;
    for (const e of entries)
      if (e.isFile() && re.test(e.name)) sum += (await stat(path.join(dir, e.name))).size;
    return sum;
  };
  for (const e of entries) {
    if (format === 'cmaf' && e.isDirectory() && QUALITY.test(e.name)) {
      const d = path.join(dir, e.name);
      out.push({ name: e.name, playlist: path.join(d, 'stream.m3u8'), bytes: await dirBytes(d) });
    } else if (e.isFile() && e.name.endsWith('.m3u8') && e.name !== 'master.m3u8') {
      const name = e.name.slice(0, -'.m3u8'.length);
      if (name === 'original' || (format === 'hls_ts' && QUALITY.test(name)))
        out.push({ name, playlist: path.join(dir, e.name), bytes: await tsFamily(name) });
    }
  }
  const height = (n: string): number => (n === 'original' ? Infinity : Number.parseInt(n, 10));
  return out.sort((a, b) => height(b.name) - height(a.name));
}

export async function totalBytes(dir: string): Promise<number> {
  return dirBytes(dir);
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Display size of the first video stream (through the HLS demuxer when given a playlist). */
export async function videoSize(file: string): Promise<{ width: number; height: number }> {
  // prettier-ignore
  const r = await run('ffprobe', [
    '-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file,
  ]);
  const [w, h] = r.stdout.trim().split('\n')[0]?.split(',').map(Number) ?? [];
  if (r.code !== 0 || !w || !h) throw new Error(`ffprobe could not read ${file}: ${r.stderr.trim()}`);
  return { width: w, height: h };
}

export interface SsimResult {
  /** SSIM "All" (Y, U, V weighted), 1 = identical. */
  all: number;
  y: number;
  width: number;
  height: number;
}

/**
 * SSIM of `rendition` (a playlist or file) against `source` scaled to the rendition's size with bicubic.
 * Both timelines are reset to 0 so the filter pairs frame n with frame n even if a container starts late.
 */
export async function ssimAgainstSource(rendition: string, source: string): Promise<SsimResult> {
  const { width, height } = await videoSize(rendition);
  const graph =
    `[0:v]setpts=PTS-STARTPTS[dist];` +
    `[1:v]scale=${width}:${height}:flags=bicubic,setpts=PTS-STARTPTS[ref];` +
    `[dist][ref]ssim`;
  // prettier-ignore
  const r = await run('ffmpeg', [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
    '-i', rendition, '-i', source, '-lavfi', graph, '-an', '-f', 'null', '-',
  ]);
  const m = /SSIM Y:([\d.]+).*All:([\d.]+)/.exec(r.stderr);
  if (r.code !== 0 || !m) throw new Error(`ssim failed for ${rendition}: ${r.stderr.slice(-500)}`);
  return { all: Number(m[2]), y: Number(m[1]), width, height };
}
