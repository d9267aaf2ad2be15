/**
 * One upload's lifecycle for the Upload tab, in signals: the running request, its byte progress, the error
 * message and the outcome. `start()` fetches a CSRF token, sends the multipart body (text fields first,
 * file last, so the server reads them before the file streams in) and settles the signals; `cancel()` aborts.
 */
import { useSignal } from '@preact/signals';
import { UnauthorizedError, errorMessage, type ApiClient } from '../api.js';
import { announce } from '../../shared/dom.js';
import { formatBytes } from '../../shared/format.js';
import type { UploadResponse } from '../../shared/types.js';
import { sendUpload, type UploadProgress, type UploadRequest } from './upload-request.js';

export interface UploadFields {
  file: File;
  title: string;
  description: string;
  /** '' for no category. */
  categoryId: string;
}

export type UploadResult =
  { kind: 'uploaded'; title: string; response: Partial<UploadResponse> } | { kind: 'cancelled' };

function formBody(f: UploadFields): FormData {
  const body = new FormData();
  body.append('title', f.title);
  body.append('description', f.description);
  if (f.categoryId) body.append('category_id', f.categoryId);
  body.append('file', f.file, f.file.name);
  return body;
}

/** Announces progress to screen readers at 25 %, 50 %, 75 %, 100 %. */
function quarterAnnouncer(): (percent: number) => void {
  let announced = 0;
  return (percent) => {
    if (percent < announced + 25) return;
    announced = percent - (percent % 25);
    announce(`Upload ${announced}% complete`);
  };
}

export function useUpload(
  api: ApiClient,
  onUploaded: (f: UploadFields, res: Partial<UploadResponse>) => void,
) {
  const request = useSignal<UploadRequest | null>(null);
  const progress = useSignal<UploadProgress | null>(null);
  const error = useSignal('');
  const result = useSignal<UploadResult | null>(null);

  async function start(fields: UploadFields): Promise<void> {
    if (request.value) return;
    error.value = '';
    result.value = null;
    let headers: Record<string, string>;
    try {
      headers = await api.csrfHeaders();
    } catch (err) {
      if (!(err instanceof UnauthorizedError)) error.value = `Upload failed: ${errorMessage(err)}`;
      return;
    }
    const announceQuarter = quarterAnnouncer();
    const req = sendUpload({
      body: formBody(fields),
      headers,
      size: fields.file.size,
      onProgress: (p) => {
        progress.value = p;
        announceQuarter(p.percent);
      },
    });
    request.value = req;
    const outcome = await req.done;
    request.value = null;
    if (outcome.kind === 'ok') {
      // The bar stays at 100 % until a new file is chosen.
      progress.value = { percent: 100, text: `100% · ${formatBytes(fields.file.size)} · Upload complete` };
      result.value = { kind: 'uploaded', title: fields.title, response: outcome.response };
      onUploaded(fields, outcome.response);
    } else if (outcome.kind === 'aborted') {
      progress.value = null;
      result.value = { kind: 'cancelled' };
      announce('Upload cancelled');
    } else if (outcome.kind === 'unauthorized') {
      error.value = 'Your session expired. Sign in and try again.';
      api.notifyUnauthorized();
    } else error.value = outcome.message;
  }

  /** A new file was chosen: forget the previous outcome; `problem` is what is wrong with the file, if anything. */
  function reset(problem: string): void {
    result.value = null;
    progress.value = null;
    error.value = problem;
  }

  return { request, progress, error, result, start, reset, cancel: () => request.value?.abort() };
}

export type Upload = ReturnType<typeof useUpload>;
