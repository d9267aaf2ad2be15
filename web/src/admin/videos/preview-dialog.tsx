/**
 * Preview modal: plays `/videos/{slug}/master.m3u8` (served by the admin server to the signed-in
 * session) with hls.js, loaded lazily as a separate chunk. Test hooks: `#preview-dialog`,
 * `.preview-status` ("Available: 720p, 480p…").
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { Modal, openOverlay } from '../components/modal.js';
import { HLS_OPTIONS } from '../../shared/hls-options.js';

function PreviewDialog({ slug, title, onClose }: { slug: string; title: string; onClose: () => void }) {
  const src = `/videos/${encodeURIComponent(slug)}/master.m3u8`;
  const video = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState('Loading player…');

  useEffect(() => {
    let closed = false;
    let destroy: (() => void) | null = null;
    const el = video.current;
    if (!el) return;
    void (async () => {
      try {
        const { default: Hls } = await import('hls.js');
        if (closed) return;
        if (Hls.isSupported()) {
          const hls = new Hls({ ...HLS_OPTIONS });
          destroy = () => hls.destroy();
          hls.on(Hls.Events.MANIFEST_PARSED, (_e, data) => {
            const heights = [...new Set(data.levels.map((l) => l.height).filter((n) => n > 0))].sort(
              (a, b) => b - a,
            );
            setStatus(heights.length ? `Available: ${heights.map((n) => `${n}p`).join(', ')}` : '');
          });
          hls.on(Hls.Events.ERROR, (_e, data) => {
            if (!data.fatal) return;
            setStatus(`Playback error: ${data.details}`);
            hls.destroy();
          });
          hls.loadSource(src);
          hls.attachMedia(el);
        } else if (el.canPlayType('application/vnd.apple.mpegurl')) {
          el.src = src;
          setStatus('');
        } else {
          setStatus('Video playback not supported in this browser.');
        }
      } catch (err) {
        setStatus(`Could not load the player: ${err instanceof Error ? err.message : String(err)}`);
      }
    })();
    return () => {
      closed = true;
      destroy?.();
      el.removeAttribute('src');
    };
  }, [src]);

  return (
    <Modal
      id="preview-dialog"
      class="modal-lg preview-modal"
      title={`Preview: ${title}`}
      onClose={onClose}
      footer={<code class="muted small">{src}</code>}
    >
      <div class="preview-frame">
        <video
          ref={video}
          class="preview-video"
          controls
          playsInline
          preload="metadata"
          aria-label={`Preview of ${title}`}
        />
      </div>
      <p class="preview-status muted" role="status">
        {status}
      </p>
    </Modal>
  );
}

export function openPreview(slug: string, title: string): void {
  openOverlay((close) => <PreviewDialog slug={slug} title={title} onClose={close} />);
}
