import type { ClaimedRow, ClaimedVideo } from './job-queue.repository.js';

/** `problem` for the kinds that work on a ready, live video (re-encode, transcription). */
export function notReadyOrGone(video: ClaimedVideo | null): string | null {
  if (!video || video.deleted) return 'Video not found';
  return video.status !== 'ready' ? `Video status is ${video.status}` : null;
}

/**
 * Claims until a job can run: one whose video cannot have it (`problem` says why) is refused — failed for
 * good by `refuse` — on the way, and the next one is claimed. Null when the queue is empty.
 */
export async function claimRunnable<Row>(steps: {
  claim: () => Promise<ClaimedRow<Row> | null>;
  problem: (video: ClaimedVideo | null) => string | null;
  refuse: (claimed: ClaimedRow<Row>, problem: string) => Promise<unknown>;
}): Promise<{ job: Row; video: ClaimedVideo } | null> {
  for (;;) {
    const claimed = await steps.claim();
    if (!claimed) return null;
    const problem = steps.problem(claimed.video);
    if (problem === null && claimed.video) return { job: claimed.job, video: claimed.video };
    await steps.refuse(claimed, problem ?? 'Video not found');
  }
}
