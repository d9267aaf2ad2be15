/**
 * Thumbnail dialog (api-admin.md §5.7): the current thumbnail; "Generate frames" grabs five candidates and
 * clicking one selects it; a custom image can be uploaded; "Revert" restores the automatic frame.
 *
 * Test hooks: `#thumbnail-dialog`, `#thumbnail-current` (img), `#thumbnail-status`, `#thumbnail-generate`,
 * `#thumbnail-frames` with buttons `[data-frame-index]`, `#thumbnail-file`, `#thumbnail-upload`,
 * `#thumbnail-revert`.
 */
import { useRef } from 'preact/hooks';
import type { ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import { toast } from '../components/toast.js';
import type { VideoListItem } from '../../shared/types.js';
import { useThumbnail } from './use-thumbnail.js';

const ACCEPT = '.jpg,.jpeg,.png,.webp';

interface Props {
  video: VideoListItem;
  api: ApiClient;
  changed: () => void;
  onClose: () => void;
}

function ThumbnailDialog({ video, api, changed, onClose }: Props) {
  const thumb = useThumbnail(api, video.id, changed);
  const { busy, frames } = thumb;
  const file = useRef<HTMLInputElement>(null);

  const upload = () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      toast('Choose an image first', 'error');
      file.current?.focus();
      return;
    }
    void thumb.upload(chosen).then((ok) => {
      if (ok && file.current) file.current.value = '';
    });
  };

  return (
    <Modal
      id="thumbnail-dialog"
      class="modal-lg"
      title={`Thumbnail: ${video.title}`}
      onClose={onClose}
      footer={
        <>
          <Button id="thumbnail-revert" variant="ghost" disabled={busy} onClick={() => void thumb.revert()}>
            Revert to automatic
          </Button>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      {thumb.current && (
        <img
          id="thumbnail-current"
          class="thumb-current"
          src={thumb.current}
          alt={`Current thumbnail of ${video.title}`}
        />
      )}
      <p id="thumbnail-status" class="muted small" role="status">
        {thumb.status}
      </p>
      <h3 class="field-label">Pick a frame</h3>
      <div class="thumb-row">
        <Button id="thumbnail-generate" size="sm" disabled={busy} onClick={() => void thumb.generate()}>
          Generate frames
        </Button>
        <span class="muted small">then click a frame to use it</span>
      </div>
      <div id="thumbnail-frames" class="thumb-frames" aria-label="Candidate frames">
        {frames.map((f) => (
          <button
            key={f.index}
            type="button"
            class="btn btn-ghost thumb-frame"
            data-frame-index={f.index}
            data-timestamp={f.timestamp}
            disabled={busy}
            aria-label={`Use the frame at ${f.timestamp.toFixed(2)} seconds`}
            onClick={() => void thumb.select(f)}
          >
            <img src={f.url} alt="" loading="lazy" />
            <span class="small muted">{f.timestamp.toFixed(2)} s</span>
          </button>
        ))}
      </div>
      <h3 class="field-label">Upload an image (JPEG, PNG or WebP)</h3>
      <div class="thumb-row">
        <input
          ref={file}
          type="file"
          id="thumbnail-file"
          accept={ACCEPT}
          class="input input-sm"
          aria-label="Image file"
        />
        <Button id="thumbnail-upload" size="sm" disabled={busy} onClick={upload}>
          Upload image
        </Button>
      </div>
    </Modal>
  );
}

export function openThumbnailDialog(
  video: VideoListItem,
  ctx: { api: ApiClient; changed: () => void },
): void {
  openOverlay((close) => (
    <ThumbnailDialog video={video} api={ctx.api} changed={ctx.changed} onClose={close} />
  ));
}
