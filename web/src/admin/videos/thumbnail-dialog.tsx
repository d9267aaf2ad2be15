/**
 * Thumbnail dialog (api-admin.md §5.7): the current thumbnail; "Generate frames" grabs five candidates and
 * clicking one selects it; a custom image can be uploaded; "Revert" restores the automatic frame.
 *
 * Test hooks: `#thumbnail-dialog`, `#thumbnail-current` (img), `#thumbnail-status`, `#thumbnail-generate`,
 * `#thumbnail-frames` with buttons `[data-frame-index]`, `#thumbnail-file`, `#thumbnail-upload`,
 * `#thumbnail-revert`.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { Modal, openOverlay } from '../components/modal.js';
import { toast } from '../components/toast.js';
import type { VideoListItem } from '../../shared/types.js';

interface ThumbnailState {
  thumbnail_url: string | null;
  thumbnail_source: string;
  thumbnail_timestamp: number | null;
}

interface Frame {
  index: number;
  timestamp: number;
  url: string;
}

const ACCEPT = '.jpg,.jpeg,.png,.webp';

function describe(state: ThumbnailState): string {
  if (state.thumbnail_source === 'selected' && state.thumbnail_timestamp != null)
    return `Frame at ${state.thumbnail_timestamp.toFixed(2)} s`;
  if (state.thumbnail_source === 'custom') return 'Custom image';
  return 'Automatic frame';
}

/** A URL that bypasses the browser cache for files regenerated under the same name. */
const fresh = (url: string) => `${url}${url.includes('?') ? '&' : '?'}t=${Date.now()}`;

interface Props {
  video: VideoListItem;
  api: ApiClient;
  changed: () => void;
  onClose: () => void;
}

function ThumbnailDialog({ video, api, changed, onClose }: Props) {
  const base = `/api/videos/${video.id}/thumbnail`;
  const [state, setState] = useState<ThumbnailState | null>(null);
  const [status, setStatus] = useState('Loading…');
  const [frames, setFrames] = useState<Frame[]>([]);
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);

  /** One request at a time: every control is disabled meanwhile; errors become toasts. */
  async function run(label: string, request: () => Promise<ThumbnailState>, didChange = true): Promise<void> {
    setBusy(true);
    setStatus(label);
    try {
      const next = await request();
      setState({ ...next, thumbnail_url: next.thumbnail_url ? fresh(next.thumbnail_url) : null });
      setStatus(describe(next));
      if (didChange) changed();
    } catch (err) {
      setStatus('Failed');
      if (!(err instanceof UnauthorizedError)) toast(errorMessage(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => void run('Loading…', () => api.get<ThumbnailState>(base), false), []);

  const generate = () =>
    void run(
      'Generating frames…',
      async () => {
        const res = await api.post<{ frames: Frame[] }>(`${base}/frames`, undefined, { timeoutMs: 180_000 });
        setFrames(res.frames.map((f) => ({ ...f, url: fresh(f.url) })));
        return api.get<ThumbnailState>(base);
      },
      false,
    );

  const select = (f: Frame) =>
    void run('Setting the thumbnail…', async () => {
      const next = await api.post<ThumbnailState>(
        `${base}/select`,
        { timestamp: f.timestamp },
        { timeoutMs: 60_000 },
      );
      setFrames([]);
      toast('Thumbnail updated', 'success');
      return next;
    });

  const upload = () => {
    const chosen = file.current?.files?.[0];
    if (!chosen) {
      toast('Choose an image first', 'error');
      file.current?.focus();
      return;
    }
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    void run('Uploading…', async () => {
      const next = await api.post<ThumbnailState>(`${base}/upload`, form, { timeoutMs: 120_000 });
      if (file.current) file.current.value = '';
      setFrames([]);
      toast('Custom thumbnail uploaded', 'success');
      return next;
    });
  };

  const revert = () =>
    void run('Restoring the automatic thumbnail…', async () => {
      const next = await api.post<ThumbnailState>(`${base}/revert`, undefined, { timeoutMs: 60_000 });
      toast('Automatic thumbnail restored', 'success');
      return next;
    });

  return (
    <Modal
      id="thumbnail-dialog"
      class="modal-lg"
      title={`Thumbnail: ${video.title}`}
      onClose={onClose}
      footer={
        <>
          <Button id="thumbnail-revert" variant="ghost" disabled={busy} onClick={revert}>
            Revert to automatic
          </Button>
          <Button variant="primary" onClick={onClose}>
            Done
          </Button>
        </>
      }
    >
      {state?.thumbnail_url && (
        <img
          id="thumbnail-current"
          class="thumb-current"
          src={state.thumbnail_url}
          alt={`Current thumbnail of ${video.title}`}
        />
      )}
      <p id="thumbnail-status" class="muted small" role="status">
        {status}
      </p>
      <h3 class="field-label">Pick a frame</h3>
      <div class="thumb-row">
        <Button id="thumbnail-generate" size="sm" disabled={busy} onClick={generate}>
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
            onClick={() => select(f)}
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
