/**
 * Kysely types for migrations/0001_initial_schema.sql (contract: docs/seed-schema.md).
 * serial ids and columns with a DB default are Generated<T>; nullable columns are `T | null`;
 * FLOAT is number; TIMESTAMP and TIMESTAMPTZ are Date. Keep in step with the migrations.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  SearchWordsTable,
  VideoSearchDocumentsTable,
  VideoViewCountsTable,
} from './search-tables.types.js';

export interface CategoriesTable {
  id: Generated<number>;
  name: string;
  slug: string;
  description: Generated<string | null>;
  created_at: Generated<Date | null>;
}
export type Category = Selectable<CategoriesTable>;
export type NewCategory = Insertable<CategoriesTable>;
export type CategoryUpdate = Updateable<CategoriesTable>;
export interface VideosTable {
  id: Generated<number>;
  title: string;
  slug: string;
  description: Generated<string | null>;
  category_id: number | null;
  duration: Generated<number | null>;
  source_width: Generated<number | null>;
  source_height: Generated<number | null>;
  status: Generated<string | null>;
  error_message: string | null;
  thumbnail_source: Generated<string | null>;
  thumbnail_timestamp: number | null;
  is_featured: Generated<boolean | null>;
  has_chapters: Generated<boolean | null>;
  streaming_format: Generated<string>;
  primary_codec: Generated<string>;
  featured_at: Date | null;
  sprite_sheet_status: string | null;
  sprite_sheet_error: string | null;
  sprite_sheet_count: Generated<number | null>;
  sprite_sheet_interval: number | null;
  sprite_sheet_tile_size: number | null;
  sprite_sheet_frame_width: number | null;
  sprite_sheet_frame_height: number | null;
  created_at: Generated<Date | null>;
  published_at: Date | null;
  deleted_at: Date | null;
}
export type Video = Selectable<VideosTable>;
export type NewVideo = Insertable<VideosTable>;
export type VideoUpdate = Updateable<VideosTable>;
export interface VideoQualitiesTable {
  id: Generated<number>;
  video_id: number | null;
  quality: string | null;
  width: number | null;
  height: number | null;
  bitrate: number | null;
}
export type VideoQuality = Selectable<VideoQualitiesTable>;
export type NewVideoQuality = Insertable<VideoQualitiesTable>;
export type VideoQualityUpdate = Updateable<VideoQualitiesTable>;
export interface ViewersTable {
  id: Generated<number>;
  session_id: string;
  first_seen: Generated<Date | null>;
  last_seen: Generated<Date | null>;
}
export type Viewer = Selectable<ViewersTable>;
export type NewViewer = Insertable<ViewersTable>;
export type ViewerUpdate = Updateable<ViewersTable>;
export interface PlaybackSessionsTable {
  id: Generated<number>;
  video_id: number | null;
  viewer_id: number | null;
  session_token: string;
  started_at: Generated<Date | null>;
  ended_at: Date | null;
  duration_watched: Generated<number | null>;
  max_position: Generated<number | null>;
  quality_used: string | null;
  completed: Generated<boolean | null>;
  last_heartbeat_at: Date | null;
  last_position: Generated<number | null>;
}
export type PlaybackSession = Selectable<PlaybackSessionsTable>;
export type NewPlaybackSession = Insertable<PlaybackSessionsTable>;
export type PlaybackSessionUpdate = Updateable<PlaybackSessionsTable>;
export interface TranscodingJobsTable {
  id: Generated<number>;
  video_id: number | null;
  worker_id: string | null;
  current_step: string | null;
  progress_percent: Generated<number | null>;
  started_at: Date | null;
  last_checkpoint: Date | null;
  completed_at: Date | null;
  claimed_at: Date | null;
  claim_expires_at: Date | null;
  attempt_number: Generated<number | null>;
  max_attempts: Generated<number | null>;
  last_error: string | null;
  processed_by_worker_id: string | null;
  processed_by_worker_name: string | null;
  retranscode_metadata: string | null;
}
export type TranscodingJob = Selectable<TranscodingJobsTable>;
export type NewTranscodingJob = Insertable<TranscodingJobsTable>;
export type TranscodingJobUpdate = Updateable<TranscodingJobsTable>;
export interface QualityProgressTable {
  id: Generated<number>;
  job_id: number | null;
  quality: string;
  status: Generated<string>;
  segments_total: number | null;
  segments_completed: Generated<number | null>;
  progress_percent: Generated<number | null>;
  started_at: Date | null;
  completed_at: Date | null;
  error_message: string | null;
}
export type QualityProgress = Selectable<QualityProgressTable>;
export type NewQualityProgress = Insertable<QualityProgressTable>;
export type QualityProgressUpdate = Updateable<QualityProgressTable>;
export interface TranscriptionsTable {
  id: Generated<number>;
  video_id: number | null;
  status: Generated<string>;
  language: Generated<string | null>;
  started_at: Date | null;
  completed_at: Date | null;
  duration_seconds: number | null;
  transcript_text: string | null;
  vtt_path: string | null;
  word_count: number | null;
  error_message: string | null;
  processed_by_worker_id: number | null;
  retry_count: Generated<number | null>;
  progress_percent: number | null;
}
export type Transcription = Selectable<TranscriptionsTable>;
export type NewTranscription = Insertable<TranscriptionsTable>;
export type TranscriptionUpdate = Updateable<TranscriptionsTable>;
export interface WorkersTable {
  id: Generated<number>;
  worker_id: string;
  worker_name: string | null;
  worker_type: Generated<string | null>;
  status: Generated<string | null>;
  registered_at: Date;
  last_heartbeat: Date | null;
  current_job_id: number | null;
  capabilities: string | null;
  metadata: string | null;
}
export type Worker = Selectable<WorkersTable>;
export type NewWorker = Insertable<WorkersTable>;
export type WorkerUpdate = Updateable<WorkersTable>;
export interface WorkerApiKeysTable {
  id: Generated<number>;
  worker_id: number | null;
  key_hash: string;
  key_prefix: string;
  hash_version: Generated<number>;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}
export type WorkerApiKey = Selectable<WorkerApiKeysTable>;
export type NewWorkerApiKey = Insertable<WorkerApiKeysTable>;
export type WorkerApiKeyUpdate = Updateable<WorkerApiKeysTable>;
export interface AdminSessionsTable {
  id: Generated<number>;
  session_token: string;
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  ip_address: string | null;
  user_agent: string | null;
}
export type AdminSession = Selectable<AdminSessionsTable>;
export type NewAdminSession = Insertable<AdminSessionsTable>;
export type AdminSessionUpdate = Updateable<AdminSessionsTable>;
export interface SettingsTable {
  id: Generated<number>;
  key: string;
  value: string;
  category: string;
  description: string | null;
  value_type: string;
  constraints: string | null;
  updated_at: Generated<Date | null>;
  updated_by: string | null;
}
export type Setting = Selectable<SettingsTable>;
export type NewSetting = Insertable<SettingsTable>;
export type SettingUpdate = Updateable<SettingsTable>;
export interface TagsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  created_at: Generated<Date | null>;
}
export type Tag = Selectable<TagsTable>;
export type NewTag = Insertable<TagsTable>;
export type TagUpdate = Updateable<TagsTable>;
export interface VideoTagsTable {
  video_id: number;
  tag_id: number;
  public_at: Generated<Date | null>; // set by triggers (migrations/0008)
}
export type VideoTag = Selectable<VideoTagsTable>;
export type NewVideoTag = Insertable<VideoTagsTable>;
export type VideoTagUpdate = Updateable<VideoTagsTable>;
export interface PlaylistsTable {
  id: Generated<number>;
  title: string;
  slug: string;
  description: string | null;
  thumbnail_path: string | null;
  visibility: Generated<string | null>;
  playlist_type: Generated<string | null>;
  is_featured: Generated<boolean | null>;
  user_id: string | null;
  created_at: Date;
  updated_at: Date | null;
  deleted_at: Date | null;
}
export type Playlist = Selectable<PlaylistsTable>;
export type NewPlaylist = Insertable<PlaylistsTable>;
export type PlaylistUpdate = Updateable<PlaylistsTable>;
export interface PlaylistItemsTable {
  id: Generated<number>;
  playlist_id: number | null;
  video_id: number | null;
  position: Generated<number | null>;
  added_at: Date | null;
}
export type PlaylistItem = Selectable<PlaylistItemsTable>;
export type NewPlaylistItem = Insertable<PlaylistItemsTable>;
export type PlaylistItemUpdate = Updateable<PlaylistItemsTable>;
export interface ChaptersTable {
  id: Generated<number>;
  video_id: number | null;
  title: string;
  description: string | null;
  start_time: number;
  end_time: number | null;
  position: Generated<number | null>;
  created_at: Date;
  updated_at: Date | null;
}
export type Chapter = Selectable<ChaptersTable>;
export type NewChapter = Insertable<ChaptersTable>;
export type ChapterUpdate = Updateable<ChaptersTable>;
export interface SpriteQueueTable {
  id: Generated<number>;
  video_id: number | null;
  priority: Generated<string | null>;
  status: Generated<string | null>;
  error_message: string | null;
  created_at: Generated<Date | null>;
  started_at: Date | null;
  completed_at: Date | null;
  processed_by_worker_id: number | null;
}
export type SpriteQueueEntry = Selectable<SpriteQueueTable>;
export type NewSpriteQueueEntry = Insertable<SpriteQueueTable>;
export type SpriteQueueEntryUpdate = Updateable<SpriteQueueTable>;
export interface CustomFieldDefinitionsTable {
  id: Generated<number>;
  name: string;
  slug: string;
  field_type: string;
  options: string | null;
  required: Generated<boolean | null>;
  category_id: number | null;
  position: Generated<number | null>;
  constraints: string | null;
  description: string | null;
  created_at: Generated<Date | null>;
}
export type CustomFieldDefinition = Selectable<CustomFieldDefinitionsTable>;
export type NewCustomFieldDefinition = Insertable<CustomFieldDefinitionsTable>;
export type CustomFieldDefinitionUpdate = Updateable<CustomFieldDefinitionsTable>;
export interface VideoCustomFieldsTable {
  video_id: number;
  field_id: number;
  value: string | null;
  public_at: Generated<Date | null>; // set by triggers (migrations/0011)
}
export type VideoCustomField = Selectable<VideoCustomFieldsTable>;
export type NewVideoCustomField = Insertable<VideoCustomFieldsTable>;
export type VideoCustomFieldUpdate = Updateable<VideoCustomFieldsTable>;
export interface WebhooksTable {
  id: Generated<number>;
  name: string;
  url: string;
  events: string;
  secret: string | null;
  active: Generated<boolean | null>;
  headers: string | null;
  created_at: Generated<Date | null>;
  updated_at: Date | null;
  last_triggered_at: Date | null;
  total_deliveries: Generated<number | null>;
  successful_deliveries: Generated<number | null>;
  failed_deliveries: Generated<number | null>;
}
export type Webhook = Selectable<WebhooksTable>;
export type NewWebhook = Insertable<WebhooksTable>;
export type WebhookUpdate = Updateable<WebhooksTable>;
export interface WebhookDeliveriesTable {
  id: Generated<number>;
  webhook_id: number | null;
  event_type: string;
  event_data: string;
  request_body: string | null;
  response_status: number | null;
  response_body: string | null;
  error_message: string | null;
  attempt_number: Generated<number | null>;
  status: Generated<string | null>;
  created_at: Generated<Date | null>;
  next_retry_at: Date | null;
  delivered_at: Date | null;
  duration_ms: number | null;
}
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
export type NewWebhookDelivery = Insertable<WebhookDeliveriesTable>;
export type WebhookDeliveryUpdate = Updateable<WebhookDeliveriesTable>;
export interface ReencodeQueueTable {
  id: Generated<number>;
  video_id: number | null;
  target_format: Generated<string | null>;
  target_codec: Generated<string | null>;
  priority: Generated<string | null>;
  status: Generated<string | null>;
  created_at: Generated<Date | null>;
  started_at: Date | null;
  completed_at: Date | null;
  error_message: string | null;
  retry_count: Generated<number | null>;
  processed_by_worker_id: number | null;
}
export type ReencodeQueueEntry = Selectable<ReencodeQueueTable>;
export type NewReencodeQueueEntry = Insertable<ReencodeQueueTable>;
export type ReencodeQueueEntryUpdate = Updateable<ReencodeQueueTable>;
export interface DeploymentEventsTable {
  id: Generated<number>;
  worker_id: string;
  worker_name: string | null;
  event_type: string;
  old_version: string | null;
  new_version: string | null;
  status: Generated<string | null>;
  triggered_by: string | null;
  details: string | null;
  created_at: Date;
  completed_at: Date | null;
}
export type DeploymentEvent = Selectable<DeploymentEventsTable>;
export type NewDeploymentEvent = Insertable<DeploymentEventsTable>;
export type DeploymentEventUpdate = Updateable<DeploymentEventsTable>;

export interface Database {
  categories: CategoriesTable;
  videos: VideosTable;
  video_qualities: VideoQualitiesTable;
  viewers: ViewersTable;
  playback_sessions: PlaybackSessionsTable;
  transcoding_jobs: TranscodingJobsTable;
  quality_progress: QualityProgressTable;
  transcriptions: TranscriptionsTable;
  workers: WorkersTable;
  worker_api_keys: WorkerApiKeysTable;
  admin_sessions: AdminSessionsTable;
  settings: SettingsTable;
  tags: TagsTable;
  video_tags: VideoTagsTable;
  playlists: PlaylistsTable;
  playlist_items: PlaylistItemsTable;
  chapters: ChaptersTable;
  sprite_queue: SpriteQueueTable;
  custom_field_definitions: CustomFieldDefinitionsTable;
  video_custom_fields: VideoCustomFieldsTable;
  video_search_documents: VideoSearchDocumentsTable;
  video_view_counts: VideoViewCountsTable;
  search_words: SearchWordsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  reencode_queue: ReencodeQueueTable;
  deployment_events: DeploymentEventsTable;
}
