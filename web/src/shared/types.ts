/**
 * The JSON the browser code reads from the public and admin APIs: the API contracts' own types
 * (src/contracts/api, the TypeBox schemas the routes validate and document with). Type-only imports:
 * nothing of TypeBox or the server reaches the bundles (eslint.config.js refuses any other import of src/).
 */
import type { AuthState, CsrfToken } from '../../../src/contracts/api/auth.contract.js';
import type { Category as CategoryContract } from '../../../src/contracts/api/category.contract.js';
import type { PublicCustomField as PublicCustomFieldContract } from '../../../src/contracts/api/public-custom-field.contract.js';
import type { ProgressEvent } from '../../../src/contracts/api/progress-events.contract.js';
import type { UploadResponse as UploadContract } from '../../../src/contracts/api/upload.contract.js';
import type * as video from '../../../src/contracts/api/video.contract.js';

export type { ErrorBody, StatusMessage, StatusOk } from '../../../src/contracts/api/common.contract.js';
export type {
  BulkCustomFieldsResult,
  CustomField,
  CustomFieldCreate,
  CustomFieldList,
  CustomFieldUpdate,
  FieldConstraints,
  FieldType,
  VideoCustomFields,
  VideoCustomFieldView,
} from '../../../src/contracts/api/custom-field.contract.js';
export type { CategoryUpdate } from '../../../src/contracts/api/category.contract.js';
export type {
  Transcript,
  TranscriptUpdated,
  TranscriptionStatus,
  WhisperLanguage,
} from '../../../src/contracts/api/transcript.contract.js';
export type { Tag, TagRef } from '../../../src/contracts/api/tag.contract.js';
export type {
  BulkItemResult,
  BulkUpdateBody,
  BulkRetranscodeBody,
} from '../../../src/contracts/api/video-bulk.contract.js';
export type { ExportFormat } from '../../../src/contracts/api/video-export.contract.js';
export type {
  ReencodeJob,
  ReencodeJobPage,
  ReencodeQueueResult,
  ReencodeStatus,
  SpriteGenerateResult,
  SpriteJob,
  SpriteJobPage,
  SpriteQueueStatus,
  VideoSprites,
} from '../../../src/contracts/api/job-queue.contract.js';
export type {
  AutoDetectRequest,
  AutoDetectResponse,
  Chapter,
  ChapterCreate,
  ChapterList,
  ChapterUpdate,
} from '../../../src/contracts/api/chapter.contract.js';
export type { InitialProgressEvent } from '../../../src/contracts/api/progress-events.contract.js';
export type {
  CacheStats,
  CatalogueSetting,
  ImportResult,
  SeedResult,
  Setting,
  SettingCategory,
  SettingCreate,
  SettingsByCategory,
  SettingsCatalogue,
  SettingsExport,
  SettingValueType,
} from '../../../src/contracts/api/settings.contract.js';
export type {
  Playlist,
  PlaylistCreate,
  PlaylistDetail,
  PlaylistPage,
  PlaylistType,
  PlaylistUpdate,
  PlaylistVideoInfo,
  PlaylistVisibility,
} from '../../../src/contracts/api/playlist.contract.js';
export type {
  ThumbnailFrames,
  ThumbnailInfo,
  ThumbnailResult,
} from '../../../src/contracts/api/thumbnail.contract.js';
export type {
  PublishResponse,
  QualitiesResponse,
  RetranscodeResponse,
  VideoEditBody,
} from '../../../src/contracts/api/video-lifecycle.contract.js';
export type {
  ArchivedPage,
  ArchivedVideo,
  SpriteSheetInfo,
  VideoStatus,
} from '../../../src/contracts/api/video.contract.js';
export type {
  AnalyticsOverview,
  AnalyticsPeriod,
  AnalyticsSort,
  AnalyticsTrends,
  VideoAnalyticsDetail,
  VideoAnalyticsItem,
  VideoAnalyticsList,
  VideoRetention,
} from '../../../src/contracts/api/analytics.contract.js';
export type {
  DeliveryStatus,
  ProtectedHeader,
  WebhookCreateBody,
  WebhookDeliveryDetail,
  WebhookDeliveryItem,
  WebhookDeliveryList,
  WebhookEvent,
  WebhookHeaders,
  WebhookList,
  WebhookResponse,
  WebhookStats,
  WebhookTestResult,
  WebhookUpdateBody,
} from '../../../src/contracts/api/webhook.contract.js';

/** Quality names, highest first (the ladder's presets and the untouched original). */
export const QUALITY_NAMES = ['2160p', '1440p', '1080p', '720p', '480p', '360p', 'original'] as const;

/** An item of `GET /api/videos` (public and admin). */
export type VideoListItem = video.VideoListItem;
/** One rendition in a video's detail. */
export type VideoQuality = video.VideoQuality;
/** `GET /api/videos/{slug}` (public), `GET /api/videos/{id}` (admin). */
export type VideoDetail = video.VideoDetail;
/** `GET /api/videos`: a page of videos. */
export type VideoListResponse = video.VideoPage;
/** `GET /api/videos` (public): a page whose items carry `search_snippet` (HTML, `<mark>`) when searched. */
export type PublicVideoListResponse = video.PublicVideoPage;
export type SearchedVideoListItem = video.SearchedVideoListItem;
export type SearchSnippet = video.SearchSnippet;
export type Category = CategoryContract;
/** `GET /api/custom-fields?category=` (public): a field visitors can filter by. */
export type PublicCustomField = PublicCustomFieldContract;
export type QualityProgress = video.QualityProgress;

/** What both progress sources send: the polled TranscodingProgress and the SSE ProgressEvent. */
type CommonProgress = Pick<
  video.TranscodingProgress,
  'status' | 'current_step' | 'progress_percent' | 'qualities' | 'last_error'
>;
/**
 * A video's progress as the admin keeps it: polled (`GET /api/videos/{id}/progress`, every field) or
 * from the SSE stream, which leaves out attempt, max_attempts and started_at — so those are optional.
 */
export type TranscodingProgress = CommonProgress & Partial<video.TranscodingProgress>;
/**
 * One `progress` message: from `GET /api/events/progress` (ProgressEvent), or made from a polled
 * TranscodingProgress when the stream is down (then without job_id, video_slug and timestamp).
 */
export type ProgressMsg = TranscodingProgress &
  Pick<ProgressEvent, 'type' | 'video_id'> &
  Partial<Pick<ProgressEvent, 'job_id' | 'video_slug' | 'timestamp'>>;
/** The exact answers, for code that reads only one source. */
export type TranscodingProgressResponse = video.TranscodingProgress;
export type { ProgressEvent };
/** `GET /api/auth/check` (also the answer of login and logout). */
export type AuthCheck = AuthState;
/** `GET /api/auth/csrf-token`. */
export type CsrfTokenResponse = CsrfToken;
/** `POST /api/videos` and `POST /api/videos/{id}/re-upload`. */
export type UploadResponse = UploadContract;
export type {
  DisplayConfig,
  DownloadsConfig,
  WatermarkConfig,
  WatermarkSettings,
  WatermarkUploadResult,
} from '../../../src/contracts/api/viewer-config.contract.js';
