import type { ImageSize } from '../../media/jpeg-size.js';
import { thumbnailUrl } from '../videos/video.mapper.js';
import type { VideoRow } from '../videos/video.repository.js';

/** What a link preview, an embed or a sitemap entry says about a published video. */
export interface SharedVideo {
  slug: string;
  title: string;
  description: string;
  /** Seconds; 0 when not known yet. */
  duration: number;
  /** Width / height of the picture (16:9 until the source is probed). */
  aspect: number;
  /** Ready to play: the embed shows a player, not a "still processing" message. */
  playable: boolean;
  /** Site-relative thumbnail URL with its size, when the video is ready and its thumbnail readable. */
  thumbnail: ({ url: string } & ImageSize) | null;
  publishedAt: Date;
}

const DEFAULT_ASPECT = 16 / 9;

export function aspectOf(width: number | null | undefined, height: number | null | undefined): number {
  return width && height && width > 0 && height > 0 ? width / height : DEFAULT_ASPECT;
}

export function toSharedVideo(
  v: VideoRow & { published_at: Date },
  thumbnailSize: ImageSize | null,
): SharedVideo {
  const url = thumbnailUrl(v, true);
  return {
    slug: v.slug,
    title: v.title,
    description: (v.description ?? '').trim(),
    duration: v.duration && v.duration > 0 ? v.duration : 0,
    aspect: aspectOf(v.source_width, v.source_height),
    playable: v.status === 'ready',
    thumbnail: url && thumbnailSize ? { url, ...thumbnailSize } : null,
    publishedAt: v.published_at,
  };
}

/** The largest frame of this aspect that fits `width` × `height` limits, starting from `preferredWidth`. */
export function fitFrame(
  aspect: number,
  limits: { preferredWidth: number; maxWidth?: number; maxHeight?: number },
): { width: number; height: number } {
  let width = limits.preferredWidth;
  if (limits.maxWidth !== undefined) width = Math.min(width, limits.maxWidth);
  let height = Math.round(width / aspect);
  if (limits.maxHeight !== undefined && height > limits.maxHeight) {
    height = limits.maxHeight;
    width = Math.round(height * aspect);
  }
  return { width: Math.max(1, width), height: Math.max(1, height) };
}
