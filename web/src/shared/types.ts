/**
 * Shapes of the JSON objects the browser code reads from the public and admin APIs
 * (see shared/spec/api-public.md §2 and api-admin.md §5). Only the fields the UI
 * uses are required; everything else is optional so a server that sends a little
 * more or a little less does not break the pages.
 */

export type VideoStatus = 'pending' | 'processing' | 'ready' | 'failed';

export const QUALITY_NAMES = ['2160p', '1440p', '1080p', '720p', '480p', '360p', 'original'] as const;

export interface VideoListItem {
  id: number;
  title: string;
  slug: string;
  description?: string | null;
  category_id?: number | null;
  category_name?: string | null;
  category_slug?: string | null;
  duration?: number | null;
  status: VideoStatus | string;
  created_at?: string | null;
  published_at?: string | null;
  thumbnail_url?: string | null;
  streaming_format?: string | null;
  primary_codec?: string | null;
  tags?: { id: number; name: string; slug: string }[];
  view_count?: number | null;
}

export interface VideoQuality {
  quality: string;
  width: number;
  height: number;
  bitrate: number;
}

export interface VideoDetail extends VideoListItem {
  source_width?: number | null;
  source_height?: number | null;
  stream_url?: string | null;
  dash_url?: string | null;
  captions_url?: string | null;
  error_message?: string | null;
  qualities?: VideoQuality[];
}

export interface VideoListResponse {
  videos: VideoListItem[];
  next_cursor?: string | null;
  has_more?: boolean;
  total_count?: number | null;
}

export interface Category {
  id: number;
  name: string;
  slug: string;
  description?: string | null;
  video_count?: number;
}

export interface QualityProgress {
  name: string;
  status: string;
  progress: number;
}

/** `GET /api/videos/{id}/progress` (admin) — TranscodingProgress. */
export interface TranscodingProgress {
  status: VideoStatus | string;
  current_step?: string | null;
  progress_percent?: number | null;
  qualities?: QualityProgress[];
  attempt?: number;
  max_attempts?: number;
  started_at?: string | null;
  last_error?: string | null;
}

/** One SSE `progress` message from `GET /api/events/progress`. */
export interface ProgressMsg extends TranscodingProgress {
  type?: string;
  video_id: number;
  video_slug?: string | null;
  job_id?: number | null;
  timestamp?: string | null;
}

export interface AuthCheck {
  authenticated: boolean;
  auth_required: boolean;
}

export interface CsrfTokenResponse {
  csrf_token: string;
  required: boolean;
}

export interface UploadResponse {
  status: string;
  video_id: number;
  slug: string;
  message?: string;
}
