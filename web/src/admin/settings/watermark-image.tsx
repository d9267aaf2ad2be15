/**
 * The Watermark sub-tab's image (api-admin.md §13): a preview of the configured file, upload (which then
 * points watermark.image at the uploaded file) and delete. The watermark.* fields are listed below it
 * like every category's. Test hooks: `#watermark-image`, `#watermark-preview`, `#watermark-file`,
 * `#watermark-delete`.
 */
import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { errorMessage, type ApiClient } from '../api.js';
import { Button } from '../components/button.js';
import { confirmDialog } from '../components/confirm.js';
import { toast } from '../components/toast.js';
import type { WatermarkSettings, WatermarkUploadResult } from '../../shared/types.js';

const ACCEPT = '.png,.jpg,.jpeg,.webp,.svg,.gif';

export function WatermarkImage(props: { api: ApiClient; onChanged: () => void }) {
  const { api } = props;
  const state = useSignal<WatermarkSettings | null>(null);
  const busy = useSignal(false);
  const version = useSignal(0);

  async function reload(): Promise<void> {
    try {
      state.value = await api.get<WatermarkSettings>('/api/settings/watermark');
      version.value++;
    } catch (err) {
      toast(`Could not read the watermark: ${errorMessage(err)}`, 'error');
    }
  }
  useEffect(() => void reload(), []);

  async function upload(file: File): Promise<void> {
    busy.value = true;
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const res = await api.post<WatermarkUploadResult>('/api/settings/watermark/upload', form);
      if (state.value?.image !== res.path)
        await api.put(`/api/settings/key/watermark.image`, { value: res.path });
      toast(`Watermark image uploaded (${res.path})`, 'success');
      await reload();
      props.onChanged();
    } catch (err) {
      toast(`Upload failed: ${errorMessage(err)}`, 'error');
    } finally {
      busy.value = false;
    }
  }

  async function remove(): Promise<void> {
    const ok = await confirmDialog({
      title: 'Delete the watermark image?',
      message: 'The file is deleted; the player shows no image watermark until a new one is uploaded.',
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    busy.value = true;
    try {
      await api.delete('/api/settings/watermark');
      toast('Watermark image deleted', 'success');
      await reload();
    } catch (err) {
      toast(`Delete failed: ${errorMessage(err)}`, 'error');
    } finally {
      busy.value = false;
    }
  }

  const s = state.value;
  return (
    <section id="watermark-image" class="watermark-image" aria-label="Watermark image">
      <div class="watermark-preview-box">
        {s?.image_url ? (
          <img
            id="watermark-preview"
            src={`${s.image_url}?v=${version.value}`}
            alt="Current watermark image"
          />
        ) : (
          <p class="muted small">{s?.image ? `No file at ${s.image}` : 'No watermark image uploaded'}</p>
        )}
      </div>
      <div class="toolbar">
        <label class={`btn btn-secondary${busy.value ? ' is-disabled' : ''}`}>
          Upload image
          <input
            id="watermark-file"
            type="file"
            accept={ACCEPT}
            class="sr-only"
            disabled={busy.value}
            onChange={(ev) => {
              const file = ev.currentTarget.files?.[0];
              ev.currentTarget.value = '';
              if (file) void upload(file);
            }}
          />
        </label>
        {s?.image_exists ? (
          <Button id="watermark-delete" variant="danger" busy={busy.value} onClick={() => void remove()}>
            Delete image
          </Button>
        ) : null}
      </div>
      <p class="muted small">
        PNG, JPEG, WebP, SVG or GIF. Turn the overlay on with watermark.enabled below.
      </p>
    </section>
  );
}
