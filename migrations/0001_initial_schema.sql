-- 0001_initial_schema.sql: the complete VLog schema, as specified by docs/seed-schema.md.
--
-- Forward-only: never edit this file once applied, add a new NNNN_name.sql instead.
-- test/integration/schema.test.ts checks the migrated schema against the seed document on
-- PostgreSQL and PGlite, so any drift from the seed fails the test suite.
--
-- Conventions (taken from the seed):
--   INTEGER PRIMARY KEY "Auto-increment"  -> serial primary key
--   FLOAT                                 -> double precision
--   TIMESTAMP / TIMESTAMP WITH TIME ZONE  -> timestamp / timestamptz
--   NOT NULL and DEFAULT only where the seed says so.
--   A UNIQUE column with its own ix_ index gets a unique index (no duplicate constraint).
--   Unnamed seed CHECKs are named ck_<table>_<column>.
-- Tables are created in foreign-key dependency order.

create table categories (
  id serial primary key,
  name varchar(100) not null,
  slug varchar(100) not null unique,
  description text default '',
  created_at timestamptz default now()
);

create table videos (
  id serial primary key,
  title varchar(255) not null,
  slug varchar(255) not null unique,
  description text default '',
  -- No ON DELETE action: the application nulls category_id before deleting a category.
  category_id integer references categories (id),
  duration double precision default 0,
  source_width integer default 0,
  source_height integer default 0,
  status varchar(20) default 'pending',
  error_message text,
  thumbnail_source varchar(20) default 'auto',
  thumbnail_timestamp double precision,
  is_featured boolean default false,
  has_chapters boolean default false,
  streaming_format varchar(10) not null default 'hls_ts',
  primary_codec varchar(10) not null default 'h264',
  featured_at timestamptz,
  sprite_sheet_status varchar(20),
  sprite_sheet_error text,
  sprite_sheet_count integer default 0,
  sprite_sheet_interval integer,
  sprite_sheet_tile_size integer,
  sprite_sheet_frame_width integer,
  sprite_sheet_frame_height integer,
  created_at timestamptz default now(),
  published_at timestamptz,
  deleted_at timestamptz
);
create index ix_videos_status on videos (status);
create index ix_videos_category_id on videos (category_id);
create index ix_videos_created_at on videos (created_at);
create index ix_videos_published_at on videos (published_at);
create index ix_videos_deleted_at on videos (deleted_at);

create table video_qualities (
  id serial primary key,
  video_id integer references videos (id) on delete cascade,
  quality varchar(10),
  width integer,
  height integer,
  bitrate integer
);

create table viewers (
  id serial primary key,
  session_id varchar(64) not null unique,
  first_seen timestamptz default now(),
  last_seen timestamptz default now()
);

create table playback_sessions (
  id serial primary key,
  video_id integer references videos (id) on delete cascade,
  viewer_id integer references viewers (id) on delete set null,
  session_token varchar(64) not null unique,
  started_at timestamptz default now(),
  ended_at timestamptz,
  duration_watched double precision default 0,
  max_position double precision default 0,
  quality_used varchar(10),
  completed boolean default false
);
create index ix_playback_sessions_video_id on playback_sessions (video_id);
create index ix_playback_sessions_viewer_id on playback_sessions (viewer_id);
create index ix_playback_sessions_started_at on playback_sessions (started_at);

create table transcoding_jobs (
  id serial primary key,
  -- UNIQUE through ix_transcoding_jobs_video_id below.
  video_id integer references videos (id) on delete cascade,
  worker_id varchar(36),
  current_step varchar(50),
  progress_percent integer default 0,
  started_at timestamp,
  last_checkpoint timestamp,
  completed_at timestamp,
  claimed_at timestamp,
  claim_expires_at timestamp,
  attempt_number integer default 1,
  max_attempts integer default 3,
  last_error text,
  processed_by_worker_id varchar(36),
  processed_by_worker_name varchar(100),
  retranscode_metadata text
);
create unique index ix_transcoding_jobs_video_id on transcoding_jobs (video_id);
create index ix_transcoding_jobs_claim_expires on transcoding_jobs (claim_expires_at);

create table quality_progress (
  id serial primary key,
  job_id integer references transcoding_jobs (id) on delete cascade,
  quality varchar(10) not null,
  status varchar(20) not null default 'pending',
  segments_total integer,
  segments_completed integer default 0,
  progress_percent integer default 0,
  started_at timestamptz,
  completed_at timestamptz,
  error_message text,
  constraint uq_job_quality unique (job_id, quality)
);
create index ix_quality_progress_job_id on quality_progress (job_id);

