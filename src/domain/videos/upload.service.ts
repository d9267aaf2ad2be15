import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.types.js';
import { VIDEO_EXTENSIONS, type StorageLayout } from '../../storage/storage-layout.js';
import type { CategoryRepository } from '../categories/category.repository.js';
import type { JobEvents } from '../queue/job-events.js';
import type { TranscodingJobRepository } from '../transcode/transcoding-job.repository.js';
import { badRequest, DomainError, payloadTooLarge } from '../shared/errors.js';
import { slugify } from '../shared/slug.js';
import type { VideoRepository } from './video.repository.js';

export interface StagedUpload {
  tempPath: string;
  ext: string;
  filename: string;
  bytes: number;
}

export interface UploadFields {
  title?: string;
  description?: string;
  categoryId?: number;
}

export interface ProbeSummary {
  duration: number;
  width: number;
  height: number;
}

export interface UploadOptions {
  maxUploadSize: number;
  streamingFormat: string;
  streamingCodec: string;
  maxAttempts: number;
}

function humanSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Math.round(value * 10) / 10} ${units[unit]}`;
}

export function tooLarge(max: number): DomainError {
  return payloadTooLarge(`File too large. Maximum upload size is ${humanSize(max)}`);
}

/** Accepts an upload in two steps: stream the file to disk, then create the video and its job atomically. */
export function createUploadService(deps: {
  db: Kysely<Database>;
  videos: VideoRepository;
  jobs: TranscodingJobRepository;
  categories: CategoryRepository;
  layout: StorageLayout;
  events: JobEvents;
  probe: (file: string) => Promise<ProbeSummary | null>;
  options: UploadOptions;
}) {
  const { layout, options } = deps;

  function extensionOf(filename: string): string {
    const ext = path.extname(filename).toLowerCase() || '.mp4';
    if (!(VIDEO_EXTENSIONS as readonly string[]).includes(ext)) {
      throw badRequest(`Invalid file type '${ext}'. Allowed: ${[...VIDEO_EXTENSIONS].sort().join(', ')}`);
    }
    return ext;
  }

  /** Streams the body to a temporary file (memory stays flat), enforcing the size limit as bytes arrive. */
  async function stageFile(stream: Readable, filename: string): Promise<StagedUpload> {
    const ext = extensionOf(filename);
    await mkdir(layout.dirs.uploadsDir, { recursive: true });
    const tempPath = layout.incomingUploadFile(randomBytes(8).toString('hex'), ext);
    let bytes = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > options.maxUploadSize ? tooLarge(options.maxUploadSize) : null, chunk);
      },
    });
    const out = createWriteStream(tempPath);
    try {
      await pipeline(stream, limiter, out);
      if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge(options.maxUploadSize);
    } catch (err) {
      // A stream that fails at once (a truncated multipart body) fails the pipeline while the file's
      // open is still in flight: removed before its 'close', the file would be created just after.
      if (!out.closed) await new Promise<void>((closed) => out.once('close', () => closed()));
      await rm(tempPath, { force: true });
      throw err;
    }
    if (bytes === 0) {
      await rm(tempPath, { force: true });
      throw badRequest('The uploaded file is empty');
    }
    return { tempPath, ext, filename, bytes };
  }

  async function validateFields(fields: UploadFields) {
    const title = (fields.title ?? '').trim();
    if (!title) throw badRequest('Title is required');
    if (title.length > 255) throw badRequest('Title must be at most 255 characters');
    const description = fields.description ?? '';
    if (description.length > 5000) throw badRequest('Description must be at most 5000 characters');
    const categoryId = fields.categoryId && fields.categoryId > 0 ? fields.categoryId : null;
    if (categoryId && !(await deps.categories.exists(categoryId))) {
      throw badRequest(`Category with ID ${categoryId} does not exist`);
    }
    // Titles without letters or digits still get a usable slug.
    const slug = slugify(title) || `video-${randomBytes(3).toString('hex')}`;
    return { title, description, categoryId, slug };
  }

  async function createVideo(staged: StagedUpload, fields: UploadFields) {
    const v = await validateFields(fields);
    const probed = await deps.probe(staged.tempPath).catch(() => null);
    let finalPath: string | null = null;
    try {
      const video = await deps.db.transaction().execute(async (trx) => {
        const row = await deps.videos.insertWithUniqueSlug(
          trx,
          {
            title: v.title,
            description: v.description,
            category_id: v.categoryId,
            status: 'pending',
            duration: probed?.duration ?? 0,
            source_width: probed?.width ?? 0,
            source_height: probed?.height ?? 0,
            streaming_format: options.streamingFormat,
            primary_codec: options.streamingCodec,
          },
          v.slug,
        );
        if (!row) throw new DomainError('conflict', 'Failed to generate unique slug');
        await deps.jobs.createForVideo(trx, row.id, options.maxAttempts);
        // The file takes its final name inside the transaction: no row without a file, no file without a row.
        finalPath = layout.uploadFile(row.id, staged.ext);
        await rename(staged.tempPath, finalPath);
        await mkdir(layout.videoDir(row.slug), { recursive: true });
        return row;
      });
      deps.events.queued();
      return video;
    } catch (err) {
      await rm(staged.tempPath, { force: true });
      if (finalPath) await rm(finalPath, { force: true });
      throw err;
    }
  }

  return {
    extensionOf,
    stageFile,
    createVideo,
    async discard(staged: StagedUpload | null): Promise<void> {
      if (staged) await rm(staged.tempPath, { force: true });
    },
    async stagedSize(staged: StagedUpload): Promise<number> {
      return (await stat(staged.tempPath)).size;
    },
  };
}

export type UploadService = ReturnType<typeof createUploadService>;
