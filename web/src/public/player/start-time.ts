/**
 * Where playback starts (ui.md §1.4 "Resume", plus `?t=`): a `t` in the URL (`90`, `90s`, `1m30s`,
 * `1h2m3s`) wins; else saved progress between 5 % and 95 % resumes silently. Either way the seek waits for
 * the metadata, and is skipped when it is past the end or arrives more than 5 s late (the viewer has moved on).
 */
import { announce } from '../../shared/dom.js';
import { formatDuration } from '../../shared/format.js';
import { getProgress, resumePosition, clearProgress } from './viewer-memory.js';

/** Seconds from a `t` parameter, or null when absent or malformed. */
export function parseStartTime(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || value === '') return null;
  const [, hours, minutes, seconds] = m;
  if (!hours && !minutes && !seconds) return null;
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}

const GUARD_MS = 5000;

export function applyStartTime(video: HTMLVideoElement, videoId: number, search = location.search): void {
  const requested = parseStartTime(new URLSearchParams(search).get('t'));
  const since = performance.now();
  const go = () => {
    if (performance.now() - since > GUARD_MS && video.currentTime > 0) return;
    const d = video.duration;
    if (!(Number.isFinite(d) && d > 0)) return;
    if (requested !== null) {
      if (requested < d) video.currentTime = requested;
      return;
    }
    const saved = getProgress(videoId);
    const at = resumePosition(saved, d);
    if (at !== null) {
      video.currentTime = at;
      announce(`Resuming at ${formatDuration(at)}`);
    } else if (saved && saved.position >= d) clearProgress(videoId); // stale
  };
  if (video.readyState >= HTMLMediaElement.HAVE_METADATA) go();
  else video.addEventListener('loadedmetadata', go, { once: true });
}
