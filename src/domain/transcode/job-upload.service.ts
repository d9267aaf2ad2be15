import { createHash } from 'node:crypto';
import { copyFile, link, open, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { StorageLayout } from '../../storage/storage-layout.js';
import { badRequest, forbidden, payloadTooLarge } from '../shared/errors.js';
import type { JobService } from './job.service.js';
import { createOutputFiles, isPublishablePath, type OutputFiles } from './output-files.js';

/** What a worker may publish into a video directory (segments, playlists, manifests, images, captions). */
const ALLOWED_EXTENSIONS = /\.(m4s|mp4|ts|m3u8|mpd|jpg|vtt)$/;
const SHA256_HEX = /^(?:sha256:)?([0-9a-f]{64})$/i;

export interface ReceivedFile {
  relativePath: string;
  bytes: number;
  sha256: string;
}

/** Received bytes go to disk in batches of this size: 64 KiB writes cost several times the CPU per byte. */
const WRITE_BATCH = 1024 * 1024;

async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  for (let offset = 0; offset < data.length;) {
    offset += (await handle.write(data, offset)).bytesWritten;
  }
}

/**
 * Streams `body` into `temp` (fsync'd) while measuring it — size and SHA-256 in one pass, aborted past
 * `maxBytes` — and throws unless it has the declared size and SHA-256. The caller renames `temp` into place
 * only after this resolved.
 */
export async function writeVerified(
  body: Readable,
  temp: string,
  expect: { sha256: string; size: number | undefined; maxBytes: number },
): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const handle = await open(temp, 'w');
  try {
    let batch: Buffer[] = [];
    let batchBytes = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (bytes > expect.maxBytes) throw payloadTooLarge(`File too large (max ${expect.maxBytes} bytes)`);
      hash.update(chunk);
      batch.push(chunk);
      batchBytes += chunk.length;
      if (batchBytes >= WRITE_BATCH) {
        await writeAll(handle, Buffer.concat(batch, batchBytes));
        batch = [];
        batchBytes = 0;
      }
    }
    if (batchBytes > 0) await writeAll(handle, Buffer.concat(batch, batchBytes));
    // Before the rename: a crash never leaves a renamed but empty file.
    await handle.datasync();
  } finally {
    await handle.close();
  }
  if (expect.size !== undefined && bytes !== expect.size) {
    throw badRequest(`Incomplete upload: ${bytes} of ${expect.size} bytes`);
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== expect.sha256) throw badRequest('Checksum verification failed');
  return { bytes, sha256 };
}

/** The hex SHA-256 of an `X-Content-SHA256` header (an optional `sha256:` prefix is accepted). */
export function declaredSha256(header: string | undefined): string {
  const hex = SHA256_HEX.exec(header ?? '')?.[1]?.toLowerCase();
  if (!hex) throw badRequest('X-Content-SHA256 header with the hex SHA-256 of the body is required');
  return hex;
}

/**
 * Remote workers' file uploads (worker API PUT /api/worker/{job}/files/{path}): the body is streamed into a
 * staging file while its size and SHA-256 are computed, checked against what the worker declared, and only
 * then renamed into videos/{slug}/ — a half-uploaded or corrupted file is never served. Only the lease holder
 * may write, and only into its job's video directory; the path is checked before any byte is read.
 */
export function createJobUploadService(deps: {
  jobService: JobService;
  layout: StorageLayout;
  maxFileBytes: number;
  /** Workers' scratch directory on this machine: where a same-host worker's files may be taken from. */
  workDir: string;
}) {
  const staging = new Map<string, OutputFiles>();
  const outputFor = (workerId: string): OutputFiles => {
    let files = staging.get(workerId);
    if (!files) staging.set(workerId, (files = createOutputFiles(deps.layout, workerId)));
    return files;
  };

  /**
   * The last step of both ways of publishing: the rename into videos/{slug}/ happens only under a live
   * lease on a video not deleted, checked under the lock a delete takes (the lease may have moved on, or
   * the video been deleted, while the body streamed: then nothing lands).
   */
  const fenced =
    (input: { jobId: number; workerId: string }) =>
    (publish: () => Promise<void>): Promise<void> =>
      deps.jobService.underLease(input, publish);

  /** The allowed path checks shared by both ways of publishing a file. */
  function checkPath(relativePath: string): void {
    if (!isPublishablePath(relativePath) || !ALLOWED_EXTENSIONS.test(relativePath)) {
      throw badRequest(`Invalid file path: ${relativePath.slice(0, 100)}`);
    }
  }

  /** `file` resolved, a regular file inside the work directory (no symlink leads out of it). */
  async function sameHostFile(file: string): Promise<{ real: string; size: number }> {
    const root = await realpath(deps.workDir).catch(() => path.resolve(deps.workDir));
    const real = await realpath(file).catch(() => null);
    if (!path.isAbsolute(file) || !real || !real.startsWith(root + path.sep))
      throw badRequest(`Not a file in the worker directory of this server: ${file.slice(0, 200)}`);
    const s = await stat(real);
    if (!s.isFile()) throw badRequest(`Not a regular file: ${file.slice(0, 200)}`);
    if (s.size > deps.maxFileBytes) throw payloadTooLarge(`File too large (max ${deps.maxFileBytes} bytes)`);
    return { real, size: s.size };
  }

  return {
    /**
     * The same-host variant of receive() for the server's own local worker: the finished file is taken
     * from the worker's scratch directory on this machine (hard-linked, else copied) instead of streamed
     * through HTTP, then put in place the same way. Workers of type `local` only; the file must be inside
     * the server's work directory.
     */
    async linkLocal(input: {
      jobId: number;
      workerId: string;
      workerType: string;
      relativePath: string;
      localPath: string;
    }): Promise<{ relativePath: string; bytes: number }> {
      if (input.workerType !== 'local') throw forbidden('Same-host file transfer is for local workers only');
      checkPath(input.relativePath);
      const { real, size } = await sameHostFile(input.localPath);
      const { slug } = await deps.jobService.leasedVideo(input);
      await outputFor(input.workerId).put(
        slug,
        input.relativePath,
        (temp) => link(real, temp).catch(() => copyFile(real, temp)),
        fenced(input),
      );
      return { relativePath: input.relativePath, bytes: size };
    },

    async receive(input: {
      jobId: number;
      workerId: string;
      relativePath: string;
      /** Hex SHA-256 of the body (an optional `sha256:` prefix is accepted). */
      sha256: string | undefined;
      /** The declared Content-Length, when sent. */
      size: number | undefined;
      body: Readable;
    }): Promise<ReceivedFile> {
      const { relativePath } = input;
      checkPath(relativePath);
      const expected = declaredSha256(input.sha256);
      if (input.size !== undefined && input.size > deps.maxFileBytes) {
        throw payloadTooLarge(`File too large (max ${deps.maxFileBytes} bytes)`);
      }
      const { slug } = await deps.jobService.leasedVideo(input);
      // Set by the fill, which put() runs exactly once (or throws).
      let received = { bytes: 0, sha256: expected };
      await outputFor(input.workerId).put(
        slug,
        relativePath,
        async (temp) => {
          received = await writeVerified(input.body, temp, {
            sha256: expected,
            size: input.size,
            maxBytes: deps.maxFileBytes,
          });
        },
        fenced(input),
      );
      return { relativePath, ...received };
    },
  };
}

export type JobUploadService = ReturnType<typeof createJobUploadService>;
