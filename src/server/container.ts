import type { Config } from '../config/load-config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createAdminAuthService } from '../domain/auth/admin-auth.service.js';
import { createAdminSessionRepository } from '../domain/auth/admin-session.repository.js';
import { createCategoryRepository } from '../domain/categories/category.repository.js';
import { createCategoryService } from '../domain/categories/category.service.js';
import { createCustomFieldRepository } from '../domain/custom-fields/custom-field.repository.js';
import { createCustomFieldService } from '../domain/custom-fields/custom-field.service.js';
import { createPublicCustomFieldService } from '../domain/custom-fields/public-custom-field.service.js';
import { createTagRepository } from '../domain/tags/tag.repository.js';
import { createTagService } from '../domain/tags/tag.service.js';
import { createChapterRepository } from '../domain/chapters/chapter.repository.js';
import { createChapterService } from '../domain/chapters/chapter.service.js';
import { probeChapters } from '../media/chapter-probe.js';
import { findUpload } from '../storage/file-moves.js';
import { createPlaylistRepository } from '../domain/playlists/playlist.repository.js';
import { createPlaylistService } from '../domain/playlists/playlist.service.js';
import { createHealthService } from '../domain/health/health.service.js';
import { createJobOutcomeRepository } from '../domain/transcode/job-outcome.repository.js';
import { JobEvents } from '../domain/queue/job-events.js';
import { createJobUploadService } from '../domain/transcode/job-upload.service.js';
import { createJobService } from '../domain/transcode/job.service.js';
import { createCheckpointReader } from '../domain/transcode/job-checkpoint.js';
import { createProgressFeed } from '../domain/transcode/progress-feed.js';
import { createProgressRepository } from '../domain/transcode/progress.repository.js';
import {
  createTranscodingJobRepository,
  type TranscodingJobRepository,
} from '../domain/transcode/transcoding-job.repository.js';
import { createStaleJobRecovery } from '../domain/queue/stale-job-recovery.js';
import { createVideoSourceRepository } from '../domain/transcode/video-source.repository.js';
import { createRetranscodeCleanup } from '../domain/transcode/retranscode-cleanup.js';
import { createRetranscodeCleanupRepository } from '../domain/transcode/retranscode-cleanup.repository.js';
import { createMediaVisibility } from '../domain/videos/media-visibility.js';
import { createRetentionService } from '../domain/videos/retention.service.js';
import { createThumbnailService } from '../domain/videos/thumbnail.service.js';
import { createVideoDeletionRepository } from '../domain/videos/video-deletion.repository.js';
import { createVideoLifecycleRepository } from '../domain/videos/video-lifecycle.repository.js';
import {
  createVideoLifecycleService,
  type VideoLifecycleService,
} from '../domain/videos/video-lifecycle.service.js';
import { createUploadService } from '../domain/videos/upload.service.js';
import { createVideoRepository } from '../domain/videos/video.repository.js';
import { createVideoService } from '../domain/videos/video.service.js';
import { createDiscoveryRepository } from '../domain/videos/discovery.repository.js';
import { createDiscoveryService } from '../domain/videos/discovery.service.js';
import { createVideoBulkService } from '../domain/videos/bulk/video-bulk.service.js';
import { createVideoExportRepository } from '../domain/videos/export/video-export.repository.js';
import { createVideoExportService } from '../domain/videos/export/video-export.service.js';
import { codeVersionResolver } from '../config/code-version.js';
import { createDeploymentEventRepository } from '../domain/workers/deployment-event.repository.js';
import { createWorkerAdminService } from '../domain/workers/worker-admin.service.js';
import { createWorkerAuthService } from '../domain/workers/worker-auth.service.js';
import { createWorkerCommandService } from '../domain/workers/worker-command.service.js';
import { WorkerEvents } from '../domain/workers/worker-events.js';
import { createWorkerRegistryService } from '../domain/workers/worker-registry.service.js';
import { createWorkerRepository } from '../domain/workers/worker.repository.js';
import { createWorkerViewRepository } from '../domain/workers/worker-view.repository.js';
import { probeMedia } from '../media/probe.js';
import { StorageLayout } from '../storage/storage-layout.js';
import { createReencodeJobService } from '../domain/reencode/reencode-jobs.service.js';
import { createReencodeQueueRepository } from '../domain/reencode/reencode-queue.repository.js';
import { createReencodeService } from '../domain/reencode/reencode.service.js';
import { createReencodePublisher } from '../domain/reencode/reencode-publish.js';
import { createReencodeUploadService } from '../domain/reencode/reencode-upload.service.js';
import { createSpriteJobService } from '../domain/sprites/sprite-jobs.service.js';
import { createSpriteUploadService } from '../domain/sprites/sprite-upload.service.js';
import { createSpriteQueueRepository } from '../domain/sprites/sprite-queue.repository.js';
import { createSpriteService } from '../domain/sprites/sprite.service.js';
import { publishSpriteSheets } from '../domain/sprites/sprite-publish.js';
import { createSettingsAdminService } from '../domain/settings/settings-admin.service.js';
import { createSettingsRepository } from '../domain/settings/settings.repository.js';
import { createSettingsService } from '../domain/settings/settings.service.js';
import { analyticsServices } from './analytics-services.js';
import { liveSettings, type LiveSettings } from './live-settings.js';
import { settingsEnvironment } from './settings-environment.js';
import { transcriptionServices } from './transcription-services.js';
import { viewerServices } from './viewer-services.js';
import { webhookServices, withUploadWebhook, withVideoWebhooks } from './webhook-services.js';

