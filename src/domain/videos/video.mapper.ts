import type { QualityProgress, TranscodingJob, VideoQuality } from '../../db/database.types.js';
import type { ListItemFields } from './list-row.query.js';
import { CAPTIONS_VTT } from '../../storage/storage-layout.js';
import type { TagRef, TranscriptionRef, VideoRow } from './video.repository.js';
import { sanitizeError, sanitizeProgressError } from './error-sanitizer.js';

/** Pure mappers from rows to API responses (api-public.md §2, api-admin.md §5.1). */

/** FNV-1a (32-bit) of a short ASCII string: a stable version number, ~40× cheaper than SHA-256 per list item. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function thumbnailVersion(v: Pick<VideoRow, 'id' | 'thumbnail_source' | 'thumbnail_timestamp'>): number {
  if (v.thumbnail_timestamp !== null && v.thumbnail_timestamp !== undefined)
    return Math.trunc(v.thumbnail_timestamp * 1000);
  // Stable across processes (the reference used Python's per-process hash()); it only busts caches, so a
  // fast non-cryptographic hash does (SHA-256 per item showed in the list benchmark's profile).
  return fnv1a(`${v.id}:${v.thumbnail_source ?? 'auto'}`) % 1_000_000_000;
}

/** What a thumbnail URL is made of (a whole video row, or the few columns a playlist's video list selects). */
export type ThumbnailFields = Pick<
  VideoRow,
  'id' | 'slug' | 'status' | 'thumbnail_source' | 'thumbnail_timestamp'
>;

export function thumbnailUrl(v: ThumbnailFields, versioned: boolean): string | null {
  if (v.status !== 'ready') return null;
  const base = `/videos/${v.slug}/thumbnail.jpg`;
  return versioned ? `${base}?v=${thumbnailVersion(v)}` : base;
}

/** A row's timestamp (a Date from the drivers; a string from a JSON column) as ISO 8601. */
const iso = (d: Date | string | null | undefined) =>
  d instanceof Date ? d.toISOString() : d ? new Date(d).toISOString() : null;

export function toVideoListItem(
  v: ListItemFields,
  options: { tags?: TagRef[]; viewCount?: number; versionedThumb: boolean },
) {
  return {
    id: v.id,
    title: v.title,
    slug: v.slug,
    description: v.description ?? '',
    category_id: v.category_id,
    category_name: v.category_name,
    duration: v.duration ?? 0,
    status: v.status ?? 'pending',
    created_at: iso(v.created_at),
    published_at: iso(v.published_at),
    thumbnail_url: thumbnailUrl(v, options.versionedThumb),
    thumbnail_source: v.thumbnail_source ?? 'auto',
    thumbnail_timestamp: v.thumbnail_timestamp,
    streaming_format: v.streaming_format,
    primary_codec: v.primary_codec,
    tags: options.tags ?? [],
    view_count: options.viewCount ?? 0,
  };
}

/**
 * Timeline sprites of a video (api-public.md §4.2), only when ready with at least one sheet. The client
 * appends `NN.jpg` (1-based, 2 digits) to base_url, or reads the WebVTT thumbnails track at vtt_url.
 */
export function spriteSheetInfo(v: VideoRow) {
  const count = v.sprite_sheet_count ?? 0;
  const { sprite_sheet_interval: interval, sprite_sheet_tile_size: tileSize } = v;
  const { sprite_sheet_frame_width: frameWidth, sprite_sheet_frame_height: frameHeight } = v;
  if (v.sprite_sheet_status !== 'ready' || count <= 0) return null;
  if (!interval || !tileSize || !frameWidth || !frameHeight) return null;
  return {
    base_url: `/videos/${v.slug}/sprites/sprite_`,
    count,
    interval,
    tile_size: tileSize,
    frame_width: frameWidth,
    frame_height: frameHeight,
    vtt_url: `/videos/${v.slug}/sprites.vtt`,
  };
}

/** The captions track of a completed transcription that wrote its WebVTT file (api-public.md §4.2). */
export function captionsUrl(slug: string, transcription: TranscriptionRef | null | undefined): string | null {
  if (transcription?.status !== 'completed' || !transcription.vtt_path) return null;
  return `/videos/${slug}/${CAPTIONS_VTT}`;
}

/** A chapter as the video detail shows it (api-public.md §4.2). */
export interface ChapterMark {
  id: number;
  title: string;
  start_time: number;
  end_time: number | null;
}

export function toVideoDetail(
  v: VideoRow,
  options: {
    qualities: VideoQuality[];
    /** In position order. */
    chapters: ChapterMark[];
    tags: TagRef[];
    versionedThumb: boolean;
    sanitize: boolean;
    summaryMax: number;
    /** Still processing but its master playlist is published: playable while it transcodes. */
    live?: boolean;
    /** The public detail's captions (the admin detail shows none: api-admin.md §5.1). */
    transcription?: TranscriptionRef | null;
  },
) {
  const ready = v.status === 'ready';
  const list: Omit<ReturnType<typeof toVideoListItem>, 'view_count'> & { view_count?: number } =
    toVideoListItem(v, {
      tags: options.tags,
      versionedThumb: options.versionedThumb,
    });
  delete list.view_count;
  return {
    ...list,
    category_slug: v.category_slug,
    is_featured: v.is_featured ?? false,
    source_width: v.source_width ?? 0,
    source_height: v.source_height ?? 0,
    error_message: options.sanitize ? sanitizeError(v.error_message, options.summaryMax) : v.error_message,
    stream_url: ready || options.live ? `/videos/${v.slug}/master.m3u8` : null,
    dash_url: ready && v.streaming_format === 'cmaf' ? `/videos/${v.slug}/manifest.mpd` : null,
    captions_url: captionsUrl(v.slug, options.transcription),
    captions_language: captionsUrl(v.slug, options.transcription)
      ? (options.transcription?.language ?? 'en').toLowerCase()
      : null,
    transcription_status: options.transcription?.status ?? null,
    qualities: options.qualities.map((q) => ({
      quality: q.quality ?? '',
      width: q.width,
      height: q.height,
      bitrate: q.bitrate,
    })),
    chapters: options.chapters.map((c) => ({
      id: c.id,
      title: c.title,
      start_time: c.start_time,
      end_time: c.end_time,
    })),
    sprite_sheet_info: spriteSheetInfo(v),
    deleted_at: iso(v.deleted_at),
  };
}

export function toProgress(
  v: Pick<VideoRow, 'status' | 'error_message'>,
  job: TranscodingJob | null,
  qualities: QualityProgress[],
  options: { sanitize: boolean },
) {
  const status = v.status ?? 'pending';
  const lastError = options.sanitize
    ? sanitizeProgressError(job?.last_error ?? v.error_message)
    : (job?.last_error ?? v.error_message);
  const base = {
    status,
    current_step: job?.current_step ?? null,
    progress_percent: status === 'ready' ? 100 : (job?.progress_percent ?? 0),
    qualities: qualities.map((q) => ({
      name: q.quality,
      status: q.status,
      progress: q.progress_percent ?? 0,
    })),
    attempt: job?.attempt_number ?? 1,
    max_attempts: job?.max_attempts ?? 3,
    started_at: iso(job?.started_at),
    last_error: status === 'ready' ? null : lastError,
  };
  if (status === 'failed')
    return {
      ...base,
      progress_percent: 0,
      last_error: options.sanitize ? sanitizeError(v.error_message, 200) : v.error_message,
    };
  return base;
}
