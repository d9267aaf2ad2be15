/**
 * The thumbnail dialog's requests (api-admin.md §5.7) and state: the current thumbnail, candidate frames,
 * a status line, and one request at a time (`busy`); errors become toasts. `changed()` tells the list.
 */
import { useEffect, useState } from 'preact/hooks';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { toast } from '../components/toast.js';

export interface ThumbnailState {
  thumbnail_url: string | null;
  thumbnail_source: string;
  thumbnail_timestamp: number | null;
}

export interface Frame {
  index: number;
  timestamp: number;
  url: string;
}

function describe(state: ThumbnailState): string {
  if (state.thumbnail_source === 'selected' && state.thumbnail_timestamp != null)
    return `Frame at ${state.thumbnail_timestamp.toFixed(2)} s`;
  if (state.thumbnail_source === 'custom') return 'Custom image';
  return 'Automatic frame';
}

/** A URL that bypasses the browser cache for files regenerated under the same name. */
const fresh = (url: string) => `${url}${url.includes('?') ? '&' : '?'}t=${Date.now()}`;

export function useThumbnail(api: ApiClient, videoId: number, changed: () => void) {
  const base = `/api/videos/${videoId}/thumbnail`;
  const [current, setCurrent] = useState<string | null>(null);
  const [status, setStatus] = useState('Loading…');
  const [frames, setFrames] = useState<Frame[]>([]);
  const [busy, setBusy] = useState(false);

  /** Resolves true when the request succeeded. */
  async function run(
    label: string,
    request: () => Promise<ThumbnailState>,
    didChange = true,
  ): Promise<boolean> {
    setBusy(true);
    setStatus(label);
    try {
      const next = await request();
      setCurrent(next.thumbnail_url ? fresh(next.thumbnail_url) : null);
      setStatus(describe(next));
      if (didChange) changed();
      return true;
    } catch (err) {
      setStatus('Failed');
      if (!(err instanceof UnauthorizedError)) toast(errorMessage(err), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }

  /** A change that replaces the thumbnail: clears the candidates and confirms with a toast. */
  const replace = (label: string, path: string, body: unknown, done: string) =>
    run(label, async () => {
      const next = await api.post<ThumbnailState>(`${base}/${path}`, body, { timeoutMs: 120_000 });
      setFrames([]);
      toast(done, 'success');
      return next;
    });

  useEffect(() => void run('Loading…', () => api.get<ThumbnailState>(base), false), []);

  return {
    current,
    status,
    frames,
    busy,
    generate: () =>
      run(
        'Generating frames…',
        async () => {
          const res = await api.post<{ frames: Frame[] }>(`${base}/frames`, undefined, {
            timeoutMs: 180_000,
          });
          setFrames(res.frames.map((f) => ({ ...f, url: fresh(f.url) })));
          return api.get<ThumbnailState>(base);
        },
        false,
      ),
    select: (f: Frame) =>
      replace('Setting the thumbnail…', 'select', { timestamp: f.timestamp }, 'Thumbnail updated'),
    upload: (image: File) => {
      const form = new FormData();
      form.append('file', image, image.name);
      return replace('Uploading…', 'upload', form, 'Custom thumbnail uploaded');
    },
    revert: () =>
      replace('Restoring the automatic thumbnail…', 'revert', undefined, 'Automatic thumbnail restored'),
  };
}
