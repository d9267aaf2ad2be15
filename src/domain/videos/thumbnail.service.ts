import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { thumbnailTime } from '../../media/ffmpeg-args.js';
import { buildFrameGrabCommand, segmentFrameInput, type FrameInput } from '../../media/frame-grab.js';
import { renditionLayout } from '../../media/hls-layout.js';
import { QUALITY_NAMES } from '../../media/ladder.js';
import { isMediaError } from '../../media/media-error.js';
import { parseMediaPlaylist, type ParsedMediaPlaylist } from '../../media/output-validation.js';
import { probeVideoStream } from '../../media/probe.js';
import { runFfmpeg } from '../../media/run-ffmpeg.js';
import { exists, findUpload, listDir } from '../../storage/file-moves.js';
import { contained, type StorageLayout } from '../../storage/storage-layout.js';
import { badRequest, notFound, payloadTooLarge } from '../shared/errors.js';
import { createLimiter } from './concurrency-limit.js';
import { thumbnailUrl } from './video.mapper.js';
import type { VideoLifecycleRepository } from './video-lifecycle.repository.js';
import type { VideoRepository, VideoRow } from './video.repository.js';

export const THUMBNAIL_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp'] as const;
/** Frame picker positions, as shares of the duration (api-admin.md §5.7). */
const FRAME_POSITIONS = [0.1, 0.25, 0.5, 0.75, 0.9];
const FRAME_WIDTH = 640;
/** Decoders of the accepted image formats (ffprobe codec names). */
const IMAGE_CODECS = new Set(['mjpeg', 'png', 'webp']);
/** Seeking to the very end yields no frame: stay this far before it. */
const END_MARGIN_SECONDS = 0.25;

