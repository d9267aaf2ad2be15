/**
 * Upload tab: file dropzone + title / description / category, multipart upload with byte progress, speed
 * and Cancel; validation messages for a missing file or title; on success a toast, the Videos tab and a
 * highlighted new row.
 *
 * Test hooks: `#upload-file`, `#upload-title`, `#upload-description`, `#upload-category`, `#upload-submit`,
 * `#upload-cancel`, `#upload-progress` (<progress> 0–100), `#upload-progress-text`, `#upload-error`,
 * `#upload-result` (new slug in `#upload-result-slug`).
 */
import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { UnauthorizedError, errorMessage } from '../api.js';
import { Button } from '../components/button.js';
import { componentTab, type TabProps } from '../components/component-tab.js';
import { Icon } from '../components/icon.js';
import { ProgressBar } from '../components/progress-bar.js';
import { toast } from '../components/toast.js';
import { announce } from '../../shared/dom.js';
import { formatBytes } from '../../shared/format.js';
import type { UploadResponse } from '../../shared/types.js';
import { CategoryField } from './category-field.js';
import { Dropzone } from './dropzone.js';
import { fileTypeError, titleFromFileName } from './upload-file.js';
import { sendUpload, type UploadProgress, type UploadRequest } from './upload-request.js';

type Result = { kind: 'uploaded'; title: string; response: Partial<UploadResponse> } | { kind: 'cancelled' };

function ResultBox({ result }: { result: Result | null }) {
  return (
    <div id="upload-result" class="upload-result" role="status">
      {result?.kind === 'cancelled' && <p class="muted">Upload cancelled.</p>}
      {result?.kind === 'uploaded' && (
        <div class="alert alert-success">
          <Icon name="check" />
          <p>
            Uploaded “<strong>{result.title}</strong>” as{' '}
            <code id="upload-result-slug">{result.response.slug ?? ''}</code>.{' '}
            {result.response.message ?? 'Video queued for processing.'}
          </p>
        </div>
      )}
    </div>
  );
}

