/**
 * Thumbnail dialog (api-admin.md §5.7): shows the current thumbnail; "Generate frames" grabs five
 * candidates, clicking one selects it; a custom image can be uploaded; "Revert" restores the
 * automatic frame. Layout uses element.style (allowed by the CSP; no inline style attributes).
 *
 * Test hooks: `#thumbnail-dialog`, `#thumbnail-current` (img), `#thumbnail-status`,
 * `#thumbnail-generate`, `#thumbnail-frames` with buttons `[data-frame-index]`, `#thumbnail-file`,
 * `#thumbnail-upload`, `#thumbnail-revert`.
 */
import { UnauthorizedError, errorMessage, type ApiClient } from './api.js';
import { h, openModal, replaceChildren, toast } from './dom.js';
import type { VideoListItem } from '../shared/types.js';

interface ThumbnailState {
  thumbnail_url: string | null;
  thumbnail_source: string;
  thumbnail_timestamp: number | null;
}

interface FramesResponse {
  frames: Array<{ index: number; timestamp: number; url: string }>;
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

export function openThumbnailModal(v: VideoListItem, ctx: { api: ApiClient; changed: () => void }): void {
  const base = `/api/videos/${v.id}/thumbnail`;
  const modal = openModal({ title: `Thumbnail: ${v.title}`, className: 'modal-lg' });
  modal.dialog.id = 'thumbnail-dialog';

  const current = h('img', { id: 'thumbnail-current', alt: `Current thumbnail of ${v.title}` });
  Object.assign(current.style, {
    display: 'block',
    maxWidth: '100%',
    maxHeight: '240px',
    borderRadius: '8px',
  });
  const status = h('p', { id: 'thumbnail-status', class: 'muted small', role: 'status' }, 'Loading…');
  const frames = h('div', { id: 'thumbnail-frames', 'aria-label': 'Candidate frames' });
  Object.assign(frames.style, {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))',
    gap: '10px',
    margin: '10px 0',
  });
  const generate = h(
    'button',
    { type: 'button', id: 'thumbnail-generate', class: 'btn btn-secondary btn-sm' },
    'Generate frames',
  );
  const file = h('input', { type: 'file', id: 'thumbnail-file', accept: ACCEPT, class: 'input input-sm' });
  const upload = h(
    'button',
    { type: 'button', id: 'thumbnail-upload', class: 'btn btn-secondary btn-sm' },
    'Upload image',
  );
  const revert = h(
    'button',
    { type: 'button', id: 'thumbnail-revert', class: 'btn btn-ghost' },
    'Revert to automatic',
  );
  const close = h('button', { type: 'button', class: 'btn btn-primary' }, 'Done');
  close.addEventListener('click', () => modal.close());

  const row = () => {
    const el = h('div');
    Object.assign(el.style, { display: 'flex', gap: '10px', alignItems: 'center', flexWrap: 'wrap' });
    return el;
  };
  const pickRow = row();
  pickRow.append(generate, h('span', { class: 'muted small' }, 'then click a frame to use it'));
  const uploadRow = row();
  uploadRow.append(file, upload);
  modal.body.append(
    current,
    status,
    h('h3', { class: 'field-label' }, 'Pick a frame'),
    pickRow,
    frames,
    h('h3', { class: 'field-label' }, 'Upload an image (JPEG, PNG or WebP)'),
    uploadRow,
  );
  modal.footer.append(revert, close);

  const controls = (): HTMLButtonElement[] => [
    generate,
    upload,
    revert,
    ...frames.querySelectorAll('button'),
  ];
  const show = (state: ThumbnailState) => {
    status.textContent = describe(state);
    if (state.thumbnail_url) {
      current.hidden = false;
      current.src = fresh(state.thumbnail_url);
    } else {
      current.hidden = true;
    }
  };

  /** One request at a time: every control is disabled meanwhile; errors become toasts. */
  async function busy(label: string, request: () => Promise<ThumbnailState | void>, changed = true) {
    const buttons = controls();
    for (const b of buttons) b.disabled = true;
    status.textContent = label;
    try {
      const state = await request();
      if (state) show(state);
      if (changed) ctx.changed();
    } catch (err) {
      status.textContent = 'Failed';
      if (!(err instanceof UnauthorizedError)) toast(errorMessage(err), 'error');
    } finally {
      for (const b of controls()) b.disabled = false;
    }
  }

  function frameButton(f: FramesResponse['frames'][number]): HTMLButtonElement {
    const img = h('img', { src: fresh(f.url), alt: '', loading: 'lazy' });
    Object.assign(img.style, { display: 'block', width: '100%', borderRadius: '6px' });
    const button = h(
      'button',
      {
        type: 'button',
        class: 'btn btn-ghost',
        dataset: { frameIndex: f.index, timestamp: f.timestamp },
        'aria-label': `Use the frame at ${f.timestamp.toFixed(2)} seconds`,
      },
      img,
      h('span', { class: 'small muted' }, `${f.timestamp.toFixed(2)} s`),
    );
    Object.assign(button.style, { flexDirection: 'column', padding: '4px', height: 'auto' });
    button.addEventListener(
      'click',
      () =>
        void busy('Setting the thumbnail…', async () => {
          const state = await ctx.api.post<ThumbnailState>(
            `${base}/select`,
            { timestamp: f.timestamp },
            { timeoutMs: 60_000 },
          );
          replaceChildren(frames);
          toast('Thumbnail updated', 'success');
          return state;
        }),
    );
    return button;
  }

  generate.addEventListener(
    'click',
    () =>
      void busy(
        'Generating frames…',
        async () => {
          const res = await ctx.api.post<FramesResponse>(`${base}/frames`, undefined, { timeoutMs: 180_000 });
          replaceChildren(frames, ...res.frames.map(frameButton));
          return ctx.api.get<ThumbnailState>(base);
        },
        false,
      ),
  );

  upload.addEventListener('click', () => {
    const chosen = file.files?.[0];
    if (!chosen) {
      toast('Choose an image first', 'error');
      file.focus();
      return;
    }
    const form = new FormData();
    form.append('file', chosen, chosen.name);
    void busy('Uploading…', async () => {
      const state = await ctx.api.post<ThumbnailState>(`${base}/upload`, form, { timeoutMs: 120_000 });
      file.value = '';
      replaceChildren(frames);
      toast('Custom thumbnail uploaded', 'success');
      return state;
    });
  });

  revert.addEventListener(
    'click',
    () =>
      void busy('Restoring the automatic thumbnail…', async () => {
        const state = await ctx.api.post<ThumbnailState>(`${base}/revert`, undefined, { timeoutMs: 60_000 });
        toast('Automatic thumbnail restored', 'success');
        return state;
      }),
  );

  void busy('Loading…', () => ctx.api.get<ThumbnailState>(base), false);
}
