import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TranscriptionJob, TranscriptionResult } from '../contracts/transcription-job.js';
import { runFfmpeg } from '../media/run-ffmpeg.js';
import { buildAudioExtractArgs } from '../media/transcription/audio-extract.js';
import { chooseEngine } from '../media/transcription/choose-engine.js';
import { formatVtt } from '../media/captions/caption-cues.js';
import { buildCues, transcriptText } from '../media/transcription/cues.js';
import { TranscriptionEngineError, type TranscriptionEngine } from '../media/transcription/engine.js';
import { isMediaError } from '../media/media-error.js';
import { ABANDON, failOrRelease, isJobGone, type JobRunner } from './job-runners.js';
import { createProgressThrottle } from './progress-throttle.js';

/** The transcriptions queue as the worker sees it: claim → progress → complete | fail, release on shutdown. */
export interface TranscriptionJobs {
  claim(): Promise<TranscriptionJob | null>;
  progress(job: TranscriptionJob, percent: number): Promise<void>;
  /** Uploads captions.vtt, then reports the result (the server swaps the file in and records the row). */
  complete(job: TranscriptionJob, result: TranscriptionResult, vtt: string): Promise<void>;
  fail(job: TranscriptionJob, failure: { error: string; retry: boolean }): Promise<{ willRetry: boolean }>;
  release(job: TranscriptionJob): Promise<void>;
  /** A local path to the job's source (downloaded). */
  fetchSource(job: TranscriptionJob, scratchDir: string): Promise<string>;
}

export interface TranscriptionRunnerSettings {
  /** This worker's own VLOG_TRANSCRIPTION_API_KEY (the openai engine's bearer key; '' = none). */
  apiKey: string;
  /** Milliseconds between progress reports at most (plus one per whole percent). */
  progressIntervalMs?: number;
  /** Builds the engine a job names (tests pass their own). */
  engineFor?: (job: TranscriptionJob) => TranscriptionEngine;
}

/** Share of the progress bar the audio extraction takes; recognition takes the rest. */
const EXTRACTION_SHARE = 10;

/** The message a job's time limit gives (pipeline.md §14). */
export const timedOut = (seconds: number) => `Transcription timed out after ${seconds} seconds`;

async function transcribe(
  job: TranscriptionJob,
  deps: { jobs: TranscriptionJobs; settings: TranscriptionRunnerSettings },
  ctx: { scratchDir: string; signal: AbortSignal },
): Promise<void> {
  const started = Date.now();
  const throttle = createProgressThrottle<number>(
    deps.settings.progressIntervalMs ?? 2000,
    (percent) => deps.jobs.progress(job, percent),
    () => undefined,
  );
  const report = (percent: number) => throttle.push(percent, Math.round(percent * 10) / 10);
  await mkdir(ctx.scratchDir, { recursive: true });
  const source = await deps.jobs.fetchSource(job, ctx.scratchDir);
  const wav = path.join(ctx.scratchDir, 'audio.wav');
  await runFfmpeg(buildAudioExtractArgs(source, wav), {
    signal: ctx.signal,
    timeoutMs: job.audioExtractionTimeoutSeconds * 1000,
    description: 'Audio extraction',
  });
  report(EXTRACTION_SHARE);
  const engine =
    deps.settings.engineFor?.(job) ??
    chooseEngine({ ...job.engine, engine: job.engine.name, apiKey: deps.settings.apiKey });
  const heard = await engine.transcribe(wav, {
    language: job.language,
    signal: ctx.signal,
    onProgress: (f) => report(EXTRACTION_SHARE + f * (100 - EXTRACTION_SHARE)),
  });
  const cues = buildCues(heard.words);
  const text = transcriptText(heard.words);
  await throttle.flush().catch(() => undefined);
  await deps.jobs.complete(
    job,
    {
      text,
      language: heard.language,
      wordCount: text ? text.split(' ').length : 0,
      durationSeconds: (Date.now() - started) / 1000,
      cues: cues.length,
    },
    formatVtt(cues),
  );
}

/** Whether retrying can help: not for a time limit, an engine's own refusal or a file that is no media. */
function retryable(err: unknown): boolean {
  if (err instanceof TranscriptionEngineError) return !err.permanent;
  if (isMediaError(err)) return err.code !== 'timeout' && err.code !== 'not_a_video';
  return true;
}

/**
 * Transcription jobs: source → 16 kHz mono WAV (ffmpeg) → the engine's timed words → readable cues →
 * captions.vtt uploaded → complete with the transcript. The whole job is bounded by its timeout.
 */
export function createTranscriptionRunner(deps: {
  jobs: TranscriptionJobs;
  settings: TranscriptionRunnerSettings;
}): JobRunner<TranscriptionJob> {
  const { jobs } = deps;
  return {
    claim: () => jobs.claim(),
    async run(job, ctx) {
      const limit = AbortSignal.timeout(job.timeoutSeconds * 1000);
      const signal = AbortSignal.any([ctx.signal, limit]);
      try {
        await rm(ctx.scratchDir, { recursive: true, force: true });
        await transcribe(job, deps, { scratchDir: ctx.scratchDir, signal });
        return 'completed';
      } catch (err) {
        if (ctx.signal.aborted) {
          // Abandoned (a simulated crash) keeps the claim, as a killed process would.
          if (ctx.signal.reason !== ABANDON) await jobs.release(job).catch(() => undefined);
          return 'released';
        }
        if (isJobGone(err)) return 'released';
        const failure = limit.aborted
          ? { error: timedOut(job.timeoutSeconds), retry: false }
          : { error: err instanceof Error ? err.message : String(err), retry: retryable(err) };
        return failOrRelease(async () => {
          await jobs.fail(job, failure);
          return 'failed' as const;
        });
      } finally {
        await rm(ctx.scratchDir, { recursive: true, force: true }).catch(() => undefined);
      }
    },
    describe: (job) => ({
      key: `transcription-${job.jobId}`,
      fields: {
        kind: 'transcription',
        jobId: job.jobId,
        videoId: job.videoId,
        slug: job.slug,
        engine: job.engine.name,
      },
    }),
  };
}