export interface Secrets {
  adminApiSecret: string;
  /** Worker API management secret; defaults to VLOG_WORKER_ADMIN_SECRET (empty refuses all). */
  workerAdminSecret?: string;
}

/**
 * The composition root: builds every repository and service once from the config and the
 * database. Entry points (server roles, CLI, tests) take what they need from it.
 */
export function createContainer(config: Config, database: DatabaseHandle, secrets: Secrets) {
  const { db } = database;
  const layout = new StorageLayout({
    videosDir: config.videosDir,
    uploadsDir: config.uploadsDir,
    archiveDir: config.archiveDir,
    workDir: config.workDir,
  });
  const events = new JobEvents();
  // Every tunable the settings catalogue names is read through here (pipeline.md §20).
  const settingsRepository = createSettingsRepository(db);
  const settings = createSettingsService({
    repository: settingsRepository,
    environment: settingsEnvironment(config),
    log: (message) => console.warn(message),
  });
  const live = liveSettings(settings, config);
  const jobs = createTranscodingJobRepository(db);
  const videos = createVideoRepository(db);
  const categories = createCategoryRepository(db);
  const customFieldRepository = createCustomFieldRepository(db);
  const lifecycle = createVideoLifecycleRepository(db);
  const retranscodeCleanup = createRetranscodeCleanup({
    repository: createRetranscodeCleanupRepository(db),
    layout,
    onError: (err, job) => console.error('retranscode cleanup failed', job, err),
  });
  const mediaJobs = createMediaJobs(config, database, layout, events, live);
  const hooks = webhookServices({ db, settings, events });
  const transcriptions = transcriptionServices({
    ...{ db, config, settings, layout, events, webhooks: hooks.webhooks },
    leaseSeconds: () => live.leaseSeconds,
  });
  const sources = createVideoSourceRepository(db);
  const jobService = createJobService({
    db,
    jobs,
    checkpoints: createCheckpointReader({ jobs, sources, layout }),
    sources,
    outcomes: createJobOutcomeRepository(db),
    events,
    options: live,
    afterClaim: (claimed) => retranscodeCleanup.afterClaim(claimed),
    afterComplete: async (videoId) => {
      await mediaJobs.services.sprites.enqueueAfterTranscode(videoId);
      await hooks.videoWebhooks.ready(videoId);
      await transcriptions.transcription
        .enqueueOnReady(videoId)
        .catch((err: unknown) => console.error('transcription could not be queued', videoId, err));
    },
    afterFail: (failed) => hooks.transcodeFailed(failed),
  });

  const workers = createWorkers(config, database, secrets, jobService, live, jobs);
  const chapters = createChapterService({
    chapters: createChapterRepository(db),
    findSource: (videoId) => findUpload(layout, videoId),
    readEmbedded: (file, signal) => probeChapters(file, { timeoutMs: 30_000, signal }),
  });

  const videoService = createVideoService({
    videos,
    jobs,
    layout,
    events,
    errorSummaryMaxLength: config.errorSummaryMaxLength,
    deletion: createVideoDeletionRepository(db),
    requeue: (trx, id) => lifecycle.resetForRetry(trx, id, live.maxAttempts),
    chapterMarks: (video) => chapters.marks(video),
  });

  const services = {
    ...workers.services,
    ...mediaJobs.services,
    ...transcriptions,
    settings,
    settingsAdmin: createSettingsAdminService({ repository: settingsRepository, settings }),
    auth: createAdminAuthService({
      sessions: createAdminSessionRepository(db),
      secret: secrets.adminApiSecret,
      sessionExpiryHours: config.adminSessionExpiryHours,
    }),
    categories: createCategoryService({ categories }),
    tags: createTagService({ tags: createTagRepository(db) }),
    chapters,
    customFields: createCustomFieldService({
      fields: customFieldRepository,
      categories,
      onUnexpected: (err, videoId) => console.error('bulk custom fields failed on video', videoId, err),
    }),
    publicCustomFields: createPublicCustomFieldService({ fields: customFieldRepository, categories }),
    playlists: createPlaylistService({ playlists: createPlaylistRepository(db) }),
    videos: withVideoWebhooks(videoService, hooks.videoWebhooks),
    discovery: createDiscoveryService({
      videos,
      discovery: createDiscoveryRepository(db),
      cacheTtlMs: config.publicListCacheSeconds * 1000,
      onVideosChanged: (listener) => events.onChanged(listener),
    }),
    uploads: withUploadWebhook(
      createUploadService({
        db,
        videos,
        jobs,
        categories,
        layout,
        events,
        probe: (file) => probeMedia(file, { timeoutMs: 30_000 }),
        options: live,
      }),
      hooks.videoWebhooks,
    ),
    jobs: jobService,
    spriteUploads: createSpriteUploadService({
      spriteJobs: mediaJobs.services.spriteJobs,
      layout,
      publish: (job, sheetsDir, vtt) => publishSpriteSheets(layout, job, sheetsDir, vtt),
      maxFileBytes: config.maxHlsSingleFileSize,
    }),
    jobUploads: createJobUploadService({
      jobService,
      layout,
      maxFileBytes: config.maxHlsSingleFileSize,
      workDir: config.workDir,
    }),
    lifecycle: createVideoLifecycleService({
      videos,
      lifecycle,
      categories,
      layout,
      events,
      probe: (file) => probeMedia(file, { timeoutMs: 30_000 }),
      options: live,
    }),
    thumbnails: createThumbnailService({
      videos,
      lifecycle,
      layout,
      options: live,
    }),
    ...viewerServices({ db, config, settings, live, videos, layout }),
    retention: createRetentionService({
      videos,
      videoService: {
        deletePermanently: (id: number): Promise<void> => services.videos.deletePermanently(id),
      },
      get retentionDays() {
        return live.retentionDays;
      },
    }),
    videoExport: createVideoExportService({ exports: createVideoExportRepository(db) }),
    // Each item is the single-video operation (bound late: those services are built in this literal).
    videoBulk: createVideoBulkService({
      videos: {
        archive: (id: number): Promise<void> => services.videos.archive(id),
        deletePermanently: (id: number): Promise<void> => services.videos.deletePermanently(id),
        restore: (id: number): Promise<void> => videoService.restore(id), // no video.restored in bulk
      },
      lifecycle: {
        update: (id, fields): Promise<void> => services.lifecycle.update(id, fields),
        retranscode: (id, names): ReturnType<VideoLifecycleService['retranscode']> =>
          services.lifecycle.retranscode(id, names),
      },
      categoryExists: (id) => categories.exists(id),
      onUnexpected: (err, videoId) => console.error('bulk operation failed on video', videoId, err),
    }),
    ...hooks,
    ...analyticsServices(db, settings, config),
    health: createHealthService({ db, layout, timeoutMs: config.storageCheckTimeout * 1000 }),
    progressFeed: createProgressFeed({ progress: createProgressRepository(db), events, pollMs: 1000 }),
    mediaVisibility: createMediaVisibility({ find: (slug) => videos.findMediaState(slug), events }),
    /** recoverStaleJobs(): every kind's abandoned jobs back to the queue (for the periodic tasks). */
    staleJobs: createStaleJobRecovery({
      transcode: hooks.alertingRecovery('transcode', () => jobs.recoverExpiredLeases()),
      sprite: () => mediaJobs.services.spriteJobs.recoverStale(),
      reencode: () => mediaJobs.reencodeJobs.recoverStale(),
      transcription: () => transcriptions.transcriptionJobs.recoverStale(),
    }),
  };
  hooks.triggerOnWorkerEvents(workers.events);

  return {
    config,
    database,
    db,
    layout,
    events,
    workerEvents: workers.events,
    /** Settings-backed options as they are now (routes and schedules read them at each use). */
    live,
    services,
  };
}

