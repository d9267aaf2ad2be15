import type { Kysely } from 'kysely';
import type { Config } from '../config/load-config.js';
import type { Database } from '../db/database.types.js';
import type { JobEvents } from '../domain/queue/job-events.js';
import type { SettingsService } from '../domain/settings/settings.service.js';
import { createTranscriptionFilesService } from '../domain/transcription/transcription-files.service.js';
import { createTranscriptionJobService } from '../domain/transcription/transcription-jobs.service.js';
import { createTranscriptionQueueRepository } from '../domain/transcription/transcription-queue.repository.js';
import { createTranscriptionService } from '../domain/transcription/transcription.service.js';
import type { WebhookTrigger } from '../domain/webhooks/webhook-trigger.js';
import type { StorageLayout } from '../storage/storage-layout.js';
import { transcriptServices } from './transcript-services.js';

/**
 * Transcription (issue 14): queueing (on ready, and queueTranscription for the admin API), the queue as
 * workers see it, and its files; the transcript and caption-upload services built on them. Options are getters over the settings: a change applies to the next job.
 */
export function transcriptionServices(deps: {
  db: Kysely<Database>;
  config: Config;
  settings: SettingsService;
  layout: StorageLayout;
  events: JobEvents;
  webhooks: WebhookTrigger;
  leaseSeconds: () => number;
}) {
  const { db, config, settings, layout, events } = deps;
  const queue = createTranscriptionQueueRepository(db);
  const transcriptionJobs = createTranscriptionJobService({
    queue,
    events,
    webhooks: deps.webhooks,
    onWebhookError: (err) => console.error('transcription.completed webhook could not be queued', err),
    options: {
      get enabled() {
        return settings.get('transcription.enabled');
      },
      get engine() {
        return {
          name: settings.get('transcription.engine'),
          apiUrl: settings.get('transcription.api_url'),
          apiModel: settings.get('transcription.api_model'),
          whisperCppBinary: settings.get('transcription.whisper_cpp_binary'),
          whisperCppModel: settings.get('transcription.whisper_cpp_model'),
        };
      },
      get language() {
        return settings.get('transcription.language').toLowerCase();
      },
      get timeoutSeconds() {
        return settings.get('transcription.timeout');
      },
      audioExtractionTimeoutSeconds: config.audioExtractionTimeout,
      get webhooksEnabled() {
        return settings.get('webhooks.enabled');
      },
      /** A job runs at most its timeout plus the extraction's; past that (and a margin) its worker is gone. */
      get staleAfterSeconds() {
        return settings.get('transcription.timeout') + config.audioExtractionTimeout + 600;
      },
      get leaseSeconds() {
        return deps.leaseSeconds();
      },
      recoveryIntervalSeconds: 300,
    },
  });
  const transcription = createTranscriptionService({
    db,
    queue,
    events,
    options: {
      get enabled() {
        return settings.get('transcription.enabled');
      },
      get onUpload() {
        return settings.get('transcription.on_upload');
      },
    },
  });
  return {
    transcription,
    // The transcript endpoints and caption upload queue through this kind's queueTranscription.
    ...transcriptServices({ db, layout, transcription }),
    transcriptionJobs,
    transcriptionFiles: createTranscriptionFilesService({
      jobs: transcriptionJobs,
      layout,
      maxFileBytes: config.maxHlsSingleFileSize,
    }),
  };
}