function UploadPanel({ ctx, active, refreshCount }: TabProps) {
  const file = useSignal<File | null>(null);
  const title = useSignal('');
  const titleAuto = useSignal(false);
  const titleInvalid = useSignal(false);
  const description = useSignal('');
  const category = useSignal('');
  const request = useSignal<UploadRequest | null>(null);
  const progress = useSignal<UploadProgress | null>(null);
  const error = useSignal('');
  const result = useSignal<Result | null>(null);
  const categoriesKey = useSignal(0);
  const titleInput = useRef<HTMLInputElement>(null);
  const busy = request.value !== null;

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
      if (request.peek()) ev.preventDefault();
    };
    window.addEventListener('beforeunload', leaving);
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('beforeunload', leaving);
    };
  }, []);

  const chooseFile = (next: File | null): void => {
    file.value = next;
    result.value = null;
    progress.value = null;
    error.value = next ? (fileTypeError(next.name) ?? '') : '';
    if (next && (!title.value.trim() || titleAuto.value)) {
      title.value = titleFromFileName(next.name);
      titleAuto.value = true;
    }
  };

  /** The first problem with the form, focusing the field to fix; null when it can be sent. */
  const invalid = (): string | null => {
    const chosen = file.value;
    const fileInput = document.getElementById('upload-file');
    if (!chosen) {
      fileInput?.focus();
      return 'Choose a video file to upload.';
    }
    const typeError = fileTypeError(chosen.name);
    if (typeError) {
      fileInput?.focus();
      return typeError;
    }
    if (!title.value.trim()) {
      titleInvalid.value = true;
      titleInput.current?.focus();
      return 'Title is required.';
    }
    return null;
  };

  const upload = async (): Promise<void> => {
    if (request.value) return;
    error.value = invalid() ?? '';
    const chosen = file.value;
    if (error.value || !chosen) return;
    const name = title.value.trim();
    result.value = null;
    let headers: Record<string, string>;
    try {
      headers = await ctx.api.csrfHeaders();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) error.value = `Upload failed: ${errorMessage(err)}`;
      return;
    }
    // Text fields first, file last: the server can read them before the file streams in.
    const body = new FormData();
    body.append('title', name);
    body.append('description', description.value);
    if (category.value) body.append('category_id', category.value);
    body.append('file', chosen, chosen.name);
    let announced = 0;
    const req = sendUpload({
      body,
      headers,
      size: chosen.size,
      onProgress: (p) => {
        progress.value = p;
        if (p.percent >= announced + 25) {
          announced = p.percent - (p.percent % 25);
          announce(`Upload ${announced}% complete`);
        }
      },
    });
    request.value = req;
    const outcome = await req.done;
    request.value = null;
    if (outcome.kind === 'ok') succeeded(name, chosen.size, outcome.response);
    else if (outcome.kind === 'aborted') {
      progress.value = null;
      result.value = { kind: 'cancelled' };
      announce('Upload cancelled');
    } else if (outcome.kind === 'unauthorized') {
      error.value = 'Your session expired. Sign in and try again.';
      ctx.api.notifyUnauthorized();
    } else error.value = outcome.message;
  };

  const succeeded = (name: string, size: number, response: Partial<UploadResponse>): void => {
    const slug = response.slug ?? '';
    // Reset the form for the next upload (the bar stays at 100 % until a new file is chosen).
    file.value = null;
    title.value = '';
    titleAuto.value = false;
    description.value = '';
    category.value = '';
    progress.value = { percent: 100, text: `100% · ${formatBytes(size)} · Upload complete` };
    result.value = { kind: 'uploaded', title: name, response };
    toast(`Upload complete: “${name}” (${slug}) is queued for processing.`, 'success');
    const videoId = Number(response.video_id);
    if (Number.isFinite(videoId)) ctx.events.emit('video-uploaded', { video_id: videoId, slug, title: name });
    ctx.switchTab('videos');
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
          onSubmit={(ev) => {
            ev.preventDefault();
            void upload();
          }}
        >
          <Dropzone file={file.value} disabled={busy} onFile={chooseFile} />
          <div class="field">
            <label for="upload-title" class="field-label">
              Title
            </label>
            <input
              ref={titleInput}
              type="text"
              id="upload-title"
              name="title"
              class="input"
              maxLength={255}
              required
              autoComplete="off"
              disabled={busy}
              aria-invalid={titleInvalid.value ? 'true' : undefined}
              value={title.value}
              onInput={(ev) => {
                title.value = ev.currentTarget.value;
                titleAuto.value = false;
                titleInvalid.value = false;
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
              value={description.value}
              onInput={(ev) => (description.value = ev.currentTarget.value)}
            />
            <p class="field-hint muted">Optional. Shown on the watch page.</p>
          </div>
          <CategoryField
            api={ctx.api}
            value={category.value}
            onChange={(v) => (category.value = v)}
            disabled={busy}
            reloadKey={categoriesKey.value}
          />
          <div class="upload-progress" hidden={!progress.value}>
            <div class="progress-head">
              <span id="upload-progress-label">Uploading</span>
              <p id="upload-progress-text" class="progress-text">
                {progress.value?.text}
              </p>
            </div>
            <ProgressBar
              id="upload-progress"
              class="bar-lg"
              value={progress.value?.percent ?? 0}
              labelledBy="upload-progress-label"
            />
          </div>
          <p id="upload-error" class="form-error" role="alert" hidden={!error.value}>
            {error.value}
          </p>
          <div class="form-actions">
            <Button type="submit" id="upload-submit" variant="primary" icon="upload" busy={busy}>
              <span>Upload</span>
            </Button>
            <Button id="upload-cancel" hidden={!busy} onClick={() => request.value?.abort()}>
              Cancel
            </Button>
          </div>
        </form>
        <ResultBox result={result.value} />
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
