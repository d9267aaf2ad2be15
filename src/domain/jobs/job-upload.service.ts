import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { StorageLayout } from '../../storage/storage-layout.js';
import { badRequest, payloadTooLarge } from '../shared/errors.js';
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

/** A byte counter and SHA-256 in one pass; aborts the stream past `maxBytes`. */
function measuring(maxBytes: number) {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        done(payloadTooLarge(`File too large (max ${maxBytes} bytes)`));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { stream, result: () => ({ bytes, sha256: hash.digest('hex') }) };
}

/**
 * Streams `body` into `temp` (fsync'd) while measuring it, and throws unless it has the declared size
 * and SHA-256. The caller renames `temp` into place only after this resolved.
 */
export async function writeVerified(
  body: Readable,
  temp: string,
  expect: { sha256: string; size: number | undefined; maxBytes: number },
): Promise<{ bytes: number; sha256: string }> {
  const measure = measuring(expect.maxBytes);
  // flush: fsync before the rename, so a crash never leaves a renamed but empty file.
  await pipeline(body, measure.stream, createWriteStream(temp, { flush: true }));
  const received = measure.result();
  if (expect.size !== undefined && received.bytes !== expect.size) {
    throw badRequest(`Incomplete upload: ${received.bytes} of ${expect.size} bytes`);
  }
  if (received.sha256 !== expect.sha256) throw badRequest('Checksum verification failed');
  return received;
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
}) {
  const staging = new Map<string, OutputFiles>();
  const outputFor = (workerId: string): OutputFiles => {
    let files = staging.get(workerId);
    if (!files) staging.set(workerId, (files = createOutputFiles(deps.layout, workerId)));
    return files;
  };

  return {
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
      if (!isPublishablePath(relativePath) || !ALLOWED_EXTENSIONS.test(relativePath)) {
        throw badRequest(`Invalid file path: ${relativePath.slice(0, 100)}`);
      }
      const expected = declaredSha256(input.sha256);
      if (input.size !== undefined && input.size > deps.maxFileBytes) {
        throw payloadTooLarge(`File too large (max ${deps.maxFileBytes} bytes)`);
      }
      const { slug } = await deps.jobService.leasedVideo(input);
      // Set by the fill, which put() runs exactly once (or throws).
      let received = { bytes: 0, sha256: expected };
      await outputFor(input.workerId).put(slug, relativePath, async (temp) => {
        received = await writeVerified(input.body, temp, {
          sha256: expected,
          size: input.size,
          maxBytes: deps.maxFileBytes,
        });
        // The lease may have moved on while the body streamed: then the new owner's files win.
        await deps.jobService.assertLease(input);
      });
      return { relativePath, ...received };
    },
  };
}

export type JobUploadService = ReturnType<typeof createJobUploadService>;