export interface ThumbnailOptions {
  /** VLOG_THUMBNAIL_WIDTH: custom and selected thumbnails. */
  thumbnailWidth: number;
  /** VLOG_MAX_THUMBNAIL_SIZE in bytes. */
  maxThumbnailSize: number;
  /** Per ffmpeg run; default 30 s. */
  timeoutMs?: number;
  /** ffmpeg processes at once across all requests; default 2 (one per core). */
  maxConcurrent?: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Where frames come from: the source upload, or a rendition playlist read segment by segment. */
type FrameSource = { file: string } | { playlist: string; parsed: ParsedMediaPlaylist };

export function thumbnailTooLarge(maxBytes: number) {
  return payloadTooLarge(`File too large. Maximum size: ${Math.round((maxBytes / 1048576) * 10) / 10}MB`);
}

/** Thumbnail picker, custom upload and revert (api-admin.md §5.7). */
export function createThumbnailService(deps: {
  videos: VideoRepository;
  lifecycle: VideoLifecycleRepository;
  layout: StorageLayout;
  options: ThumbnailOptions;
}) {
  const { videos, layout, options } = deps;
  const limit = createLimiter(options.maxConcurrent ?? 2);
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function requireVideo(id: number, forChange: boolean): Promise<VideoRow> {
    const video = await videos.findById(id);
    if (!video) throw notFound('Video not found');
    if (forChange && video.deleted_at) throw badRequest('Cannot change the thumbnail of a deleted video');
    return video;
  }

  function requireDuration(video: VideoRow): number {
    const duration = video.duration ?? 0;
    if (!(duration > 0)) throw badRequest('Video has no duration information');
    return duration;
  }

  const paths = (slug: string) => {
    const dir = layout.videoDir(slug);
    return { dir, thumbnail: layout.thumbnailFile(slug), frames: layout.framesDir(slug) };
  };

  /** The upload first; else the highest rendition with segments, MPEG-TS or CMAF. */
  async function frameSource(video: VideoRow): Promise<FrameSource> {
    const upload = await findUpload(layout, video.id);
    if (upload) return { file: upload };
    const dir = layout.videoDir(video.slug);
    for (const name of ['original', ...QUALITY_NAMES]) {
      for (const format of ['hls_ts', 'cmaf'] as const) {
        const l = renditionLayout(format, name);
        const playlist = path.join(dir, l.playlist);
        if (!(await exists(playlist))) continue;
        const files = await listDir(path.join(dir, l.segmentDir));
        if (!files.some((f) => l.segmentFile.test(f))) continue;
        const parsed = parseMediaPlaylist(await readFile(playlist, 'utf8'));
        if (parsed.segments.length > 0) return { playlist, parsed };
      }
    }
    throw badRequest(
      'No source video available for frame extraction. Original upload may have been deleted.',
    );
  }

  const inputAt = (source: FrameSource, at: number): FrameInput =>
    'file' in source
      ? { input: source.file, seekSeconds: at, offsetSeconds: 0 }
      : (segmentFrameInput(source.playlist, source.parsed, at) as FrameInput);

  /** One JPEG frame, written to a temp name and renamed: readers never see a partial file. */
  async function grab(input: { from: FrameInput; output: string; width: number }) {
    const temp = path.join(
      path.dirname(input.output),
      `.${path.basename(input.output, '.jpg')}.${randomBytes(6).toString('hex')}.jpg`,
    );
    try {
      await limit(() =>
        runFfmpeg(buildFrameGrabCommand({ ...input.from, output: temp, width: input.width }), {
          timeoutMs,
          description: 'Thumbnail extraction',
        }),
      );
      if (!(await stat(temp).catch(() => null))?.size) throw new Error('ffmpeg produced no frame');
      await rename(temp, input.output);
    } finally {
      await rm(temp, { force: true });
    }
  }

  const seekable = (at: number, duration: number) => Math.max(0, Math.min(at, duration - END_MARGIN_SECONDS));

  async function result(id: number) {
    const video = await requireVideo(id, false);
    return {
      status: 'ok',
      // Shown even before the video is ready: the admin UI previews the new image at once.
      thumbnail_url: thumbnailUrl({ ...video, status: 'ready' }, true),
      thumbnail_source: video.thumbnail_source ?? 'auto',
      thumbnail_timestamp: video.thumbnail_timestamp,
    };
  }

  /** Streams the image to a temp file in uploads/, enforcing the size limit as bytes arrive. */
  async function stageImage(id: number, stream: Readable, ext: string): Promise<string> {
    await mkdir(layout.dirs.uploadsDir, { recursive: true });
    const temp = contained(
      layout.dirs.uploadsDir,
      `thumb_temp_${id}_${randomBytes(4).toString('hex')}${ext}`,
    );
    const max = options.maxThumbnailSize;
    let bytes = 0;
    const limiter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > max ? thumbnailTooLarge(max) : null, chunk);
      },
    });
    try {
      await pipeline(stream, limiter, createWriteStream(temp));
      if (bytes === 0) throw badRequest('The uploaded file is empty');
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return temp;
  }

  /** Refuses anything but a JPEG, PNG or WebP picture, with a reason that names no server path. */
  async function checkImage(file: string, filename: string): Promise<void> {
    const codec = await probeVideoStream(file, { timeoutMs })
      .then((s) => s.codec)
      .catch(() => null);
    if (!codec) throw badRequest(`Invalid image file: ${filename} could not be decoded as an image`);
    if (!IMAGE_CODECS.has(codec))
      throw badRequest(`Invalid image file: ${filename} is ${codec}, not a JPEG, PNG or WebP image`);
  }

  return {
    async get(id: number) {
      const video = await requireVideo(id, false);
      const hasFile = !video.deleted_at && (await exists(paths(video.slug).thumbnail));
      return {
        video_id: id,
        thumbnail_url: hasFile ? thumbnailUrl(video, true) : null,
        thumbnail_source: video.thumbnail_source ?? 'auto',
        thumbnail_timestamp: video.thumbnail_timestamp,
      };
    },

    /** Five candidate frames (10/25/50/75/90 %), at most `maxConcurrent` ffmpeg at once. */
    async frames(id: number) {
      const video = await requireVideo(id, true);
      const duration = requireDuration(video);
      const source = await frameSource(video);
      const { frames } = paths(video.slug);
      await rm(frames, { recursive: true, force: true });
      await mkdir(frames, { recursive: true });
      const timestamps = FRAME_POSITIONS.map((p) => round2(duration * p));
      const outcomes = await Promise.allSettled(
        timestamps.map((t, i) =>
          grab({
            from: inputAt(source, seekable(t, duration)),
            output: path.join(frames, `frame_${i}.jpg`),
            width: FRAME_WIDTH,
          }),
        ),
      );
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) {
        await rm(frames, { recursive: true, force: true });
        throw new Error('Failed to generate frames', { cause: failed.reason });
      }
      return {
        video_id: id,
        frames: timestamps.map((timestamp, index) => ({
          index,
          timestamp,
          url: `/videos/${video.slug}/frames/frame_${index}.jpg`,
        })),
      };
    },

    async select(id: number, timestamp: number) {
      const video = await requireVideo(id, true);
      const duration = requireDuration(video);
      if (!(timestamp >= 0 && timestamp <= duration))
        throw badRequest(`Timestamp must be between 0 and ${round2(duration)} seconds`);
      const source = await frameSource(video);
      const p = paths(video.slug);
      await mkdir(p.dir, { recursive: true });
      await grab({
        from: inputAt(source, seekable(timestamp, duration)),
        output: p.thumbnail,
        width: options.thumbnailWidth,
      });
      await deps.lifecycle.setThumbnail(id, 'selected', timestamp);
      await rm(p.frames, { recursive: true, force: true });
      return result(id);
    },

    /** Custom image: size-limited, decoded by ffmpeg and re-encoded as a JPEG of the configured width. */
    async upload(id: number, image: { stream: Readable; filename: string }) {
      const video = await requireVideo(id, true);
      if (!image.filename) throw badRequest('No filename provided');
      const ext = path.extname(image.filename).toLowerCase();
      if (!(THUMBNAIL_EXTENSIONS as readonly string[]).includes(ext))
        throw badRequest(`Unsupported image format. Allowed: ${[...THUMBNAIL_EXTENSIONS].sort().join(', ')}`);
      const temp = await stageImage(id, image.stream, ext);
      try {
        await checkImage(temp, path.basename(image.filename));
        const p = paths(video.slug);
        await mkdir(p.dir, { recursive: true });
        await grab({
          from: { input: temp, seekSeconds: 0, offsetSeconds: 0 },
          output: p.thumbnail,
          width: options.thumbnailWidth,
        }).catch((err: unknown) => {
          if (isMediaError(err) && err.code === 'ffmpeg_failed')
            throw badRequest(`Invalid image file: ${path.basename(image.filename)} could not be converted`);
          throw err;
        });
        await deps.lifecycle.setThumbnail(id, 'custom', null);
        await rm(p.frames, { recursive: true, force: true });
      } finally {
        await rm(temp, { force: true });
      }
      return result(id);
    },

    /** Back to the automatic frame at min(5 s, duration / 4), as the worker makes it. */
    async revert(id: number) {
      const video = await requireVideo(id, true);
      const duration = requireDuration(video);
      const source = await frameSource(video);
      const p = paths(video.slug);
      await mkdir(p.dir, { recursive: true });
      await grab({ from: inputAt(source, thumbnailTime(duration)), output: p.thumbnail, width: FRAME_WIDTH });
      await deps.lifecycle.setThumbnail(id, 'auto', null);
      await rm(p.frames, { recursive: true, force: true });
      return result(id);
    },
  };
}

export type ThumbnailService = ReturnType<typeof createThumbnailService>;
