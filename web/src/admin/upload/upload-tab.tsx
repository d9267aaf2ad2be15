/**
 * Upload tab: file dropzone + title / description / category, multipart upload with byte progress, speed
 * and Cancel (use-upload.ts); validation messages for a missing file, an unsupported type or a missing
 * title; on success a toast, the Videos tab and a highlighted new row.
 *
 * Test hooks: `#upload-file`, `#upload-title`, `#upload-description`, `#upload-category`, `#upload-submit`,
 * `#upload-cancel`, and those of upload-status.tsx.
 */
import { useSignal, type Signal } from '@preact/signals';
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { toast } from '../components/toast.js';
import type { TabContext } from '../tabs.js';
import type { UploadResponse } from '../../shared/types.js';
import { CategoryField } from './category-field.js';
import { Dropzone } from './dropzone.js';
import { fileTypeError, titleFromFileName } from './upload-file.js';
import { UploadProgressBox, UploadResultBox } from './upload-status.js';
import { useUpload, type Upload, type UploadFields } from './use-upload.js';

/** The form's fields; `titleAuto` marks a title suggested from the file name (a new file may replace it). */
interface Form {
  file: Signal<File | null>;
  title: Signal<string>;
  titleAuto: Signal<boolean>;
  titleInvalid: Signal<boolean>;
  description: Signal<string>;
  category: Signal<string>;
}

function useForm(): Form {
  return {
    file: useSignal<File | null>(null),
    title: useSignal(''),
    titleAuto: useSignal(false),
    titleInvalid: useSignal(false),
    description: useSignal(''),
    category: useSignal(''),
  };
}

/** The first problem with the form, focusing the field to fix; null when it can be sent. */
function firstProblem(form: Form, titleInput: HTMLInputElement | null): string | null {
  const file = form.file.value;
  const fileInput = document.getElementById('upload-file');
  const typeError = file ? fileTypeError(file.name) : 'Choose a video file to upload.';
  if (typeError) {
    fileInput?.focus();
    return typeError;
  }
  if (!form.title.value.trim()) {
    form.titleInvalid.value = true;
    titleInput?.focus();
    return 'Title is required.';
  }
  return null;
}

/** After a successful upload: toast, reset the form, show the new row on the Videos tab. */
function uploaded(ctx: TabContext, form: Form, f: UploadFields, res: Partial<UploadResponse>): void {
  const slug = res.slug ?? '';
  form.file.value = null;
  form.title.value = '';
  form.titleAuto.value = false;
  form.description.value = '';
  form.category.value = '';
  toast(`Upload complete: “${f.title}” (${slug}) is queued for processing.`, 'success');
  const videoId = Number(res.video_id);
  if (Number.isFinite(videoId))
    ctx.events.emit('video-uploaded', { video_id: videoId, slug, title: f.title });
  ctx.switchTab('videos');
}

function TextFields(props: { form: Form; busy: boolean; titleRef: RefObject<HTMLInputElement | null> }) {
  const { form, busy } = props;
  return (
    <>
      <div class="field">
        <label for="upload-title" class="field-label">
          Title
        </label>
        <input
          ref={props.titleRef}
          type="text"
          id="upload-title"
          name="title"
          class="input"
          maxLength={255}
          required
          autoComplete="off"
          disabled={busy}
          aria-invalid={form.titleInvalid.value ? 'true' : undefined}
          value={form.title.value}
          onInput={(ev) => {
            form.title.value = ev.currentTarget.value;
            form.titleAuto.value = false;
            form.titleInvalid.value = false;
          }}
        />
      </div>
      <div class="field">
        <label for="upload-description" class="field-label">
          Description
        </label>
        <textarea
          id="upload-description"
          name="description"
          class="input"
          rows={4}
          maxLength={5000}
          disabled={busy}
          value={form.description.value}
          onInput={(ev) => (form.description.value = ev.currentTarget.value)}
        />
        <p class="field-hint muted">Optional. Shown on the watch page.</p>
      </div>
    </>
  );
}

/** Categories load when the tab is first shown and again after signing in; leaving warns mid-upload. */
function useTabLifecycle({ active, refreshCount }: TabProps, upload: Upload): Signal<number> {
  const categoriesKey = useSignal(0);
  useEffect(() => {
    const offs = [
      active.subscribe((on) => {
        if (on && categoriesKey.peek() === 0) categoriesKey.value = 1;
      }),
      refreshCount.subscribe((n) => {
        if (n > 0) categoriesKey.value += 1;
      }),
    ];
    const leaving = (ev: BeforeUnloadEvent): void => {
      if (upload.request.peek()) ev.preventDefault();
    };
    window.addEventListener('beforeunload', leaving);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('beforeunload', leaving);
    };
  }, []);
  return categoriesKey;
}

function UploadPanel(props: TabProps) {
  const { ctx } = props;
  const form = useForm();
  const titleInput = useRef<HTMLInputElement>(null);
  const upload = useUpload(ctx.api, (f, res) => uploaded(ctx, form, f, res));
  const categoriesKey = useTabLifecycle(props, upload);
  const busy = upload.request.value !== null;

  const chooseFile = (next: File | null): void => {
    form.file.value = next;
    upload.reset(next ? (fileTypeError(next.name) ?? '') : '');
    if (next && (!form.title.value.trim() || form.titleAuto.value)) {
      form.title.value = titleFromFileName(next.name);
      form.titleAuto.value = true;
    }
  };

  const submit = (ev: Event): void => {
    ev.preventDefault();
    if (busy) return;
    const problem = firstProblem(form, titleInput.current);
    upload.error.value = problem ?? '';
    const file = form.file.value;
    if (problem || !file) return;
    const fields = { file, title: form.title.value.trim(), description: form.description.value };
    void upload.start({ ...fields, categoryId: form.category.value });
  };

  return (
    <>
      <div class="panel-head">
        <div class="panel-title-row">
          <h2 class="panel-title" id="upload-heading">
            Upload video
          </h2>
        </div>
      </div>
      <div class="card form-card">
        <form
          id="upload-form"
          class="upload-form"
          noValidate
          aria-labelledby="upload-heading"
          onSubmit={submit}
        >
          <Dropzone file={form.file.value} disabled={busy} onFile={chooseFile} />
          <TextFields form={form} busy={busy} titleRef={titleInput} />
          <CategoryField
            api={ctx.api}
            value={form.category.value}
            onChange={(v) => (form.category.value = v)}
            disabled={busy}
            reloadKey={categoriesKey.value}
          />
          <UploadProgressBox upload={upload} />
          <div class="form-actions">
            <Button type="submit" id="upload-submit" variant="primary" icon="upload" busy={busy}>
              <span>Upload</span>
            </Button>
            <Button id="upload-cancel" hidden={!busy} onClick={upload.cancel}>
              Cancel
            </Button>
          </div>
        </form>
        <UploadResultBox upload={upload} />
      </div>
    </>
  );
}

export const uploadTab = componentTab({
  id: 'upload',
  label: 'Upload',
  icon: 'upload',
  Component: UploadPanel,
});