create table transcriptions (
  id serial primary key,
  video_id integer unique references videos (id) on delete cascade,
  status varchar(20) not null default 'pending',
  language varchar(10) default 'en',
  started_at timestamptz,
  completed_at timestamptz,
  duration_seconds double precision,
  transcript_text text,
  vtt_path varchar(255),
  word_count integer,
  error_message text
);

create table workers (
  id serial primary key,
  -- UNIQUE through ix_workers_worker_id below.
  worker_id varchar(36) not null,
  worker_name varchar(100),
  worker_type varchar(20) default 'remote',
  status varchar(20) default 'active',
  registered_at timestamp not null,
  last_heartbeat timestamp,
  current_job_id integer references transcoding_jobs (id) on delete set null,
  capabilities text,
  metadata text
);
create unique index ix_workers_worker_id on workers (worker_id);
create index ix_workers_status on workers (status);
create index ix_workers_last_heartbeat on workers (last_heartbeat);

create table worker_api_keys (
  id serial primary key,
  worker_id integer references workers (id) on delete cascade,
  key_hash varchar(255) not null,
  key_prefix varchar(8) not null,
  hash_version integer not null default 2,
  created_at timestamp not null,
  expires_at timestamp,
  revoked_at timestamp,
  last_used_at timestamp
);
create index ix_worker_api_keys_key_prefix on worker_api_keys (key_prefix);
create index ix_worker_api_keys_worker_id on worker_api_keys (worker_id);

create table admin_sessions (
  id serial primary key,
  -- UNIQUE through ix_admin_sessions_session_token below.
  session_token varchar(128) not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  last_used_at timestamptz,
  ip_address varchar(45),
  user_agent varchar(512)
);
create unique index ix_admin_sessions_session_token on admin_sessions (session_token);
create index ix_admin_sessions_expires_at on admin_sessions (expires_at);

create table settings (
  id serial primary key,
  -- UNIQUE through ix_settings_key below.
  key varchar(255) not null,
  value text not null,
  category varchar(100) not null,
  description text,
  value_type varchar(50) not null,
  constraints text,
  updated_at timestamptz default now(),
  updated_by varchar(255)
);
create unique index ix_settings_key on settings (key);
create index ix_settings_category on settings (category);

create table tags (
  id serial primary key,
  name varchar(50) not null unique,
  -- UNIQUE through ix_tags_slug below.
  slug varchar(50) not null,
  created_at timestamptz default now()
);
create unique index ix_tags_slug on tags (slug);

create table video_tags (
  video_id integer references videos (id) on delete cascade,
  tag_id integer references tags (id) on delete cascade,
  primary key (video_id, tag_id)
);
create index ix_video_tags_video_id on video_tags (video_id);
create index ix_video_tags_tag_id on video_tags (tag_id);

create table playlists (
  id serial primary key,
  title varchar(255) not null,
  -- UNIQUE through ix_playlists_slug below.
  slug varchar(255) not null,
  description text,
  thumbnail_path varchar(500),
  visibility varchar(20) default 'public'
    constraint ck_playlists_visibility check (visibility in ('public', 'private', 'unlisted')),
  playlist_type varchar(20) default 'playlist'
    constraint ck_playlists_playlist_type check (playlist_type in ('playlist', 'collection', 'series', 'course')),
  is_featured boolean default false,
  user_id varchar(100),
  created_at timestamptz not null,
  updated_at timestamptz,
  deleted_at timestamptz
);
create unique index ix_playlists_slug on playlists (slug);
create index ix_playlists_visibility on playlists (visibility);
create index ix_playlists_is_featured on playlists (is_featured);
create index ix_playlists_deleted_at on playlists (deleted_at);
create index ix_playlists_playlist_type on playlists (playlist_type);

create table playlist_items (
  id serial primary key,
  playlist_id integer references playlists (id) on delete cascade,
  video_id integer references videos (id) on delete cascade,
  position integer default 0,
  added_at timestamptz,
  constraint uq_playlist_video unique (playlist_id, video_id)
);
create index ix_playlist_items_playlist_id on playlist_items (playlist_id);
create index ix_playlist_items_video_id on playlist_items (video_id);
create index ix_playlist_items_position on playlist_items (position);
create index ix_playlist_items_playlist_position on playlist_items (playlist_id, position);

create table chapters (
  id serial primary key,
  video_id integer references videos (id) on delete cascade,
  title varchar(255) not null,
  description text,
  start_time double precision not null,
  end_time double precision,
  position integer default 0,
  created_at timestamptz not null,
  updated_at timestamptz,
  constraint ck_chapters_start_time_positive check (start_time >= 0),
  constraint ck_chapters_end_time_valid check (end_time is null or end_time > start_time),
  constraint uq_chapter_video_position unique (video_id, position)
);
create index ix_chapters_video_id on chapters (video_id);
create index ix_chapters_position on chapters (position);
create index ix_chapters_video_position on chapters (video_id, position);

