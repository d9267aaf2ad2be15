/**
 * Saves the viewer's position (ui.md §1.4 "Progress saving"): every 5 s while playing when it moved more than
 * 1 s, on pause and when the page is hidden or left (`pagehide`); forgets the video on `ended`. After one
 * refused write (storage full or disabled) it stops trying.
 */
import { clearProgress, saveProgress } from './viewer-memory.js';

const EVERY_MS = 5000;

export function saveProgressWhilePlaying(video: HTMLVideoElement, videoId: number): () => void {
  let lastSaved = -1;
  let disabled = false;
  // The last position seen: on pagehide the player may already be torn down (currentTime 0, no duration).
  const known = { time: 0, duration: 0 };
  const track = () => {
    if (video.duration > 0 && Number.isFinite(video.duration)) {
      known.time = video.currentTime;
      known.duration = video.duration;
    }
  };
  const save = () => {
    track();
    if (disabled || video.ended || !(known.duration > 0)) return;
    if (Math.abs(known.time - lastSaved) <= 1) return;
    if (known.time < 1) return; // not started: nothing to resume
    lastSaved = known.time;
    if (!saveProgress(videoId, known.time, known.duration)) disabled = true;
  };
  const timer = window.setInterval(() => {
    if (!video.paused) save();
  }, EVERY_MS);
  const onEnded = () => {
    lastSaved = -1;
    clearProgress(videoId);
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') save();
  };
  video.addEventListener('timeupdate', track);
  video.addEventListener('seeked', track);
  video.addEventListener('pause', save);
  video.addEventListener('ended', onEnded);
  window.addEventListener('pagehide', save);
  document.addEventListener('visibilitychange', onHide);
  return () => {
    window.clearInterval(timer);
    video.removeEventListener('timeupdate', track);
    video.removeEventListener('seeked', track);
    video.removeEventListener('pause', save);
    video.removeEventListener('ended', onEnded);
    window.removeEventListener('pagehide', save);
    document.removeEventListener('visibilitychange', onHide);
  };
}
