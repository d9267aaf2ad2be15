import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/load-config.js';
import type { DatabaseHandle } from '../db/database.js';
import { createAdminAuthService } from '../domain/auth/admin-auth.service.js';
import { createAdminSessionRepository } from '../domain/auth/admin-session.repository.js';
import { createCategoryRepository } from '../domain/categories/category.repository.js';
import { createCategoryService } from '../domain/categories/category.service.js';
import { createHealthService } from '../domain/health/health.service.js';
import { createJobOutcomeRepository } from '../domain/jobs/job-outcome.repository.js';
import { JobEvents } from '../domain/jobs/job-events.js';
import { createJobService } from '../domain/jobs/job.service.js';
import { createProgressFeed } from '../domain/jobs/progress-feed.js';
import { createProgressRepository } from '../domain/jobs/progress.repository.js';
import { createTranscodingJobRepository } from '../domain/jobs/transcoding-job.repository.js';
import { createVideoSourceRepository } from '../domain/jobs/video-source.repository.js';
import { createUploadService } from '../domain/videos/upload.service.js';
import { createVideoRepository } from '../domain/videos/video.repository.js';
import { createVideoService } from '../domain/videos/video.service.js';
import { probeMedia } from '../media/probe.js';
import { StorageLayout } from '../storage/storage-layout.js';
import { createInProcessProtocol } from '../worker/in-process-protocol.js';
import { createWorkerLoop, type WorkerLogger } from '../worker/local-worker.js';
import { createTranscodeRunner } from '../worker/transcode.runner.js';

export interface Secrets {
  adminApiSecret: string;
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
  const jobs = createTranscodingJobRepository(db);
  const videos = createVideoRepository(db);
  const categories = createCategoryRepository(db);
  const jobService = createJobService({
    db,
    jobs,
    outcomes: createJobOutcomeRepository(db),
    events,
    options: {
      leaseSeconds: config.workerClaimDurationMinutes * 60,
      retryBackoffBaseSeconds: config.retryBackoffBase,
    },
  });

  const services = {
    auth: createAdminAuthService({
      sessions: createAdminSessionRepository(db),
      secret: secrets.adminApiSecret,
      sessionExpiryHours: config.adminSessionExpiryHours,
    }),
    categories: createCategoryService({ categories }),
    videos: createVideoService({
      videos,
      jobs,
      layout,
      events,
      errorSummaryMaxLength: config.errorSummaryMaxLength,
    }),
    uploads: createUploadService({
      db,
      videos,
      jobs,
      categories,
      layout,
      events,
      probe: (file) => probeMedia(file, { timeoutMs: 30_000 }),
      options: {
        maxUploadSize: config.maxUploadSize,
        streamingFormat: config.streamingFormat,
        streamingCodec: config.streamingCodec,
        maxAttempts: config.maxRetryAttempts,
      },
    }),
    jobs: jobService,
    health: createHealthService({ db, layout, timeoutMs: config.storageCheckTimeout * 1000 }),
    progressFeed: createProgressFeed({ progress: createProgressRepository(db), events, pollMs: 1000 }),
  };

  function createLocalWorker(logger: WorkerLogger) {
    const protocol = createInProcessProtocol({
      jobService,
      sources: createVideoSourceRepository(db),
      layout,
      workerId: randomUUID(),
      workerName: `local@${hostname()}`.slice(0, 100),
    });
    const settings = {
      segmentDuration: config.hlsSegmentDuration,
      progressIntervalMs: config.progressUpdateInterval * 1000,
      timeouts: {
        multiplier: config.ffmpegTimeoutMultiplier,
        minimum: config.ffmpegTimeoutMinimum,
        maximum: config.ffmpegTimeoutMaximum,
      },
    };
    return createWorkerLoop({
      runners: { transcode: createTranscodeRunner(protocol, settings) },
      logger,
      workDir: config.workDir,
      pollIntervalMs: config.workerPollInterval * 1000,
      onWake: (wake) => events.onQueued(wake),
    });
  }

  return { config, database, db, layout, events, services, createLocalWorker };
}

export type Container = ReturnType<typeof createContainer>;
