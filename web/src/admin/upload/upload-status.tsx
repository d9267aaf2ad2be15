/**
 * What the Upload tab shows about the upload: the byte progress box, the error line and the outcome.
 * Test hooks: `#upload-progress`, `#upload-progress-text`, `#upload-error`, `#upload-result`,
 * `#upload-result-slug`.
 */
import { Icon } from '../components/icon.js';
import { ProgressBar } from '../components/progress-bar.js';
import type { Upload } from './use-upload.js';

export function UploadProgressBox({ upload }: { upload: Upload }) {
  const progress = upload.progress.value;
  return (
    <>
      <div class="upload-progress" hidden={!progress}>
        <div class="progress-head">
          <span id="upload-progress-label">Uploading</span>
          <p id="upload-progress-text" class="progress-text">
            {progress?.text}
          </p>
        </div>
        <ProgressBar
          id="upload-progress"
          class="bar-lg"
          value={progress?.percent ?? 0}
          labelledBy="upload-progress-label"
        />
      </div>
      <p id="upload-error" class="form-error" role="alert" hidden={!upload.error.value}>
        {upload.error.value}
      </p>
    </>
  );
}

export function UploadResultBox({ upload }: { upload: Upload }) {
  const result = upload.result.value;
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
