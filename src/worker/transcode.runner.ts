import type { JobRunner } from './job-runners.js';
import { runTranscodeJob, type TranscodeSettings } from './transcode.job.js';
import type { ClaimedWork, WorkerProtocol } from './worker-protocol.js';

/** Transcoding jobs (transcoding_jobs), claimed and reported through the worker protocol. */
export function createTranscodeRunner(
  protocol: WorkerProtocol,
  settings: TranscodeSettings,
): JobRunner<ClaimedWork> {
  return {
    claim: () => protocol.claim(),
    run: (work, ctx) =>
      runTranscodeJob({ work, protocol, settings, scratchDir: ctx.scratchDir, signal: ctx.signal }),
    describe: (work) => ({
      key: `transcode-${work.jobId}`,
      fields: { kind: 'transcode', jobId: work.jobId, videoId: work.videoId, slug: work.slug },
    }),
  };
}
