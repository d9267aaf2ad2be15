import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { detailIn, type ApiResponse, type WorkerApiClient } from './worker-api-client.js';

/** File transfers of a remote worker: resumable downloads and checksummed uploads. */

/** Files are read and written in 1 MiB chunks: 16–64 KiB ones cost several times the CPU per byte. */
const CHUNK = 1024 * 1024;

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: CHUNK })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The server's reason for a refused download (its `detail`), else the status. */
async function downloadError(urlPath: string, res: ApiResponse): Promise<string> {
  const detail = detailIn(await res.text().catch(() => ''));
  return detail ? `${detail} (HTTP ${res.status})` : `Download of ${urlPath} failed: HTTP ${res.status}`;
}

/**
 * GETs `urlPath` into `target`, resuming a partial file with a Range request (after an interrupted
 * transfer, also across retries); checks the final size against what the server announced.
 */
export async function downloadResumable(
  client: WorkerApiClient,
  urlPath: string,
  target: string,
): Promise<string> {
  await mkdir(path.dirname(target), { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const have = await sizeOf(target);
    const res = await client.request(urlPath, {
      timeoutMs: 3_600_000,
      raw: true,
      headers: have > 0 ? { range: `bytes=${have}-` } : {},
    });
    if (res.status === 416) {
      res.body.resume();
      return target; // the partial file is already whole
    }
    if (!res.ok) throw new Error(await downloadError(urlPath, res));
    const append = res.status === 206;
    const total = Number(res.header('content-range')?.split('/')[1] ?? res.header('content-length'));
    try {
      const file = createWriteStream(target, { flags: append ? 'a' : 'w', highWaterMark: CHUNK });
      await pipeline(res.body, file);
      const size = await sizeOf(target);
      if (!Number.isFinite(total) || size === total) return target;
      throw new Error(`Download incomplete: ${size} of ${total} bytes`);
    } catch (err) {
      if (attempt >= 5) throw err;
    }
  }
}

/** PUTs a file as a raw body with its size and SHA-256, streamed from disk (re-opened on each retry). */
export async function uploadFile(client: WorkerApiClient, urlPath: string, file: string): Promise<void> {
  const [sha, size] = await Promise.all([sha256File(file), sizeOf(file)]);
  await client.request(urlPath, {
    method: 'PUT',
    timeoutMs: 300_000 + (size / (100 * 1024 * 1024)) * 60_000,
    body: () => ({
      data: createReadStream(file, { highWaterMark: CHUNK }),
      headers: {
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'x-content-sha256': sha,
      },
    }),
  });
}

/** PUTs a small text as a raw body with its SHA-256. */
export async function uploadText(client: WorkerApiClient, urlPath: string, text: string): Promise<void> {
  const data = Buffer.from(text, 'utf8');
  const sha = createHash('sha256').update(data).digest('hex');
  await client.request(urlPath, {
    method: 'PUT',
    body: () => ({ data, headers: { 'content-type': 'application/octet-stream', 'x-content-sha256': sha } }),
  });
}