/** Worker identity, liveness and remote control (src/domain/workers). */
function createWorkers(
  config: Config,
  database: DatabaseHandle,
  secrets: Secrets,
  jobService: { release(input: { jobId: number; workerId: string }): Promise<void> },
  live: LiveSettings,
  jobs: Pick<TranscodingJobRepository, 'qualityProgress'>,
) {
  const { db } = database;
  const events = new WorkerEvents();
  const repo = createWorkerRepository(db);
  const views = createWorkerViewRepository(db);
  const workerAuth = createWorkerAuthService({
    workers: repo,
    adminSecret: secrets.workerAdminSecret ?? config.workerAdminSecret,
  });
  const workerCommands = createWorkerCommandService({
    events: createDeploymentEventRepository(db),
    views,
    options: {
      timeoutSeconds: config.workerCommandTimeoutMinutes * 60,
      get offlineThresholdSeconds() {
        return live.offlineThresholdSeconds;
      },
    },
  });
  const services = {
    workerAuth,
    workerCommands,
    workerRegistry: createWorkerRegistryService({
      db,
      workers: repo,
      commands: workerCommands,
      events,
      codeVersion: codeVersionResolver(config.codeVersion),
      versionPolicy: live,
      options: live,
    }),
    workerAdmin: createWorkerAdminService({
      db,
      workers: repo,
      views,
      auth: workerAuth,
      releaseJob: (input) => jobService.release(input),
      qualityProgress: (jobIds) => jobs.qualityProgress(jobIds),
      options: live,
    }),
  };
  return { events, services };
}

