import type { FastifyRequest } from 'fastify';
import type { MultipartValue } from '@fastify/multipart';
import { badRequest } from '../../../domain/shared/errors.js';
import { tooLarge, type StagedUpload, type UploadService } from '../../../domain/videos/upload.service.js';

/** Multipart overhead allowed on top of the file itself in the Content-Length pre-check. */
const MULTIPART_SLACK = 1024 * 1024;

/**
 * Streams the `file` part of a multipart request to staging and hands it to `use`; the staged file is
 * discarded unless `use` succeeds (it then owns it). A declared size over the limit is refused before
 * any byte is read, and `before` runs (e.g. a 404 check) before the body is. Text parts go to `onField`.
 */
export async function withStagedUpload<T>(
  req: FastifyRequest,
  options: {
    uploads: UploadService;
    maxUploadSize: number;
    before?: () => Promise<void>;
    onField?: (part: MultipartValue) => void;
  },
  use: (staged: StagedUpload) => Promise<T>,
): Promise<T> {
  const { uploads, maxUploadSize } = options;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxUploadSize + MULTIPART_SLACK) throw tooLarge(maxUploadSize);
  if (!req.isMultipart()) throw badRequest('Expected multipart/form-data with a file field');
  await options.before?.();
  let staged: StagedUpload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') {
        options.onField?.(part);
        continue;
      }
      if (part.fieldname !== 'file' || staged) {
        part.file.resume();
        continue;
      }
      staged = await uploads.stageFile(part.file, part.filename || 'upload.mp4');
    }
    if (!staged) throw badRequest('A video file is required (multipart field "file")');
    const result = await use(staged);
    staged = null;
    return result;
  } finally {
    await uploads.discard(staged);
  }
}