create table sprite_queue (
  id serial primary key,
  video_id integer references videos (id) on delete cascade,
  priority varchar(10) default 'normal'
    constraint ck_sprite_queue_priority check (priority in ('high', 'normal', 'low')),
  status varchar(20) default 'pending'
    constraint ck_sprite_queue_status
    check (status in ('pending', 'processing', 'completed', 'failed', 'cancelled')),
  error_message text,
  created_at timestamptz default now(),
  started_at timestamptz,
  completed_at timestamptz,
  processed_by_worker_id integer
);
create index ix_sprite_queue_status on sprite_queue (status);
create index ix_sprite_queue_video_id on sprite_queue (video_id);
create index ix_sprite_queue_priority_created on sprite_queue (priority, created_at);
create index ix_sprite_queue_pending_priority on sprite_queue (priority, created_at)
  where status = 'pending';

create table custom_field_definitions (
  id serial primary key,
  name varchar(100) not null,
  slug varchar(100) not null,
  field_type varchar(20) not null
    constraint ck_custom_field_definitions_field_type
    check (field_type in ('text', 'number', 'date', 'select', 'multi_select', 'url')),
  options text,
  required boolean default false,
  -- NULL means a global field.
  category_id integer references categories (id) on delete cascade,
  position integer default 0,
  constraints text,
  description text,
  created_at timestamptz default now(),
  -- NULLS NOT DISTINCT: two global fields (category_id NULL) cannot share a slug.
  constraint uq_custom_field_slug_category unique nulls not distinct (slug, category_id)
);
create index ix_custom_field_definitions_category_id on custom_field_definitions (category_id);
create index ix_custom_field_definitions_position on custom_field_definitions (position);

create table video_custom_fields (
  video_id integer references videos (id) on delete cascade,
  field_id integer references custom_field_definitions (id) on delete cascade,
  value text,
  primary key (video_id, field_id)
);
create index ix_video_custom_fields_video_id on video_custom_fields (video_id);
create index ix_video_custom_fields_field_id on video_custom_fields (field_id);

create table webhooks (
  id serial primary key,
  name varchar(100) not null,
  url varchar(500) not null,
  events text not null,
  secret varchar(64),
  active boolean default true,
  headers text,
  created_at timestamptz default now(),
  updated_at timestamptz,
  last_triggered_at timestamptz,
  total_deliveries integer default 0,
  successful_deliveries integer default 0,
  failed_deliveries integer default 0
);
create index ix_webhooks_active on webhooks (active);
create index ix_webhooks_created_at on webhooks (created_at);

create table webhook_deliveries (
  id serial primary key,
  webhook_id integer references webhooks (id) on delete cascade,
  event_type varchar(50) not null,
  event_data text not null,
  request_body text,
  response_status integer,
  response_body text,
  error_message text,
  attempt_number integer default 1,
  status varchar(20) default 'pending',
  created_at timestamptz default now(),
  next_retry_at timestamptz,
  delivered_at timestamptz,
  duration_ms integer
);
create index ix_webhook_deliveries_webhook_id on webhook_deliveries (webhook_id);
create index ix_webhook_deliveries_status on webhook_deliveries (status);
create index ix_webhook_deliveries_event_type on webhook_deliveries (event_type);
create index ix_webhook_deliveries_next_retry_at on webhook_deliveries (next_retry_at);
create index ix_webhook_deliveries_status_next_retry on webhook_deliveries (status, next_retry_at);

create table reencode_queue (
  id serial primary key,
  video_id integer references videos (id) on delete cascade,
  target_format varchar(20) default 'cmaf',
  target_codec varchar(10) default 'hevc',
  priority varchar(10) default 'normal',
  status varchar(20) default 'pending',
  created_at timestamptz default now(),
  started_at timestamptz,
  completed_at timestamptz,
  error_message text,
  retry_count integer default 0,
  processed_by_worker_id integer
);
create index ix_reencode_queue_status on reencode_queue (status);
create index ix_reencode_queue_video_id on reencode_queue (video_id);
create index ix_reencode_queue_priority_created on reencode_queue (priority, created_at);

create table deployment_events (
  id serial primary key,
  -- Holds workers.worker_id (a UUID) but deliberately has no foreign key.
  worker_id varchar(36) not null,
  worker_name varchar(100),
  event_type varchar(20) not null,
  old_version varchar(64),
  new_version varchar(64),
  status varchar(20) default 'pending',
  triggered_by varchar(100),
  details text,
  created_at timestamptz not null,
  completed_at timestamptz
);
create index ix_deployment_events_worker_id on deployment_events (worker_id);
create index ix_deployment_events_created_at on deployment_events (created_at);
