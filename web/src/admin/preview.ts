/**
 * Preview modal for ready videos: plays `/videos/{slug}/master.m3u8` (served by
 * the admin server) with hls.js, loaded lazily as a separate chunk.
 */
import { h, openModal } from './dom.js';

export const HLS_WORKER_PATH = '/static/hls.worker.js';

export function openPreview(slug: string, title: string): void {
  const src = `/videos/${encodeURIComponent(slug)}/master.m3u8`;
  const video = h('video', {
    class: 'preview-video',
    controls: true,
    playsinline: true,
    preload: 'metadata',
    'aria-label': `Preview of ${title}`,
  });
  const status = h('p', { class: 'preview-status muted', role: 'status' }, 'Loading player…');
  let destroy: (() => void) | null = null;
  let closed = false;

  const modal = openModal({
    title: `Preview: ${title}`,
    className: 'modal-lg preview-modal',
    onClose: () => {
      closed = true;
      destroy?.();
      video.removeAttribute('src');
    },
  });
  modal.dialog.id = 'preview-dialog';
  modal.body.append(h('div', { class: 'preview-frame' }, video), status);
  modal.footer.append(h('code', { class: 'muted small' }, src));

  void (async () => {
    try {
      const { default: Hls } = await import('hls.js');
      if (closed) return;
      if (Hls.isSupported()) {
        const hls = new Hls({ enableWorker: true, backBufferLength: 90, workerPath: HLS_WORKER_PATH });
        destroy = () => hls.destroy();
        hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
          const heights = [...new Set(data.levels.map((l) => l.height).filter((n) => n > 0))].sort(
            (a, b) => b - a,
          );
          status.textContent = heights.length ? `Available: ${heights.map((n) => `${n}p`).join(', ')}` : '';
        });
        hls.on(Hls.Events.ERROR, (_e, data) => {
          if (data.fatal) {
            status.textContent = `Playback error: ${data.details}`;
            hls.destroy();
          }
        });
        hls.loadSource(src);
        hls.attachMedia(video);
      } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
        video.src = src;
        status.textContent = '';
      } else {
        status.textContent = 'Video playback not supported in this browser.';
      }
    } catch (err) {
      status.textContent = `Could not load the player: ${err instanceof Error ? err.message : String(err)}`;
    }
  })();
}