/** Sprite sheets and re-encoding: admin services and the local worker's runners (issue 3). */
function createMediaJobs(
  config: Config,
  database: DatabaseHandle,
  layout: StorageLayout,
  events: JobEvents,
  live: LiveSettings,
) {
  const { db } = database;
  const spriteQueue = createSpriteQueueRepository(db);
  const reencodeQueue = createReencodeQueueRepository(db);
  /** The re-encode queue as workers see it (the local runner and the worker API's re-encode routes). */
  const reencodeJobs = createReencodeJobService({
    queue: reencodeQueue,
    events,
    options: {
      get staleAfterSeconds() {
        return live.reencodeStaleAfterSeconds;
      },
      get leaseSeconds() {
        return live.leaseSeconds;
      },
      recoveryIntervalSeconds: 300,
    },
  });
  /** The one server-side publish of a re-encode (carry over, swap in, complete), local or remote. */
  const reencodePublisher = createReencodePublisher({
    layout,
    complete: (job, result, publish) => reencodeJobs.complete(job, result, publish),
  });
  const services = {
    sprites: createSpriteService({
      db,
      queue: spriteQueue,
      events,
      options: { enabled: config.spriteSheetEnabled, autoGenerate: config.spriteSheetAutoGenerate },
    }),
    reencode: createReencodeService({ db, queue: reencodeQueue, events }),
    reencodeUploads: createReencodeUploadService({
      reencodeJobs,
      publisher: reencodePublisher,
      layout,
      maxFileBytes: config.maxHlsSingleFileSize,
    }),
    /** The sprite queue as workers see it (the worker API's sprite routes). */
    spriteJobs: createSpriteJobService({
      queue: spriteQueue,
      events,
      options: {
        staleAfterSeconds: 2 * 3600,
        get leaseSeconds() {
          return live.leaseSeconds;
        },
        maxVideoDurationSeconds: config.spriteSheetMaxVideoDuration,
        recoveryIntervalSeconds: 300,
      },
    }),
  };
  return { services, reencodeJobs };
}

export type Container = ReturnType<typeof createContainer>;
