import cliProgress from 'cli-progress';
import type { TranscodeState } from './follow-transcode.js';

const ACTIVE = new Set(['in_progress', 'uploading']);

/** "transcode 720p 40%, 480p 85%", or "waiting for a worker" while the job is queued. */
export function describeStep(state: TranscodeState): string {
  if (state.status === 'pending') {
    const retry = state.last_error ? ` (${state.last_error})` : '';
    return `waiting for a worker${retry}`;
  }
  const step = state.current_step ?? state.status;
  const active = (state.qualities ?? []).filter((q) => ACTIVE.has(q.status));
  return active.length > 0 ? `${step} ${active.map((q) => `${q.name} ${q.progress}%`).join(', ')}` : step;
}

/**
 * Shows transcoding progress: a live bar on a terminal; elsewhere (a pipe, a CI log) one line
 * per new step or quality and per 10 % of progress, so a log stays short and readable.
 */
export function createTranscodeDisplay(options: { tty: boolean; print: (s: string) => void }) {
  const bar = options.tty
    ? new cliProgress.SingleBar(
        { format: 'Transcoding [{bar}] {percentage}% | {step}', hideCursor: true },
        cliProgress.Presets.shades_classic,
      )
    : null;
  let started = false;
  let lastKey = '';
  return {
    update(state: TranscodeState): void {
      const percent = Math.max(0, Math.min(100, Math.round(state.progress_percent)));
      const step = describeStep(state);
      if (bar) {
        if (!started) bar.start(100, percent, { step });
        else bar.update(percent, { step });
        started = true;
        return;
      }
      const active = (state.qualities ?? []).filter((q) => ACTIVE.has(q.status)).map((q) => q.name);
      const key = `${state.status}|${state.current_step}|${active.join(',')}|${Math.floor(percent / 10)}`;
      if (key === lastKey) return;
      lastKey = key;
      options.print(`Transcoding: ${percent}% | ${step}`);
    },
    stop(): void {
      if (bar && started) bar.stop();
      started = false;
    },
  };
}
