import path from 'node:path';
import { CAPTIONS_VTT } from '../../storage/storage-layout.js';
import type { TranscriptionJobs } from '../transcription.runner.js';
import { createJobClient, failMessage } from './job-client.js';
import type { WorkerApiClient } from './worker-api-client.js';

/**
 * Transcription jobs over the worker API (every worker, the server's own included): the shared job client
 * for claim, source (Range, resumable), captions.vtt upload (SHA-256), complete, fail and release, plus
 * the kind's progress report.
 */
export function createHttpTranscriptionJobs(client: WorkerApiClient): TranscriptionJobs {
  const api = createJobClient(client, 'transcription');
  return {
    async claim() {
      const { job } = await api.claim();
      if (!job) return null;
      return {
        jobId: job.job_id,
        videoId: job.video_id,
        slug: job.slug,
        language: job.language,
        engine: {
          name: job.engine.name,
          apiUrl: job.engine.api_url,
          apiModel: job.engine.api_model,
          whisperCppBinary: job.engine.whisper_cpp_binary,
          whisperCppModel: job.engine.whisper_cpp_model,
        },
        timeoutSeconds: job.timeout_seconds,
        audioExtractionTimeoutSeconds: job.audio_extraction_timeout_seconds,
        attempt: job.attempt,
        maxAttempts: job.max_attempts,
      };
    },
    async progress(job, percent) {
      await client.request(api.url(job.jobId, 'progress'), { method: 'POST', json: { percent } });
    },
    async complete(job, result, vtt) {
      await api.uploadText(job.jobId, CAPTIONS_VTT, vtt);
      await api.complete(job.jobId, {
        text: result.text,
        language: result.language,
        word_count: result.wordCount,
        duration_seconds: result.durationSeconds,
        cues: result.cues,
      });
    },
    async fail(job, failure) {
      const r = await api.fail(job.jobId, {
        error_message: failMessage(failure.error),
        retry: failure.retry,
      });
      return { willRetry: r.will_retry };
    },
    release: (job) => api.release(job.jobId),
    fetchSource: (job, scratchDir) =>
      api.download(job, path.join(scratchDir, 'source', `${job.videoId}.source`)),
  };
}
