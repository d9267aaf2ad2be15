import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { JobIdParam } from '../../../contracts/worker-api/common.contract.js';
import { TranscriptionProgressBody } from '../../../contracts/worker-api/transcription-job.contract.js';
import type { TranscriptionJob } from '../../../contracts/transcription-job.js';
import type { TranscriptionFilesService } from '../../../domain/transcription/transcription-files.service.js';
import type { TranscriptionJobService } from '../../../domain/transcription/transcription-jobs.service.js';
import { workerPrincipal } from '../../plugins/worker-auth.js';
import { errors, StatusOk } from '../../schemas/common.schemas.js';
import { jobKindRoutes, type JobKindAdapter } from './job-kind.routes.js';

const KEY_AUTH = 'Requires the X-Worker-API-Key header; only the worker that claimed the job may call it.';

interface TranscriptionDeps {
  transcriptionJobs: TranscriptionJobService;
  files: TranscriptionFilesService;
}

const toClaim = (job: TranscriptionJob) => ({
  job_id: job.jobId,
  video_id: job.videoId,
  slug: job.slug,
  language: job.language,
  engine: {
    name: job.engine.name,
    api_url: job.engine.apiUrl,
    api_model: job.engine.apiModel,
    whisper_cpp_binary: job.engine.whisperCppBinary,
    whisper_cpp_model: job.engine.whisperCppModel,
  },
  timeout_seconds: job.timeoutSeconds,
  audio_extraction_timeout_seconds: job.audioExtractionTimeoutSeconds,
  attempt: job.attempt,
  max_attempts: job.maxAttempts,
});

/** Transcription jobs (the transcriptions table) behind the shared job endpoints. */
function transcriptionJobKind({
  transcriptionJobs,
  files,
}: TranscriptionDeps): JobKindAdapter<'transcription'> {
  const owned = (c: { worker: { id: number }; jobId: number }) =>
    files.owned({ jobId: c.jobId, workerPk: c.worker.id });
  return {
    kind: 'transcription',
    tags: ['transcription'],
    docs: {
      claim:
        'Claims the next pending transcription of a ready video (most recently published first), with the language and the engine the settings choose.',
      source: `The source of the job's video (the upload, or its best rendition as one file); supports Range. ${KEY_AUTH}`,
      files: `captions.vtt (WebVTT); raw body with X-Content-SHA256. ${KEY_AUTH}`,
      complete: `Swaps the uploaded captions.vtt in and records the transcript; triggers transcription.completed. ${KEY_AUTH}`,
      fail: `A failed attempt: retried (up to max_attempts) when retry is true, else failed for good. ${KEY_AUTH}`,
      release: `Gives the job back untouched (worker shutdown). ${KEY_AUTH}`,
    },
    async claim(worker) {
      const job = await transcriptionJobs.claim(worker.id);
      if (!job) return { job: null, message: 'No transcription jobs available' };
      return { job: toClaim(job) };
    },
    source: (worker, jobId) => files.source({ jobId, workerPk: worker.id }),
    async receive({ worker, jobId }, upload) {
      const { relativePath: name, ...file } = upload;
      const { bytes } = await files.receive({ jobId, workerPk: worker.id, name, ...file });
      return { status: 'ok', bytes_written: bytes };
    },
    async complete(caller, b) {
      const job = await owned(caller);
      const { file, target } = await files.staged(job);
      const record = {
        text: b.text,
        language: b.language.toLowerCase(),
        wordCount: b.word_count,
        durationSeconds: b.duration_seconds,
        vttPath: target,
      };
      try {
        await transcriptionJobs.complete(job, caller.worker.id, record, async () => {
          await mkdir(path.dirname(target), { recursive: true });
          await rename(file, target);
        });
      } finally {
        // Completed, or refused because the job or its video is gone: its staged files go either way.
        await files.discard(job.jobId);
      }
      return { status: 'ok' };
    },
    async fail(caller, b) {
      const job = await owned(caller);
      const { willRetry } = await transcriptionJobs.fail(job, { error: b.error_message, retry: b.retry });
      await files.discard(job.jobId);
      return { status: 'ok', will_retry: willRetry };
    },
    async release(caller) {
      const job = await owned(caller);
      await transcriptionJobs.release(job);
      await files.discard(job.jobId);
      return { status: 'ok' };
    },
  };
}

/** Transcription jobs for workers: the shared job endpoints plus progress. */
export function workerTranscriptionRoutes(deps: TranscriptionDeps) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(jobKindRoutes(transcriptionJobKind(deps)));
    const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/api/worker/transcription/:job_id/progress',
      {
        schema: {
          tags: ['transcription'],
          description: `The share of the audio recognised so far (0–100). ${KEY_AUTH}`,
          params: JobIdParam,
          body: TranscriptionProgressBody,
          response: { 200: StatusOk, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const worker = workerPrincipal(req);
        const job = await deps.files.owned({ jobId: req.params.job_id, workerPk: worker.id });
        await deps.transcriptionJobs.progress(job, worker.id, req.body.percent);
        return { status: 'ok' };
      },
    );
  };
}
